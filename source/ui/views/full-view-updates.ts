// Opening and closing the full views, and the jumps from them back to the panes.
import {showMessage} from '../app/state-updates.js';
import type {TuiStore} from '../app/tui-store.js';
import {focusPane, selectNamespace} from '../panes/pane-updates.js';
import type {FullView} from './full-view-state.js';

export function closeFullView(store: TuiStore): void {
	store.update({fullView: null});
}

/** Changes the open view when it is of `kind` (a read finishing after the view closed changes nothing). */
export function updateFullView<Kind extends FullView['kind']>(
	store: TuiStore,
	kind: Kind,
	change: (
		view: Extract<FullView, {kind: Kind}>,
	) => Partial<Extract<FullView, {kind: Kind}>> | null,
): void {
	store.update(state => {
		const view = state.fullView;
		if (view?.kind !== kind) return {};
		const patch = change(view as Extract<FullView, {kind: Kind}>);
		return patch ? {fullView: {...view, ...patch}} : {};
	});
}

/** Back to the panes with namespace `inode` selected in the focused Namespaces pane. */
export function returnToNamespace(store: TuiStore, inode: number | null): void {
	closeFullView(store);
	if (inode === null) return;
	if (selectNamespace(store, inode)) focusPane(store, 'namespaces');
	else
		showMessage(store, {
			text: `namespace net:[${inode}] is not in the latest snapshot (gone?)`,
			kind: 'error',
		});
}
