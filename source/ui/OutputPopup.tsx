// A command's output (ping, a recipe's steps) while it runs and after; the
// panes above stay live. Esc, Enter or q close it (a running command goes on).
import {Box, Text, useInput} from 'ink';
import {Shown} from './Shown.js';
import {useTone} from './theme.js';

type Props = {title: string; lines: readonly string[]; running: boolean; rows: number; onClose(): void};

export function OutputPopup({title, lines, running, rows, onClose}: Props) {
	const tone = useTone();
	useInput((input, key) => {
		if (key.escape || key.return || input === 'q') onClose();
	});
	// The newest lines, as many as fit under the title and the key line.
	const newest = lines.slice(-Math.max(rows - 2, 1));
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate-end">
				<Shown text={title} />
				{running ? <Text {...tone('warning')}> running…</Text> : null}
			</Text>
			{newest.map((line, index) => (
				<Text key={index} wrap="truncate-end">
					<Shown text={line} />
				</Text>
			))}
			<Text {...tone('muted')}>{running ? 'Esc closes (it goes on; the result shows in the status bar)' : 'Esc, Enter or q closes'}</Text>
		</Box>
	);
}
