// Asks before something destructive runs, naming what goes with it.
// Only `y` confirms; `n`, Esc and Enter cancel, so a stray Enter never deletes
// (confirm-keys.ts).
import {Box, Text} from 'ink';
import type {Consequences} from '../../../model/consequences.js';
import {Shown} from '../../app/Shown.js';
import {useTone} from '../../app/theme.js';
import {keysInWords} from '../../keys/key-press.js';
import type {KeyEntry} from '../../keys/key-table.js';
import {confirmTable} from './confirm-keys.js';

type Props = {consequences: Consequences};

/** Lines inside the frame: the title, the consequences, the question. */
export const confirmHeight = (consequences: Consequences) => 2 + consequences.lines.length;

export function ConfirmDialog({consequences}: Props) {
	const tone = useTone();
	const [yes, no] = confirmTable.entries as [KeyEntry, KeyEntry];
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
			<Text
				{...tone('warning')}
			>{`${keysInWords(yes.keys)} confirms · ${keysInWords(no.keys)} cancel`}</Text>
		</Box>
	);
}
