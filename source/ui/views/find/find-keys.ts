// Find's keys: letters type into the search (so q is typed, and Esc goes back),
// the arrows choose a result, Enter goes there, `?` opens the help.
import type {KeyContext, KeyTable} from '../../keys/key-table.js';
import {lineTable} from '../../keys/line-keys.js';
import {helpKey} from '../../keys/pane-keys.js';
import {scrollTable} from '../../keys/scroll-keys.js';
import type {FindViewState} from '../full-view-state.js';
import {closeFullView} from '../full-view-updates.js';
import {jumpToFindResult, moveFindSelection, setFindTerm} from './find-updates.js';
import {findResults} from './find-results.js';

/** Title, prompt and column header above the results. */
export const findChrome = 3;

const findOf = ({store}: KeyContext): FindViewState | null => {
	const view = store.getState().fullView;
	return view?.kind === 'find' ? view : null;
};

const resultsOf = (context: KeyContext) =>
	findResults(context.store.getState().snapshot, findOf(context)?.term ?? '');

export const findTables: readonly KeyTable[] = [
	{
		title: 'In find (F)',
		entries: [
			{
				keys: ['return'],
				description: 'go there in the panes',
				hint: 'go there',
				run: context => {
					const results = resultsOf(context);
					const view = findOf(context);
					if (view)
						jumpToFindResult(context.store, results[Math.min(view.selected, results.length - 1)]);
				},
			},
			{
				keys: ['escape'],
				description: 'back to the panes',
				hint: 'back',
				run: ({store}) => closeFullView(store),
			},
			// `?` opens the help here too: what find searches for (names, addresses, PIDs, commands) has no `?` worth typing.
			helpKey,
		],
	},
	scrollTable(
		(context, move) => {
			const page = Math.max(context.layout().bodyHeight - findChrome, 1);
			moveFindSelection(context.store, move, resultsOf(context).length, page);
		},
		{letters: false, what: 'result', title: 'Choosing a result'},
	),
	lineTable({
		get: context => {
			const view = findOf(context);
			return view ? {text: view.term, cursor: Math.min(view.cursor, view.term.length)} : null;
		},
		set: ({store}, line) => setFindTerm(store, line),
	}),
];
