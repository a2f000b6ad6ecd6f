// `nstui topology` and the topology view: a summary line, the namespace-level
// overview (who is wired to whom), then one box per namespace in the overview's order.
import type {NatNote} from '../nat-notes.js';
import {drawNamespaceBox, type LineMark} from './boxes.js';
import {drawOverview} from './overview.js';
import type {TopologyGraph} from './graph.js';

export type DrawingLine = {
	text: string;
	/** The namespace this line belongs to (a box line, or the first namespace on an overview line). */
	namespace: number | null;
	part: 'summary' | 'overview' | 'box' | 'blank';
	mark?: LineMark;
};

export type DrawOptions = {
	width?: number;
	/** What is known of the NAT rules of some namespaces (by inode), drawn in their boxes. */
	nat?: ReadonlyMap<number, NatNote>;
};

export const minimumWidth = 40;

export function drawTopology(graph: TopologyGraph, options: DrawOptions = {}): DrawingLine[] {
	const width = Math.max(minimumWidth, options.width ?? 80);
	const blank: DrawingLine = {text: '', namespace: null, part: 'blank'};
	const lines: DrawingLine[] = [{text: summaryOf(graph), namespace: null, part: 'summary'}];
	if (graph.namespaces.length === 0) return lines;
	const overview = drawOverview(graph, width);
	lines.push(blank, ...overview.lines.map(line => ({...line, part: 'overview' as const})), blank);
	const byInode = new Map(graph.namespaces.map(ns => [ns.inode, ns]));
	for (const inode of overview.order) {
		const ns = byInode.get(inode);
		if (ns)
			lines.push(
				...drawNamespaceBox(ns, graph, width, options.nat?.get(inode)).map(line => ({
					...line,
					part: 'box' as const,
				})),
			);
	}
	return lines;
}

export function topologyText(graph: TopologyGraph, options: DrawOptions = {}): string {
	return `${drawTopology(graph, options)
		.map(line => line.text)
		.join('\n')}\n`;
}

function summaryOf(graph: TopologyGraph): string {
	const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
	return [
		count(graph.namespaces.length, 'namespace'),
		count(graph.links.length, 'veth link'),
		graph.bridges.length > 0 ? count(graph.bridges.length, 'bridge') : null,
		graph.vrfs.length > 0 ? count(graph.vrfs.length, 'VRF') : null,
		graph.unresolved.length > 0
			? count(graph.unresolved.length, 'unresolved veth', 'unresolved veths')
			: null,
	]
		.filter(Boolean)
		.join(' · ');
}
