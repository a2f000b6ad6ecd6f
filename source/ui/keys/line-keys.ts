// Editing a line of text (a filter, find's search, a prompt, a picker's
// narrowing), the same keys everywhere, as readline has them.
import * as line from '../../model/line-edit.js';
import type {LineEdit} from '../../model/line-edit.js';
import type {KeyContext, KeyTable} from './key-table.js';

/** The line being edited, read from the store when the key comes, and how to store a change. */
export type LineField = {
	get(context: KeyContext): LineEdit | null;
	set(context: KeyContext, edited: LineEdit): void;
};

export function lineTable(field: LineField, title = 'Editing a line'): KeyTable {
	const edit = (change: (current: LineEdit) => LineEdit) => (context: KeyContext) => {
		const current = field.get(context);
		if (!current) return;
		const next = change(current);
		if (next.text !== current.text || next.cursor !== current.cursor) field.set(context, next);
	};
	return {
		title,
		entries: [
			{
				keys: ['backspace'],
				description: 'delete the character before the cursor',
				run: edit(line.backspace),
			},
			{
				keys: ['C-d'],
				description: 'delete the character under the cursor',
				run: edit(line.deleteForward),
			},
			{
				keys: ['C-w'],
				description: 'cut the word before the cursor (back to a space)',
				run: edit(line.cutSpaceWord),
			},
			{
				keys: ['M-backspace'],
				description: 'cut the word before the cursor',
				run: edit(line.cutWord),
			},
			{keys: ['C-u'], description: 'cut everything before the cursor', run: edit(line.cutToStart)},
			{keys: ['C-k'], description: 'cut everything after the cursor', run: edit(line.cutToEnd)},
			{keys: ['C-a'], description: 'to the start of the line', run: edit(line.toStart)},
			{keys: ['C-e'], description: 'to the end of the line', run: edit(line.toEnd)},
			{keys: ['left', 'C-b'], description: 'cursor left', run: edit(line.left)},
			{keys: ['right', 'C-f'], description: 'cursor right', run: edit(line.right)},
		],
		typing: {
			description: 'typed in',
			run: (context, press) => edit(current => line.insertText(current, press.text))(context),
		},
	};
}
