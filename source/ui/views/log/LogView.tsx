// `l`: every command nstui ran this session, oldest first, as lines that paste
// into a shell: the facts (time, exit status, duration, stderr) as comments,
// then the command itself. Opens at the newest; keys in log-keys.ts.
import {Box, Text} from 'ink';
import {useSyncExternalStore} from 'react';
import {shown} from '../../../model/shown-text.js';
import {cell, clockTime} from '../../../model/text-cells.js';
import {commandLog, type CommandLog, type LoggedCommand} from '../../../system/command-log.js';
import {useTone, type Tone} from '../../app/theme.js';

type Props = {width: number; height: number; up: number; log?: CommandLog};

type Line = {text: string; tone?: Tone};

function status(entry: LoggedCommand): string {
	if (entry.timedOut) return 'timed out';
	if (entry.missing) return 'not installed';
	return entry.exitCode === null ? 'killed' : `exit ${entry.exitCode}`;
}

export function logLines(entries: readonly LoggedCommand[]): Line[] {
	return entries.flatMap(entry => [
		{text: `# ${clockTime(Date.parse(entry.startedAt))}  ${status(entry)}  ${entry.durationMs} ms`, tone: entry.ok ? 'muted' : 'error'} as Line,
		{text: shown(entry.line)},
		...entry.stderr
			.split('\n')
			.filter(line => line.trim() !== '')
			.map(line => ({text: `#   ${shown(line)}`, tone: 'error'}) as Line),
	]);
}

/** Long lines are folded, not cut: a command must stay whole to be pasted. */
function fold(lines: readonly Line[], width: number): Line[] {
	return lines.flatMap(line => {
		if (line.text.length <= width) return [line];
		const parts: Line[] = [];
		for (let start = 0; start < line.text.length; start += width) parts.push({...line, text: line.text.slice(start, start + width)});
		return parts;
	});
}

/** The lines on screen for a body `width` x `height`: the rows, and the folded lines. */
export function logScreen(log: CommandLog, width: number, height: number) {
	const rows = Math.max(height - 2 - (log.getFileError() ? 1 : 0), 1);
	const lines = fold(logLines(log.getSnapshot()), Math.max(width, 10));
	return {rows, lines, max: Math.max(lines.length - rows, 0)};
}

export function LogView({width, height, up: scrolled, log = commandLog}: Props) {
	const tone = useTone();
	const entries = useSyncExternalStore(log.subscribe, log.getSnapshot, log.getSnapshot);
	const fileError = log.getFileError();
	const {rows, lines, max} = logScreen(log, width, height);
	const up = Math.min(scrolled, max);
	const end = lines.length - up;
	const visible = lines.slice(Math.max(end - rows, 0), end);
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text wrap="truncate-end" {...tone('paneTitleFocused')}>
				{cell(` Command log  ${entries.length} command${entries.length === 1 ? '' : 's'}  (Esc, l or q closes; j/k scroll)`, width)}
			</Text>
			{fileError ? <Text {...tone('error')}>{shown(fileError)}</Text> : null}
			{entries.length === 0 ? <Text {...tone('muted')}> nothing run yet this session</Text> : null}
			{visible.map((line, index) => (
				<Text key={index} wrap="truncate-end" {...(line.tone ? tone(line.tone) : {})}>
					{line.text}
				</Text>
			))}
		</Box>
	);
}
