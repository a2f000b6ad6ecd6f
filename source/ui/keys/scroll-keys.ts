// Moving through anything longer than the screen (a pane's rows, a view's
// lines, the help's pages, a result list) takes the same keys everywhere.
import {keyLabel} from './key-press.js';
import type {KeyContext, KeyTable} from './key-table.js';

export type Move = number | 'first' | 'last' | 'pageUp' | 'pageDown';

/** What the keys move, read from the store when the key comes. */
export type Scroller = (context: KeyContext, move: Move) => void;

/**
 * j/k ↑↓ PgUp PgDn g/G Home End. Where a line is typed (a search, a picker),
 * `letters: false`: j, k, g and G are typed letters and Home/End edit the line,
 * so ↑↓ and Ctrl-N/P move, as in readline's history and emacs.
 */
export function scrollTable(
	scroll: Scroller,
	{
		what = 'row',
		letters = true,
		title = 'Move',
	}: {what?: string; letters?: boolean; title?: string} = {},
): KeyTable {
	const step = (letter: string, arrow: string, control: string) =>
		letters ? [letter, arrow] : [arrow, control];
	const ends: KeyTable['entries'] = letters
		? [
				{keys: ['g', 'home'], description: 'to the top', run: context => scroll(context, 'first')},
				{keys: ['G', 'end'], description: 'to the bottom', run: context => scroll(context, 'last')},
			]
		: [];
	return {
		title,
		entries: [
			{
				keys: step('j', 'down', 'C-n'),
				description: `next ${what}`,
				run: context => scroll(context, 1),
			},
			{
				keys: step('k', 'up', 'C-p'),
				description: `previous ${what}`,
				run: context => scroll(context, -1),
			},
			{keys: ['pageup'], description: 'page up', run: context => scroll(context, 'pageUp')},
			{keys: ['pagedown'], description: 'page down', run: context => scroll(context, 'pageDown')},
			...ends,
		],
	};
}

/** Where a move goes in a list of `count` with `page` on screen, from `at`. */
export function movedIndex(at: number, move: Move, count: number, page: number): number {
	const step = Math.max(page - 1, 1);
	const to =
		move === 'first'
			? 0
			: move === 'last'
				? count - 1
				: move === 'pageUp'
					? at - step
					: move === 'pageDown'
						? at + step
						: at + move;
	return Math.min(Math.max(to, 0), Math.max(count - 1, 0));
}

/** The first key of each of a scroll table's entries, for a line that reminds of them: `j k PgDn PgUp g G`. */
export const scrollKeysText = (table: KeyTable) =>
	table.entries.map(entry => keyLabel(entry.keys[0]!)).join(' ');
