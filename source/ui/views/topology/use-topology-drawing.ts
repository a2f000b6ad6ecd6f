// The topology view's drawing for the snapshot, filter, width and NAT rules
// known so far, rebuilt only when one of them changes; the keys ask for the same
// drawing (topology-keys.ts), so they move over what is on screen.
import {useEffect} from 'react';
import type {Snapshot} from '../../../model/snapshot.js';
import {
	buildTopology,
	filterTopology,
	labelOf,
	type TopologyGraph,
} from '../../../model/topology/graph.js';
import {drawTopology, type DrawingLine} from '../../../model/topology/drawing.js';
import type {TuiStore} from '../../app/tui-store.js';
import type {DetailsReader} from '../details/details-reader.js';
import type {TopologyViewState} from '../full-view-state.js';
import {readTopologyNat} from './topology-updates.js';

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

let last: {
	snapshot: Snapshot | null;
	filter: string;
	width: number;
	nat: TopologyViewState['nat'];
	drawing: TopologyDrawing;
} | null = null;

/** The drawing as the view shows it at `width` (one column less than the body: the cursor's mark). */
export function topologyDrawing(
	snapshot: Snapshot | null,
	view: TopologyViewState,
	width: number,
): TopologyDrawing {
	if (
		last &&
		last.snapshot === snapshot &&
		last.filter === view.filter &&
		last.width === width &&
		last.nat === view.nat
	)
		return last.drawing;
	const graph = snapshot ? graphOf(snapshot) : null;
	const filtered = graph && view.filter.trim() ? filterTopology(graph, view.filter) : graph;
	const lines = filtered ? drawTopology(filtered, {width, nat: view.nat ?? undefined}) : [];
	const drawing = {
		lines,
		shown: filtered?.namespaces.length ?? 0,
		total: graph?.namespaces.length ?? 0,
		label: (inode: number) => (filtered ? labelOf(filtered, inode) : null),
	};
	last = {snapshot, filter: view.filter, width, nat: view.nat, drawing};
	return drawing;
}

export function useTopologyDrawing(
	store: TuiStore,
	snapshot: Snapshot | null,
	view: TopologyViewState,
	width: number,
	reader: DetailsReader,
): TopologyDrawing {
	const wantsNat = view.nat === null && snapshot !== null;
	useEffect(() => {
		if (wantsNat) void readTopologyNat(store, reader);
	}, [wantsNat, store, reader]);
	return topologyDrawing(snapshot, view, width);
}
