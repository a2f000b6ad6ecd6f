// The traffic view (R): open, move, and Enter to the namespace at the other end.
import type {TuiStore} from '../../app/tui-store.js';
import {returnToNamespace, updateFullView} from '../full-view-updates.js';
import {trafficRowsOf} from './traffic-rows.js';

export function openTraffic(store: TuiStore): void {
	store.update({fullView: {kind: 'traffic', selected: 0}});
}

export function selectTrafficRow(store: TuiStore, index: number): void {
	const count = trafficRowsOf(store.getState()).length;
	updateFullView(store, 'traffic', () => ({
		selected: Math.min(Math.max(index, 0), Math.max(count - 1, 0)),
	}));
}

/** Enter: the panes, with the namespace at the veth's other end selected (or the row's own when it has no peer). */
export function enterFromTraffic(store: TuiStore): void {
	const state = store.getState();
	if (state.fullView?.kind !== 'traffic') return;
	const row = trafficRowsOf(state)[state.fullView.selected];
	returnToNamespace(store, row ? (row.peer?.namespace ?? row.namespace) : null);
}
