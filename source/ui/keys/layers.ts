// Which keys are live: the layers on screen form a stack (the panes, then a full
// view, then a dialog, then an overlay), read from the store, and only the top
// layer's tables take keys. The input hook and the status bar ask here; the
// help lists every layer's tables (help-sections.ts).
import type {TuiState} from '../app/tui-store.js';
import {confirmTable} from '../dialogs/confirm/confirm-keys.js';
import {formTables} from '../dialogs/forms/form-keys.js';
import {popupTables} from '../dialogs/popup/popup-keys.js';
import {paneSpec} from '../panes/registry.js';
import {helpTables} from '../views/help/help-keys.js';
import {logTables} from '../views/log/log-keys.js';
import {viewSpecOf} from '../views/registry.js';
import {actionTable} from './action-keys.js';
import type {KeyTable} from './key-table.js';
import {
	paneFilterTables,
	paneMoveTable,
	panesTable,
	paneViewTable,
	programTable,
	quitKey,
	redrawKey,
} from './pane-keys.js';

export type Layer = 'panes' | 'view' | 'dialog' | 'overlay';

/** The layers on screen, bottom first. */
export function layerStack(state: TuiState): Layer[] {
	const stack: Layer[] = ['panes'];
	if (state.fullView) stack.push('view');
	if (state.modal) stack.push('dialog');
	if (state.overlay) stack.push('overlay');
	return stack;
}

export const topLayer = (state: TuiState): Layer => layerStack(state).at(-1)!;

/** Ctrl-C quits from every layer, Ctrl-L draws the screen again from every layer. */
const always: KeyTable = {title: 'Everywhere', entries: [quitKey, redrawKey]};

/** The focused pane's own keys (Enter's meaning, a toggle). */
const focusedPaneTable = (state: TuiState): KeyTable => ({
	title: 'In this pane',
	entries: paneSpec(state.focus).keys,
});

/** The tables that take keys now, the first that has a key winning. */
export function activeTables(state: TuiState): readonly KeyTable[] {
	return [...tablesOf(state), always];
}

function tablesOf(state: TuiState): readonly KeyTable[] {
	switch (topLayer(state)) {
		case 'overlay':
			return state.overlay?.kind === 'help' ? helpTables : logTables;
		case 'dialog': {
			const modal = state.modal!;
			return modal.kind === 'form'
				? formTables(modal)
				: modal.kind === 'confirm'
					? [confirmTable]
					: popupTables;
		}
		case 'view': {
			const view = state.fullView!;
			return viewSpecOf(view).tables(view);
		}
		case 'panes':
			return state.editingFilter
				? paneFilterTables
				: [
						focusedPaneTable(state),
						panesTable,
						paneMoveTable,
						paneViewTable,
						actionTable,
						programTable,
					];
	}
}
