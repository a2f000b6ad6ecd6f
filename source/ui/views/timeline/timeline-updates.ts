// The timeline view (H): open, move, and Enter to the namespace a change is in.
import type {Change} from '../../../model/timeline/change.js';
import type {TuiState, TuiStore} from '../../app/tui-store.js';
import {returnToNamespace, updateFullView} from '../full-view-updates.js';

/** Newest first, as the view lists them. */
export function timelineRowsOf(state: TuiState): readonly Change[] {
	return [...state.timeline.changes].reverse();
}

export function openTimeline(store: TuiStore): void {
	store.update({fullView: {kind: 'timeline', selected: 0}});
}

export function selectTimelineRow(store: TuiStore, index: number): void {
	const count = store.getState().timeline.changes.length;
	updateFullView(store, 'timeline', () => ({
		selected: Math.min(Math.max(index, 0), Math.max(count - 1, 0)),
	}));
}

/** Enter: the panes, with the namespace of the selected change selected. */
export function enterFromTimeline(store: TuiStore): void {
	const state = store.getState();
	if (state.fullView?.kind !== 'timeline') return;
	const changes = state.timeline.changes;
	const change = changes[changes.length - 1 - state.fullView.selected];
	returnToNamespace(store, change ? change.namespace.inode : null);
}
