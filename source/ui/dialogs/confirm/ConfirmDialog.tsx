// Asks before something destructive runs, naming what goes with it.
// Only `y` confirms; `n`, Esc and Enter cancel, so a stray Enter never deletes.
import {Box, Text, useInput} from 'ink';
import type {Consequences} from '../../../model/consequences.js';
import {Shown} from '../../app/Shown.js';
import {useTone} from '../../app/theme.js';

type Props = {consequences: Consequences; onConfirm(): void; onCancel(): void};

export function ConfirmDialog({consequences, onConfirm, onCancel}: Props) {
	const tone = useTone();
	useInput((input, key) => {
		if (input === 'y' && !key.ctrl && !key.meta) onConfirm();
		else if (input === 'n' || key.escape || key.return) onCancel();
	});
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate-end">
				<Shown text={consequences.title} />
			</Text>
			{consequences.lines.map((line, index) => (
				<Text key={index} wrap="truncate-end">
					{'  '}
					<Shown text={line} />
				</Text>
			))}
			<Text {...tone('warning')}>y confirms · n, Esc or Enter cancel</Text>
		</Box>
	);
}
