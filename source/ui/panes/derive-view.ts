// From the store's state to what each pane shows: its rows after the filter and
// which one is selected. The Namespaces pane comes first: the other panes list
// what is in the namespace selected there.
import {resolveSelection} from '../../model/row-identity.js';
import type {Namespace, Snapshot} from '../../model/snapshot.js';
import {filterRows} from '../../model/text-filter.js';
import type {TuiState} from '../app/tui-store.js';
import {cached} from './row-cache.js';
import type {PaneRow, PaneSpec, PaneView} from './pane-spec.js';
import {paneRegistry, type PaneId, type RowOf} from './registry.js';

export type {PaneView} from './pane-spec.js';

export type TuiView = {[Id in PaneId]: PaneView<RowOf<Id>>} & {
	selectedNamespace: Namespace | null;
	byInode: ReadonlyMap<number, Namespace>;
};

const byInodeOf = cached(
	(snapshot: Snapshot) => new Map(snapshot.namespaces.map(ns => [ns.inode, ns])),
);

const filteredCache = new WeakMap<readonly PaneRow[], {query: string; rows: readonly PaneRow[]}>();
function filtered<Row extends PaneRow>(rows: readonly Row[], query: string): readonly Row[] {
	const hit = filteredCache.get(rows);
	if (hit && hit.query === query) return hit.rows as readonly Row[];
	const result = filterRows(rows, query);
	filteredCache.set(rows, {query, rows: result});
	return result;
}

const empty: readonly never[] = [];

function paneView(
	state: TuiState,
	pane: PaneSpec,
	byInode: ReadonlyMap<number, Namespace>,
	selectedNamespace: Namespace | null,
): PaneView {
	const snapshot = state.snapshot;
	const all = snapshot ? pane.rows({state, snapshot, selectedNamespace, byInode}) : empty;
	const id = pane.id as PaneId;
	const rows = filtered(all, state.filters[id]);
	return {rows, selected: resolveSelection(rows, state.selection[id]), total: all.length};
}

export function deriveView(state: TuiState): TuiView {
	const byInode = state.snapshot ? byInodeOf(state.snapshot) : new Map<number, Namespace>();
	const [namespacesPane, ...others] = paneRegistry;
	const namespaces = paneView(state, namespacesPane, byInode, null) as TuiView['namespaces'];
	const selectedNamespace = namespaces.rows[namespaces.selected]?.namespace ?? null;
	const view: Record<string, unknown> = {namespaces, selectedNamespace, byInode};
	for (const pane of others) view[pane.id] = paneView(state, pane, byInode, selectedNamespace);
	return view as TuiView;
}
