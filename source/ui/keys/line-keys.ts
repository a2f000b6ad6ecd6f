// Editing a line of text (a filter, find's search, a prompt, a picker's
// narrowing), the same keys everywhere, as readline (bash) has them.
import * as line from '../../model/line-edit.js';
import type {LineEdit} from '../../model/line-edit.js';
import type {TuiStore} from '../app/tui-store.js';
import type {KeyContext, KeyEntry, KeyTable} from './key-table.js';

/** The line being edited, read from the store when the key comes, and how to store a change. */
export type LineField = {
	get(context: KeyContext): LineEdit | null;
	set(context: KeyContext, edited: LineEdit): void;
	/** What Tab (or → at the end) fills in: the value the prompt proposes. */
	suggestion?(context: KeyContext): string | null;
	/** ↑ and ↓: earlier entries of the same prompt. */
	history?: {older(context: KeyContext): void; newer(context: KeyContext): void};
};

/** What Ctrl-Y puts back: the last cut, as readline's kill ring holds it (one per TUI). */
const cuts = new WeakMap<TuiStore, string>();

export function lineTable(field: LineField, title = 'Editing a line'): KeyTable {
	const edit =
		(change: (current: LineEdit) => LineEdit, {cuts: isCut = false} = {}) =>
		(context: KeyContext) => {
			const current = field.get(context);
			if (!current) return;
			const next = change(current);
			if (isCut) {
				const taken = line.cutText(current, next);
				if (taken !== '') cuts.set(context.store, taken);
			}
			if (next.text !== current.text || next.cursor !== current.cursor) field.set(context, next);
		};
	const cut = (change: (current: LineEdit) => LineEdit) => edit(change, {cuts: true});
	const suggested = (context: KeyContext) => {
		const current = field.get(context);
		return current ? line.takeSuggestion(current, field.suggestion?.(context) ?? null) : null;
	};
	const entries: KeyEntry[] = [
		{
			keys: ['backspace', 'C-h'],
			description: 'delete the character before the cursor',
			run: edit(line.backspace),
		},
		{
			keys: ['delete', 'C-d'],
			description: 'delete the character under the cursor',
			run: edit(line.deleteForward),
		},
		{
			keys: ['C-w'],
			description: 'cut the word before the cursor (back to a space)',
			run: cut(line.cutSpaceWord),
		},
		{
			keys: ['M-backspace'],
			description: 'cut the word before the cursor',
			run: cut(line.cutWord),
		},
		{keys: ['M-d'], description: 'cut the word after the cursor', run: cut(line.cutWordForward)},
		{keys: ['C-u'], description: 'cut everything before the cursor', run: cut(line.cutToStart)},
		{keys: ['C-k'], description: 'cut everything after the cursor', run: cut(line.cutToEnd)},
		{
			keys: ['C-y'],
			description: 'put back what was cut last',
			run: context =>
				edit(current => line.insertText(current, cuts.get(context.store) ?? ''))(context),
		},
		{keys: ['home', 'C-a'], description: 'to the start of the line', run: edit(line.toStart)},
		{keys: ['end', 'C-e'], description: 'to the end of the line', run: edit(line.toEnd)},
		{keys: ['left', 'C-b'], description: 'cursor left', run: edit(line.left)},
		{
			keys: ['right', 'C-f'],
			description: field.suggestion
				? 'cursor right (at the end: take the suggestion)'
				: 'cursor right',
			run: context => {
				const taken = suggested(context);
				if (taken) field.set(context, taken);
				else edit(line.right)(context);
			},
		},
		{keys: ['M-b', 'C-left'], description: 'a word left', run: edit(line.wordLeft)},
		{keys: ['M-f', 'C-right'], description: 'a word right', run: edit(line.wordRight)},
	];
	if (field.suggestion)
		entries.push({
			keys: ['tab'],
			description: 'take the suggestion (shown dim after what is typed)',
			run: context => {
				const taken = suggested(context);
				if (taken) field.set(context, taken);
			},
		});
	if (field.history)
		entries.push(
			{
				keys: ['up', 'C-p'],
				description: 'an earlier entry of this prompt',
				run: field.history.older,
			},
			{
				keys: ['down', 'C-n'],
				description: 'a later entry of this prompt',
				run: field.history.newer,
			},
		);
	return {
		title,
		entries,
		typing: {
			description: 'typed in (a paste too)',
			run: (context, press) => edit(current => line.insertText(current, press.text))(context),
		},
	};
}
