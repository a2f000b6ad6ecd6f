// The status bar's key line, from the active tables: what is special to where
// the keys go first, then the keys that work everywhere there, each as its
// first key's label and its hint (`t topology`).
import type {TuiState} from '../app/tui-store.js';
import {paneRegistry, paneSpec} from '../panes/registry.js';
import {actionTable} from './action-keys.js';
import {keyLabel} from './key-press.js';
import {entryFor, type KeyEntry} from './key-table.js';
import {activeTables, topLayer} from './layers.js';

const hintOf = (entry: KeyEntry) => `${keyLabel(entry.keys[0]!)} ${entry.hint}`;

/** Keys some pane hints only where they matter (an action, `i`). */
const paneHinted = new Set(paneRegistry.flatMap(pane => pane.hints));

export function keyHints(state: TuiState, readOnly: boolean): string[] {
	const tables = activeTables(state);
	const usable = (entry: KeyEntry) =>
		entry.hint !== undefined && !(readOnly && entry.changesSystem);
	if (topLayer(state) === 'panes' && !state.editingFilter) {
		const pane = paneSpec(state.focus);
		const own = pane.keys.filter(usable).map(hintOf);
		const hinted = pane.hints.flatMap(id => {
			const entry = entryFor(tables, id);
			return entry && usable(entry) ? [hintOf(entry)] : [];
		});
		const everywhere = tables
			.filter(table => table.entries !== pane.keys && table !== actionTable)
			.flatMap(table =>
				table.entries
					.filter(entry => usable(entry) && !entry.keys.some(id => paneHinted.has(id)))
					.map(hintOf),
			);
		return [...own, ...hinted, ...everywhere];
	}
	const hints = tables.flatMap(table => table.entries.filter(usable).map(hintOf));
	if (tables.some(table => table.typing)) hints.unshift('type');
	return [...new Set(hints)];
}
