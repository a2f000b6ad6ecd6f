// Opening and closing the full views, and the jumps from them back to the panes.
import type {PaneId, TuiStore} from '../app/tui-store.js';
import {deriveView, type TuiView} from '../panes/derive-view.js';
import type {FullView} from './full-view-state.js';
import {focusPane, selectIndex, selectNamespace, showMessage} from '../app/state-updates.js';

export function closeFullView(store: TuiStore): void {
	store.update({fullView: null});
}

/** Changes the open view when it is of `kind` (a read finishing after the view closed changes nothing). */
export function updateFullView<Kind extends FullView['kind']>(
	store: TuiStore,
	kind: Kind,
	change: (view: Extract<FullView, {kind: Kind}>) => Partial<Extract<FullView, {kind: Kind}>> | null,
): void {
	store.update(state => {
		const view = state.fullView;
		if (view?.kind !== kind) return {};
		const patch = change(view as Extract<FullView, {kind: Kind}>);
		return patch ? {fullView: {...view, ...patch} as FullView} : {};
	});
}

type RowOf<Pane extends PaneId> = TuiView[Pane]['rows'][number];

/** Selects the first row of `pane` that `matches`, clearing the pane's filter if it hides it. */
export function selectRowWhere<Pane extends PaneId>(store: TuiStore, pane: Pane, matches: (row: RowOf<Pane>) => boolean): boolean {
	const find = () => (deriveView(store.getState())[pane].rows as readonly RowOf<Pane>[]).findIndex(matches);
	let index = find();
	if (index === -1 && store.getState().filters[pane] !== '') {
		store.update(state => ({filters: {...state.filters, [pane]: ''}}));
		index = find();
	}
	if (index === -1) return false;
	selectIndex(store, pane, index);
	return true;
}

/** Back to the panes with namespace `inode` selected in the focused Namespaces pane. */
export function returnToNamespace(store: TuiStore, inode: number | null): void {
	closeFullView(store);
	if (inode === null) return;
	if (selectNamespace(store, inode)) focusPane(store, 'namespaces');
	else showMessage(store, {text: `namespace net:[${inode}] is not in the latest snapshot (gone?)`, kind: 'error'});
}
