// `nstui topology [--dot]`: the wiring between namespaces as a text drawing, or as Graphviz dot.
import {hasBridge, natNoteOf, type NatNote} from '../model/nat-notes.js';
import type {Snapshot} from '../model/snapshot.js';
import {topologyDot} from '../model/topology/dot.js';
import {topologyText} from '../model/topology/drawing.js';
import {buildTopology} from '../model/topology/graph.js';
import {targetFor} from '../system/actions/targets.js';
import {readFirewall} from '../system/namespace-details.js';
import {mapLimit} from '../system/run.js';
import {withSnapshot} from './with-snapshot.js';

// Boxes as wide as a very wide terminal are harder to read, not easier.
const maxWidth = 100;

export function runTopology({dot}: {dot: boolean}): Promise<number> {
	return withSnapshot(async snapshot => {
		const graph = buildTopology(snapshot);
		if (dot) process.stdout.write(topologyDot(graph));
		else
			process.stdout.write(
				topologyText(graph, {
					width: Math.min(process.stdout.columns ?? 80, maxWidth),
					nat: await natOfBridges(snapshot),
				}),
			);
		return 0;
	});
}

/** The NAT rules of the namespaces with a bridge, as the TUI's topology view shows them (seed 001's host). */
async function natOfBridges(snapshot: Snapshot): Promise<Map<number, NatNote>> {
	const nat = new Map<number, NatNote>();
	await mapLimit(snapshot.namespaces.filter(hasBridge), 4, async ns => {
		const target = targetFor(ns);
		if (!target) return;
		const firewall = await readFirewall(target);
		nat.set(
			ns.inode,
			firewall.value ? natNoteOf(firewall.value, ns) : {state: 'unknown', reason: firewall.error},
		);
	});
	return nat;
}
