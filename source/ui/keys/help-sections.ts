// What the help lists, group by group, from the key tables of every layer.
import type {TuiState} from '../app/tui-store.js';
import {confirmTable} from '../dialogs/confirm/confirm-keys.js';
import {pickFieldTables, textFieldTables} from '../dialogs/forms/form-keys.js';
import {popupTables} from '../dialogs/popup/popup-keys.js';
import {paneRegistry} from '../panes/registry.js';
import {logTables} from '../views/log/log-keys.js';
import {viewRegistry, viewSpecOf} from '../views/registry.js';
import {actionTable} from './action-keys.js';
import type {KeyTable} from './key-table.js';
import {
	paneFilterTables,
	paneMoveTable,
	panesTable,
	paneViewTable,
	programTable,
} from './pane-keys.js';

/** Not keys: what the marks before a namespace's name mean (the help lists them as keys are listed). */
const marksTable: KeyTable = {
	title: 'Marks before a namespace',
	entries: [
		{
			keys: ['!'],
			description: 'its reading failed; w shows why',
			run() {},
		},
		{
			keys: ['~'],
			description:
				'stale: reading it again timed out (a busy host); its last good reading is shown, and it is read again, each time a little later',
			run() {},
		},
	],
};

/** Every pane's own keys, for the help. */
const paneKeysTable: KeyTable = {
	title: 'In a pane',
	entries: paneRegistry.flatMap(pane => pane.keys),
};

/**
 * What the help lists, group by group: the layer it was opened over first
 * (its keys are the ones wanted), then the panes' keys, then every view's and dialog's.
 */
/** The panes' groups: what `nstui --help` lists, and the README's key tables must name. */
export const panesHelpSections = (): readonly KeyTable[] => [
	panesTable,
	paneKeysTable,
	paneMoveTable,
	paneViewTable,
	actionTable,
	programTable,
];

export function helpSections(state: TuiState): readonly KeyTable[] {
	const main = panesHelpSections();
	const firstOf = (tables: readonly KeyTable[]) => tables[0]!;
	const views = [...viewRegistry.flatMap(view => view.help), firstOf(logTables)];
	const editing = [
		firstOf(paneFilterTables),
		paneFilterTables[1]!,
		firstOf(textFieldTables),
		firstOf(pickFieldTables),
		confirmTable,
		firstOf(popupTables),
	];
	const current = state.fullView
		? firstOf(viewSpecOf(state.fullView).tables(state.fullView))
		: state.overlay?.kind === 'help' && state.overlay.over === 'log'
			? firstOf(logTables)
			: null;
	const all = [...main, ...views, ...editing, marksTable];
	return current ? [current, ...all.filter(table => table !== current)] : all;
}
