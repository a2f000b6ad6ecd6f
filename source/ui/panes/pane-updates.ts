// What the keys do to the panes: the selection, the focus, the filters. Each
// function reads the current state, so it can be called from anywhere (a key,
// an action's result, a view going back to the panes, a test).
import {selectionOf} from '../../model/row-identity.js';
import type {LineEdit} from '../../model/line-edit.js';
import type {TuiState, TuiStore} from '../app/tui-store.js';
import type {Move} from '../keys/scroll-keys.js';
import {movedIndex} from '../keys/scroll-keys.js';
import {deriveView} from './derive-view.js';
import {paneIds, paneRegistry, type PaneId, type RowOf} from './registry.js';

/** Selects row `index` of `pane` (clamped). A different namespace starts the panes that follow it at the top. */
export function selectIndex(store: TuiStore, pane: PaneId, index: number): void {
	const state = store.getState();
	const view = deriveView(state)[pane];
	if (view.rows.length === 0) return;
	const clamped = Math.min(Math.max(index, 0), view.rows.length - 1);
	const row = view.rows[clamped]!;
	const selection = {...state.selection, [pane]: selectionOf(row, clamped)};
	if (pane === 'namespaces' && row.id !== view.rows[view.selected]?.id) {
		for (const other of paneRegistry) if (other.followsNamespace(state)) selection[other.id] = null;
	}
	store.update({selection});
}

export function moveSelection(
	store: TuiStore,
	move: Move,
	pageSize: number,
	pane: PaneId = store.getState().focus,
): void {
	const view = deriveView(store.getState())[pane];
	if (view.rows.length === 0) return;
	selectIndex(
		store,
		pane,
		movedIndex(Math.max(view.selected, 0), move, view.rows.length, pageSize),
	);
}

export function focusPane(store: TuiStore, pane: PaneId): void {
	// A pane that shares a place comes to the front when focused, and so does the place's owner.
	const owner =
		(paneRegistry.find(spec => spec.id === pane)?.place as {shares?: string}).shares ??
		(paneRegistry.some(spec => (spec.place as {shares?: string}).shares === pane) ? pane : null);
	store.update(state => ({
		focus: pane,
		editingFilter: false,
		...(owner ? {sharedPlaces: {...state.sharedPlaces, [owner]: pane}} : {}),
	}));
}

/** The panes not on screen now: of two that share a place, the one not in front. */
export function hiddenPanes(state: TuiState): ReadonlySet<PaneId> {
	const hidden = new Set<PaneId>();
	for (const spec of paneRegistry) {
		const owner = (spec.place as {shares?: string}).shares as PaneId | undefined;
		if (!owner) continue;
		const shown = state.sharedPlaces[owner] ?? owner;
		hidden.add(shown === spec.id ? owner : spec.id);
	}
	return hidden;
}

export function cycleFocus(store: TuiStore, step: 1 | -1): void {
	const current = paneIds.indexOf(store.getState().focus);
	focusPane(store, paneIds[(current + step + paneIds.length) % paneIds.length]!);
}

/** Selects the namespace with `inode`, clearing the namespaces filter if it hides it. */
export function selectNamespace(store: TuiStore, inode: number): boolean {
	return selectRowWhere(store, 'namespaces', row => row.namespace.inode === inode);
}

/** Selects the first row of `pane` that `matches`, clearing the pane's filter if it hides it. */
export function selectRowWhere<Id extends PaneId>(
	store: TuiStore,
	pane: Id,
	matches: (row: RowOf<Id>) => boolean,
): boolean {
	const find = () =>
		(
			deriveView(store.getState())[pane].rows as readonly unknown[] as readonly RowOf<Id>[]
		).findIndex(matches);
	let index = find();
	if (index === -1 && store.getState().filters[pane] !== '') {
		store.update(state => ({filters: {...state.filters, [pane]: ''}}));
		index = find();
	}
	if (index === -1) return false;
	selectIndex(store, pane, index);
	return true;
}

/** `/` starts a new filter, as in less, vim, htop and k9s: the old one goes, the selected row stays. */
export function startFilter(store: TuiStore): void {
	pinSelection(store);
	store.update(state => ({
		editingFilter: true,
		filterCursor: 0,
		filters: {...state.filters, [state.focus]: ''},
	}));
}

/** Holds on to the row the pane shows as selected, so narrowing or widening the list keeps it. */
function pinSelection(store: TuiStore): void {
	const state = store.getState();
	const view = deriveView(state)[state.focus];
	if (view.selected !== -1) selectIndex(store, state.focus, view.selected);
}

/** The focused pane's filter as it is being typed. */
export function filterLine(store: TuiStore): LineEdit | null {
	const state = store.getState();
	return state.editingFilter
		? {
				text: state.filters[state.focus],
				cursor: Math.min(state.filterCursor, state.filters[state.focus].length),
			}
		: null;
}

export function setFilter(store: TuiStore, line: LineEdit | string): void {
	const {text, cursor} = typeof line === 'string' ? {text: line, cursor: line.length} : line;
	store.update(state => ({filters: {...state.filters, [state.focus]: text}, filterCursor: cursor}));
	pinSelection(store);
}

/** Enter while typing: keep the filter and give the keys back to the pane. */
export function commitFilter(store: TuiStore): void {
	store.update({editingFilter: false});
}

/** Esc: drop the focused pane's filter. */
export function clearFilter(store: TuiStore): void {
	pinSelection(store);
	store.update(state => ({editingFilter: false, filters: {...state.filters, [state.focus]: ''}}));
}
