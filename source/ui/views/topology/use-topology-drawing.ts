// The topology view's state hook: the drawing for the snapshot, filter, width and
// NAT rules known so far (rebuilt only when one of them changes), and the NAT read
// started once when the view opens.
import {useEffect, useMemo} from 'react';
import type {Snapshot} from '../../../model/snapshot.js';
import {buildTopology, filterTopology, labelOf, type TopologyGraph} from '../../../model/topology/graph.js';
import {drawTopology, type DrawingLine} from '../../../model/topology/drawing.js';
import type {TopologyViewState} from '../full-view-state.js';
import type {NamespaceReader} from '../details/details-reader.js';
import {readTopologyNat} from './topology-updates.js';
import type {TuiStore} from '../../app/tui-store.js';

const graphs = new WeakMap<Snapshot, TopologyGraph>();
function graphOf(snapshot: Snapshot): TopologyGraph {
	let graph = graphs.get(snapshot);
	if (!graph) graphs.set(snapshot, (graph = buildTopology(snapshot)));
	return graph;
}

export type TopologyDrawing = {
	lines: readonly DrawingLine[];
	shown: number;
	total: number;
	/** A namespace's name as the drawing writes it. */
	label(inode: number): string | null;
};

export function useTopologyDrawing(store: TuiStore, snapshot: Snapshot | null, view: TopologyViewState, width: number, reader: NamespaceReader): TopologyDrawing {
	const graph = snapshot ? graphOf(snapshot) : null;
	const filtered = useMemo(() => (graph && view.filter.trim() ? filterTopology(graph, view.filter) : graph), [graph, view.filter]);
	const lines = useMemo(() => (filtered ? drawTopology(filtered, {width, nat: view.nat ?? undefined}) : []), [filtered, width, view.nat]);
	const wantsNat = view.nat === null && snapshot !== null;
	useEffect(() => {
		if (wantsNat) void readTopologyNat(store, reader);
	}, [wantsNat, store, reader]);
	const label = (inode: number) => (filtered ? labelOf(filtered, inode) : null);
	return {lines, shown: filtered?.namespaces.length ?? 0, total: graph?.namespaces.length ?? 0, label};
}
