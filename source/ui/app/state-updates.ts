// What the keys and the poller do to the TUI's state besides the panes (see
// panes/pane-updates.ts): the help, pause, messages, highlights, refreshes.
// Each function reads the current state, so it can be called from anywhere.
import {changedRowsBetween} from '../../model/pane-rows.js';
import type {Discovery} from '../../system/discovery/discoverer.js';
import type {Message, TuiState, TuiStore} from './tui-store.js';

export function toggleHelp(store: TuiStore): void {
	store.update(state => ({
		overlay:
			state.overlay?.kind === 'help'
				? back(state.overlay)
				: {kind: 'help', page: 0, ...(state.overlay?.kind === 'log' ? {over: 'log' as const} : {})},
	}));
}

export function closeOverlay(store: TuiStore): void {
	store.update(state => ({overlay: state.overlay?.kind === 'help' ? back(state.overlay) : null}));
}

export function openLog(store: TuiStore): void {
	store.update({overlay: {kind: 'log', up: 0}});
}

/** Where closing the help goes: the command log it was opened over, else the panes or view below. */
const back = (help: {kind: 'help'; over?: 'log'}): TuiState['overlay'] =>
	help.over === 'log' ? {kind: 'log', up: 0} : null;

/** z: the focused pane over the whole body, or all panes again. */
export function toggleZoom(store: TuiStore): void {
	store.update(state => ({zoomed: !state.zoomed}));
}

export function togglePause(store: TuiStore): void {
	store.update(state => ({
		paused: !state.paused,
		message: {
			text: state.paused
				? 'live updates resumed'
				: 'live updates paused (Space resumes, Ctrl-R refreshes once)',
			kind: 'info',
		},
	}));
}

export function toggleAllProcesses(store: TuiStore): void {
	store.update(state => ({
		allProcesses: !state.allProcesses,
		message: {
			text: state.allProcesses
				? 'processes of the selected namespace'
				: 'processes of all namespaces',
			kind: 'info',
		},
	}));
}

export function toggleLinkLocal(store: TuiStore): void {
	store.update(state => ({
		showLinkLocal: !state.showLinkLocal,
		message: {
			text: state.showLinkLocal
				? 'IPv6 link-local addresses folded away'
				: 'IPv6 link-local addresses shown',
			kind: 'info',
		},
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
	const clean =
		!before.refresh.running && !before.refresh.slow && before.refresh.lastError === null;
	if (
		discovery.snapshot === before.snapshot &&
		clean &&
		sameItems(before.warnings, discovery.warnings)
	)
		return;
	store.update(state => {
		const warnings = sameItems(state.warnings, discovery.warnings)
			? state.warnings
			: discovery.warnings;
		const same = discovery.snapshot === state.snapshot;
		const refresh = {
			running: false,
			startedAt: null,
			slow: false,
			dataChangedAt: same ? state.refresh.dataChangedAt : at,
			lastError: null,
		};
		if (same) return {refresh, warnings};
		return {
			snapshot: discovery.snapshot,
			warnings,
			refresh,
			changed: state.snapshot
				? changedRowsBetween(state.snapshot, discovery.snapshot)
				: new Set<string>(),
			changedAt: state.snapshot ? at : null,
		};
	});
}

const sameItems = (a: readonly string[], b: readonly string[]) =>
	a.length === b.length && a.every((item, index) => item === b[index]);

export function refreshFailed(store: TuiStore, error: string): void {
	store.update(state => ({
		refresh: {...state.refresh, running: false, startedAt: null, slow: false, lastError: error},
	}));
}
