// From the store's state to what each pane shows: its rows after the filter and
// which one is selected. Row lists are cached per snapshot, so a key press with
// 1,000 namespaces on screen does not rebuild them.
import {interfaceRows, namespaceRows, processRows, routeRows, type InterfaceRow, type NamespaceRow, type ProcessRow, type RouteRow} from '../../model/pane-rows.js';
import {resolveSelection, type RowIdentity} from '../../model/row-identity.js';
import type {Namespace, Snapshot} from '../../model/snapshot.js';
import {filterRows} from '../../model/text-filter.js';
import type {PaneId, TuiState} from '../app/tui-store.js';

export type PaneView<Row extends RowIdentity = RowIdentity> = {
	rows: readonly Row[];
	/** Index into rows; -1 when the list is empty. */
	selected: number;
	/** Rows before the filter. */
	total: number;
};

export type TuiView = {
	namespaces: PaneView<NamespaceRow>;
	interfaces: PaneView<InterfaceRow>;
	routes: PaneView<RouteRow>;
	processes: PaneView<ProcessRow>;
	selectedNamespace: Namespace | null;
	byInode: Map<number, Namespace>;
};

function cached<Key extends object, Value>(build: (key: Key) => Value): (key: Key) => Value {
	const cache = new WeakMap<Key, Value>();
	return key => {
		let value = cache.get(key);
		if (value === undefined) cache.set(key, (value = build(key)));
		return value;
	};
}

const byInodeOf = cached((snapshot: Snapshot) => new Map(snapshot.namespaces.map(ns => [ns.inode, ns])));
const namespaceRowsOf = cached(namespaceRows);
const allProcessRowsOf = cached((snapshot: Snapshot) => processRows(snapshot.namespaces));
const processRowsOf = cached((namespace: Namespace) => processRows([namespace]));
const routeRowsOf = cached(routeRows);
const interfaceRowsOf = cached((snapshot: Snapshot) => cached((namespace: Namespace) => interfaceRows(namespace, byInodeOf(snapshot))));

const filteredCache = new WeakMap<readonly RowIdentity[], {query: string; rows: readonly RowIdentity[]}>();
function filtered<Row extends RowIdentity & {search: string}>(rows: readonly Row[], query: string): readonly Row[] {
	const hit = filteredCache.get(rows);
	if (hit && hit.query === query) return hit.rows as readonly Row[];
	const result = filterRows(rows, query);
	filteredCache.set(rows, {query, rows: result});
	return result;
}

function paneView<Row extends RowIdentity & {search: string}>(state: TuiState, pane: PaneId, all: readonly Row[]): PaneView<Row> {
	const rows = filtered(all, state.filters[pane]);
	return {rows, selected: resolveSelection(rows, state.selection[pane]), total: all.length};
}

const empty: readonly never[] = [];

export function deriveView(state: TuiState): TuiView {
	const snapshot = state.snapshot;
	const namespaces = paneView(state, 'namespaces', snapshot ? namespaceRowsOf(snapshot) : empty);
	const selectedNamespace = namespaces.rows[namespaces.selected]?.namespace ?? null;
	const processes = !snapshot ? empty : state.allProcesses ? allProcessRowsOf(snapshot) : selectedNamespace ? processRowsOf(selectedNamespace) : empty;
	return {
		namespaces,
		interfaces: paneView(state, 'interfaces', snapshot && selectedNamespace ? interfaceRowsOf(snapshot)(selectedNamespace) : empty),
		routes: paneView(state, 'routes', selectedNamespace ? routeRowsOf(selectedNamespace) : empty),
		processes: paneView(state, 'processes', processes),
		selectedNamespace,
		byInode: snapshot ? byInodeOf(snapshot) : new Map(),
	};
}
