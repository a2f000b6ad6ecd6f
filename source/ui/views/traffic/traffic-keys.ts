// The traffic view's keys: move, Enter to the peer's namespace, back.
import type {KeyTable} from '../../keys/key-table.js';
import {helpKey} from '../../keys/pane-keys.js';
import {movedIndex, scrollTable} from '../../keys/scroll-keys.js';
import {closeFullView} from '../full-view-updates.js';
import {trafficRowsOf} from './traffic-rows.js';
import {enterFromTraffic, selectTrafficRow} from './traffic-updates.js';

/** Title, column header and the note under the list. */
export const trafficChrome = 3;

export const trafficTables: readonly KeyTable[] = [
	{
		title: 'In traffic (R)',
		entries: [
			{
				keys: ['return'],
				description: "to the namespace at the veth's other end",
				hint: 'go to ns',
				run: ({store}) => enterFromTraffic(store),
			},
			{keys: ['C-r'], description: 'refresh now', run: ({refreshNow}) => refreshNow()},
			{
				keys: ['escape', 'q', 'R'],
				description: 'back to the panes',
				hint: 'back',
				run: ({store}) => closeFullView(store),
			},
			helpKey,
		],
	},
	scrollTable(({store, layout}, move) => {
		const state = store.getState();
		if (state.fullView?.kind !== 'traffic') return;
		const count = trafficRowsOf(state).length;
		selectTrafficRow(
			store,
			movedIndex(
				state.fullView.selected,
				move,
				count,
				Math.max(layout().bodyHeight - trafficChrome, 1),
			),
		);
	}),
];
