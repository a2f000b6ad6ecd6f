// Everything the keys and the poller do to the TUI's state. Each function reads
// the current state, so they can be called from anywhere (key map, poller, tests).
import {changedRowsBetween} from '../model/pane-rows.js';
import {selectionOf} from '../model/row-identity.js';
import type {Snapshot} from '../model/snapshot.js';
import type {Discovery} from '../system/discovery/discoverer.js';
import {deriveView, type PaneView} from './derive-view.js';
import {paneOrder, type Message, type PaneId, type TuiState, type TuiStore} from './tui-store.js';

function paneViewOf(state: TuiState, pane: PaneId): PaneView {
	return deriveView(state)[pane];
}

/** Selects row `index` of `pane` (clamped). A different namespace starts its own panes at the top. */
export function selectIndex(store: TuiStore, pane: PaneId, index: number): void {
	const state = store.getState();
	const view = paneViewOf(state, pane);
	if (view.rows.length === 0) return;
	const clamped = Math.min(Math.max(index, 0), view.rows.length - 1);
	const row = view.rows[clamped]!;
	const selection = {...state.selection, [pane]: selectionOf(row, clamped)};
	if (pane === 'namespaces' && row.id !== view.rows[view.selected]?.id) {
		selection.interfaces = null;
		selection.routes = null;
		if (!state.allProcesses) selection.processes = null;
	}
	store.update({selection});
}

export type Move = number | 'first' | 'last';

export function moveSelection(store: TuiStore, move: Move, pane: PaneId = store.getState().focus): void {
	const view = paneViewOf(store.getState(), pane);
	if (view.rows.length === 0) return;
	const index = move === 'first' ? 0 : move === 'last' ? view.rows.length - 1 : view.selected + move;
	selectIndex(store, pane, index);
}

export function focusPane(store: TuiStore, pane: PaneId): void {
	store.update({focus: pane, editingFilter: false});
}

export function cycleFocus(store: TuiStore, step: 1 | -1): void {
	const current = paneOrder.indexOf(store.getState().focus);
	focusPane(store, paneOrder[(current + step + paneOrder.length) % paneOrder.length]!);
}

/** Enter: a namespace opens its interfaces, a veth jumps to its peer, a process selects its namespace. */
export function activate(store: TuiStore): void {
	const state = store.getState();
	const view = deriveView(state);
	if (state.focus === 'namespaces') {
		if (view.selectedNamespace) focusPane(store, 'interfaces');
		return;
	}
	if (state.focus === 'interfaces') {
		const peer = view.interfaces.rows[view.interfaces.selected]?.link.peer;
		if (!peer) return;
		if (!selectNamespace(store, peer.namespace)) return;
		const rows = deriveView(store.getState()).interfaces.rows;
		const index = rows.findIndex(row => row.link.ifindex === peer.ifindex && row.link.name === peer.name);
		if (index !== -1) selectIndex(store, 'interfaces', index);
		return;
	}
	if (state.focus === 'processes') {
		const row = view.processes.rows[view.processes.selected];
		if (row && selectNamespace(store, row.namespaceInode)) focusPane(store, 'namespaces');
	}
}

/** Selects the namespace with `inode`, clearing the namespaces filter if it hides it. */
export function selectNamespace(store: TuiStore, inode: number): boolean {
	const find = () => deriveView(store.getState()).namespaces.rows.findIndex(row => row.namespace.inode === inode);
	let index = find();
	if (index === -1 && store.getState().filters.namespaces !== '') {
		store.update(state => ({filters: {...state.filters, namespaces: ''}}));
		index = find();
	}
	if (index === -1) return false;
	selectIndex(store, 'namespaces', index);
	return true;
}

/** `/` starts a new filter, as in less, vim, htop and k9s: the old one goes, the selected row stays. */
export function startFilter(store: TuiStore): void {
	pinSelection(store);
	store.update(state => ({editingFilter: true, filters: {...state.filters, [state.focus]: ''}}));
}

/** Holds on to the row the pane shows as selected, so narrowing or widening the list keeps it. */
function pinSelection(store: TuiStore): void {
	const state = store.getState();
	const view = paneViewOf(state, state.focus);
	if (view.selected !== -1) selectIndex(store, state.focus, view.selected);
}

export function setFilter(store: TuiStore, text: string): void {
	store.update(state => ({filters: {...state.filters, [state.focus]: text}}));
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

export function toggleHelp(store: TuiStore): void {
	store.update(state => ({overlay: state.overlay?.kind === 'help' ? back(state.overlay) : {kind: 'help', ...(state.overlay?.kind === 'log' ? {over: 'log' as const} : {})}}));
}

export function closeOverlay(store: TuiStore): void {
	store.update(state => ({overlay: state.overlay?.kind === 'help' ? back(state.overlay) : null}));
}

/** Where closing the help goes: the command log it was opened over, else the panes or view below. */
const back = (help: {kind: 'help'; over?: 'log'}): TuiState['overlay'] => (help.over === 'log' ? {kind: 'log'} : null);

export function togglePause(store: TuiStore): void {
	store.update(state => ({
		paused: !state.paused,
		message: {text: state.paused ? 'live updates resumed' : 'live updates paused (Space resumes, Ctrl-R refreshes once)', kind: 'info'},
	}));
}

export function toggleLinkLocal(store: TuiStore): void {
	store.update(state => ({
		showLinkLocal: !state.showLinkLocal,
		message: {text: state.showLinkLocal ? 'IPv6 link-local addresses folded away' : 'IPv6 link-local addresses shown', kind: 'info'},
	}));
}

export function toggleAllProcesses(store: TuiStore): void {
	store.update(state => ({
		allProcesses: !state.allProcesses,
		message: {text: state.allProcesses ? 'processes of the selected namespace' : 'processes of all namespaces', kind: 'info'},
	}));
}

export function showMessage(store: TuiStore, message: Message | null): void {
	store.update({message});
}

export function clearHighlights(store: TuiStore): void {
	store.update({changed: new Set(), changedAt: null});
}

/** Only a slow refresh is shown: marking every start would redraw the screen twice per refresh. */
export function refreshSlow(store: TuiStore, startedAt: number): void {
	store.update(state => ({refresh: {...state.refresh, running: true, startedAt, slow: true}}));
}

export function refreshSucceeded(store: TuiStore, discovery: Discovery, at: number): void {
	const before = store.getState();
	// Discovery hands back the same snapshot when nothing changed. Then the store
	// is left alone, so an idle TUI on a big host does not even redraw.
	const clean = !before.refresh.running && !before.refresh.slow && before.refresh.lastError === null;
	if (discovery.snapshot === before.snapshot && clean && sameItems(before.warnings, discovery.warnings)) return;
	store.update(state => {
		const warnings = sameItems(state.warnings, discovery.warnings) ? state.warnings : discovery.warnings;
		const same = discovery.snapshot === state.snapshot;
		const refresh = {running: false, startedAt: null, slow: false, dataChangedAt: same ? state.refresh.dataChangedAt : at, lastError: null};
		if (same) return {refresh, warnings};
		return {
			snapshot: discovery.snapshot,
			warnings,
			refresh,
			changed: state.snapshot ? changedRowsBetween(state.snapshot, discovery.snapshot) : new Set<string>(),
			changedAt: state.snapshot ? at : null,
		};
	});
}

const sameItems = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, index) => item === b[index]);

export function refreshFailed(store: TuiStore, error: string): void {
	store.update(state => ({refresh: {...state.refresh, running: false, startedAt: null, slow: false, lastError: error}}));
}
