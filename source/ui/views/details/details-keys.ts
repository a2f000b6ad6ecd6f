// The details view's keys: the shared scrolling, read again, back.
import type {KeyContext, KeyTable} from '../../keys/key-table.js';
import {helpKey} from '../../keys/pane-keys.js';
import {movedIndex, scrollTable} from '../../keys/scroll-keys.js';
import {closeFullView} from '../full-view-updates.js';
import {detailsLinesOf} from './details-lines.js';
import {rereadDetails, scrollDetails} from './details-updates.js';

/** Lines in all and lines on screen, as the view lays them out. */
function onScreen({store, layout}: KeyContext) {
	const state = store.getState();
	const view = state.fullView;
	if (view?.kind !== 'details') return null;
	const {width, bodyHeight} = layout();
	const total = detailsLinesOf(
		view,
		state.snapshot?.namespaces.find(ns => ns.inode === view.namespace),
		width,
		state.traffic,
	).length;
	return {view, total, height: Math.max(bodyHeight - 1, 1)};
}

export const detailsTables: readonly KeyTable[] = [
	{
		title: 'In details (i)',
		entries: [
			{
				keys: ['C-r'],
				description: 'read again',
				hint: 'reread',
				run: ({store}) => rereadDetails(store),
			},
			{
				keys: ['escape', 'q', 'i'],
				description: 'back to the panes',
				hint: 'back',
				run: ({store}) => closeFullView(store),
			},
			helpKey,
		],
	},
	scrollTable(
		(context, move) => {
			const screen = onScreen(context);
			if (!screen) return;
			const last = Math.max(screen.total - screen.height, 0);
			scrollDetails(
				context.store,
				movedIndex(Math.min(screen.view.top, last), move, last + 1, screen.height),
			);
		},
		{what: 'line', title: 'Scrolling'},
	),
];
