// The traffic view's rows from the store: the host's veths and bridge ports,
// and the selected namespace's interfaces, by rate (model/traffic.ts).
import type {Snapshot} from '../../../model/snapshot.js';
import {trafficRows, type TrafficRow} from '../../../model/traffic.js';
import {deriveView} from '../../panes/derive-view.js';
import type {TuiState} from '../../app/tui-store.js';

const cache = new WeakMap<object, {snapshot: Snapshot; added: number | null; rows: TrafficRow[]}>();

export function trafficRowsOf(state: TuiState): TrafficRow[] {
	const snapshot = state.snapshot;
	if (!snapshot) return [];
	const host = snapshot.namespaces.find(ns => ns.root);
	if (!host) return [];
	const selected = deriveView(state).selectedNamespace;
	const added = selected && selected.inode !== host.inode ? selected.inode : null;
	const rates = state.traffic?.rates ?? new Map();
	const key = state.traffic ?? snapshot;
	const hit = cache.get(key);
	if (hit && hit.snapshot === snapshot && hit.added === added) return hit.rows;
	const rows = trafficRows(snapshot, host.inode, rates, added === null ? [] : [added]);
	cache.set(key, {snapshot, added, rows});
	return rows;
}
