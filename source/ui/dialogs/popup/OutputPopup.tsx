// A command's output (ping, a recipe's steps, the warnings) while it runs and
// after; the panes above stay live. It follows the newest lines until scrolled
// up (j k ↑ ↓ PgUp PgDn g G Home End); Esc, Enter or q close it (a running
// command goes on).
import {Box, Text, useInput} from 'ink';
import {useRef, useState} from 'react';
import {Shown} from '../../app/Shown.js';
import {useTone} from '../../app/theme.js';

type Props = {title: string; lines: readonly string[]; running: boolean; rows: number; onClose(): void};

export function OutputPopup({title, lines, running, rows, onClose}: Props) {
	const tone = useTone();
	// Lines under the title and above the key line.
	const height = Math.max(rows - 2, 1);
	const last = Math.max(lines.length - height, 0);
	// The first line shown; null: the newest lines, following what comes in.
	const [top, setTop] = useState<number | null>(null);
	const from = top === null ? last : Math.min(top, last);
	// Keys that come faster than renders each build on the one before.
	const lastLine = useRef(last);
	lastLine.current = last;
	const scroll = (to: (from: number, last: number) => number) =>
		setTop(previous => {
			const end = lastLine.current;
			const line = to(previous === null ? end : Math.min(previous, end), end);
			return line >= end ? null : Math.max(line, 0);
		});
	const page = Math.max(height - 1, 1);
	useInput((input, key) => {
		if (key.escape || key.return || input === 'q') onClose();
		else if (key.upArrow || input === 'k') scroll(at => at - 1);
		else if (key.downArrow || input === 'j') scroll(at => at + 1);
		else if (key.pageUp) scroll(at => at - page);
		else if (key.pageDown) scroll(at => at + page);
		else if (input === 'g' || key.home) scroll(() => 0);
		else if (input === 'G' || key.end) scroll((_at, end) => end);
	});
	const visible = lines.slice(from, from + height);
	const position = lines.length > height ? `  lines ${from + 1}-${from + visible.length} of ${lines.length}` : '';
	const scrollKeys = lines.length > height ? 'j k PgUp PgDn g G scroll · ' : '';
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate-end">
				<Shown text={title} />
				{running ? <Text {...tone('warning')}> running…</Text> : null}
				<Text {...tone('muted')}>{position}</Text>
			</Text>
			{visible.map((line, index) => (
				<Text key={from + index} wrap="truncate-end">
					<Shown text={line} />
				</Text>
			))}
			<Text {...tone('muted')}>{scrollKeys}{running ? 'Esc closes (it goes on; the result shows in the status bar)' : 'Esc, Enter or q closes'}</Text>
		</Box>
	);
}
