// Asks before something destructive runs, naming what goes with it: first,
// in red, how it can cut the operator off; every line wrapped to the width,
// never cut, so a long list is read whole.
// Only `y` confirms; `n`, Esc and Enter cancel, so a stray Enter never deletes
// (confirm-keys.ts).
import {Box, Text} from 'ink';
import type {Consequences} from '../../../model/consequences.js';
import {shown} from '../../../model/shown-text.js';
import {wrapText} from '../../../model/text-cells.js';
import {useTone} from '../../app/theme.js';
import {keysInWords} from '../../keys/key-press.js';
import type {KeyEntry} from '../../keys/key-table.js';
import {confirmTable} from './confirm-keys.js';

type Props = {consequences: Consequences; width: number};

type Row = {text: string; tone: 'title' | 'danger' | 'plain'};

/** The lines inside the frame, wrapped to `width`: the title, the dangers, the consequences (the question follows). */
export function confirmRows(consequences: Consequences, width: number): Row[] {
	const wrap = (text: string, indent: string, tone: Row['tone']) =>
		wrapText(`${indent}${shown(text)}`, Math.max(width, 10), `${indent}  `).map(line => ({
			text: line,
			tone,
		}));
	return [
		...wrap(consequences.title, '', 'title'),
		...(consequences.danger ?? []).flatMap(line => wrap(line, '  ', 'danger')),
		...consequences.lines.flatMap(line => wrap(line, '  ', 'plain')),
	];
}

/** Lines inside the frame: the wrapped rows and the question. */
export const confirmHeight = (consequences: Consequences, width: number) =>
	confirmRows(consequences, width).length + 1;

export function ConfirmDialog({consequences, width}: Props) {
	const tone = useTone();
	const [yes, no] = confirmTable.entries as [KeyEntry, KeyEntry];
	return (
		<Box flexDirection="column">
			{confirmRows(consequences, width).map((row, index) => (
				<Text
					key={index}
					wrap="truncate-end"
					bold={row.tone === 'title'}
					{...(row.tone === 'danger' ? tone('error') : {})}
				>
					{row.text}
				</Text>
			))}
			<Text
				{...tone('warning')}
			>{`${keysInWords(yes.keys)} confirms · ${keysInWords(no.keys)} cancel`}</Text>
		</Box>
	);
}
