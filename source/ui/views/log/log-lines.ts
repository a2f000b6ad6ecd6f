// The command log's lines: each command as a line that pastes into a shell,
// the facts as comments, folded to the width (never cut: a command must stay whole).
import {shown} from '../../../model/shown-text.js';
import {clockTime} from '../../../model/text-cells.js';
import type {CommandLog, LoggedCommand} from '../../../system/command-log.js';
import type {ToneLine} from '../../app/ToneLines.js';

export type Line = ToneLine;

function status(entry: LoggedCommand): string {
	if (entry.timedOut) return 'timed out';
	if (entry.missing) return 'not installed';
	return entry.exitCode === null ? 'killed' : `exit ${entry.exitCode}`;
}

export function logLines(entries: readonly LoggedCommand[]): Line[] {
	return entries.flatMap(entry => [
		{
			text: `# ${clockTime(Date.parse(entry.startedAt))}  ${status(entry)}  ${entry.durationMs} ms`,
			tone: entry.ok ? 'muted' : 'error',
		} satisfies Line,
		{text: shown(entry.line)},
		...entry.stderr
			.split('\n')
			.filter(line => line.trim() !== '')
			.map(line => ({text: `#   ${shown(line)}`, tone: 'error'}) satisfies Line),
	]);
}

/** Long lines are folded, not cut: a command must stay whole to be pasted. */
function fold(lines: readonly Line[], width: number): Line[] {
	return lines.flatMap(line => {
		if (line.text.length <= width) return [line];
		const parts: Line[] = [];
		for (let start = 0; start < line.text.length; start += width)
			parts.push({...line, text: line.text.slice(start, start + width)});
		return parts;
	});
}

/** The lines on screen for a body `width` x `height`: the rows, and the folded lines. */
export function logScreen(log: CommandLog, width: number, height: number) {
	const rows = Math.max(height - 2 - (log.getFileError() ? 1 : 0), 1);
	const lines = fold(logLines(log.getSnapshot()), Math.max(width, 10));
	return {rows, lines, max: Math.max(lines.length - rows, 0)};
}
