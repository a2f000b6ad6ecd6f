// The timeline view (H): open, move, and Enter to the namespace a change is in.
import type {Change} from '../../../model/timeline/change.js';
import type {TuiStore} from '../../app/tui-store.js';
import {returnToNamespace, updateFullView} from '../full-view-updates.js';

/** Row `index` of the view, which lists the changes newest first. */
export function timelineRowAt(changes: readonly Change[], index: number): Change | undefined {
	return changes[changes.length - 1 - index];
}

/** Rows `start` to `end` of the view, without turning the whole timeline round on every frame. */
export function timelineRowsIn(changes: readonly Change[], start: number, end: number): Change[] {
	const rows: Change[] = [];
	for (let index = start; index < Math.min(end, changes.length); index++)
		rows.push(timelineRowAt(changes, index)!);
	return rows;
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
	const change = timelineRowAt(state.timeline.changes, state.fullView.selected);
	returnToNamespace(store, change ? change.namespace.inode : null);
}
