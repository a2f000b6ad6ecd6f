// The namespace-level picture above the boxes: each group of linked namespaces as a
// tree, so a chain reads as one line (a ──── router ──── b) and a hub fans out.
import {labelOf, type TopologyGraph, type VethLink} from './graph.js';
import {fit} from '../text-cells.js';

export type OverviewLine = {text: string; namespace: number | null};

type Edge = {to: number; count: number; ownMaster: string | null; otherMaster: string | null};

const forwardingMark = ' (forwarding)';

export type Overview = {
	lines: OverviewLine[];
	/** Namespaces in the order the overview visits them, neighbours next to each other. */
	order: number[];
};

export function drawOverview(graph: TopologyGraph, width: number): Overview {
	const adjacency = adjacencyOf(graph.links);
	const nodes = graph.namespaces.map(ns => ns.inode);
	for (const inode of adjacency.keys()) if (!nodes.includes(inode)) nodes.push(inode);
	const forwarding = new Set(graph.namespaces.filter(ns => ns.forwarding.ipv4).map(ns => ns.inode));
	const label = (inode: number) =>
		labelOf(graph, inode) + (forwarding.has(inode) ? forwardingMark : '');

	const lines: OverviewLine[] = [];
	const order: number[] = [];
	const unlinked: number[] = [];
	const visited = new Set<number>();
	const treeEdges = new Set<string>();
	for (const start of nodes) {
		if (visited.has(start)) continue;
		if ((adjacency.get(start) ?? []).length === 0) {
			visited.add(start);
			unlinked.push(start);
			continue;
		}
		const root = rootOf(componentOf(start, adjacency), adjacency);
		const children = spanningTree(root, adjacency, visited, treeEdges);
		order.push(...walkOrder(root, children));
		drawTree(root, children, label, width, lines);
	}

	for (const text of otherLinks(graph, treeEdges))
		lines.push({text: fit(`  also: ${text}`, width), namespace: null});
	if (unlinked.length > 0) {
		lines.push(
			...wrapList('no veth links: ', unlinked.map(label), width).map(text => ({
				text,
				namespace: null,
			})),
		);
		order.push(...unlinked);
	}
	return {lines, order};
}

function adjacencyOf(links: VethLink[]): Map<number, Edge[]> {
	const adjacency = new Map<number, Edge[]>();
	const add = (from: number, to: number, ownMaster: string | null, otherMaster: string | null) => {
		if (from === to) return;
		let edges = adjacency.get(from);
		if (!edges) adjacency.set(from, (edges = []));
		// Links to one namespace through different bridges are different edges: app with one link on
		// docker0 and one on br-5a84 is not "2× on docker0".
		const existing = edges.find(
			edge => edge.to === to && edge.ownMaster === ownMaster && edge.otherMaster === otherMaster,
		);
		if (existing) existing.count++;
		else edges.push({to, count: 1, ownMaster, otherMaster});
	};
	for (const {a, b} of links) {
		add(a.namespace, b.namespace, a.master, b.master);
		add(b.namespace, a.namespace, b.master, a.master);
	}
	return adjacency;
}

function componentOf(start: number, adjacency: Map<number, Edge[]>): number[] {
	const seen = new Set([start]);
	const queue = [start];
	while (queue.length > 0) {
		for (const edge of adjacency.get(queue.shift()!) ?? []) {
			if (!seen.has(edge.to)) {
				seen.add(edge.to);
				queue.push(edge.to);
			}
		}
	}
	return [...seen];
}

/** A chain starts at one of its ends; anything else at its best-connected namespace. */
function rootOf(component: number[], adjacency: Map<number, Edge[]>): number {
	const degree = (inode: number) => adjacency.get(inode)?.length ?? 0;
	const isPath =
		component.every(inode => degree(inode) <= 2) && component.some(inode => degree(inode) === 1);
	if (isPath) return component.find(inode => degree(inode) === 1)!;
	return component.reduce((best, inode) => (degree(inode) > degree(best) ? inode : best));
}

function spanningTree(
	root: number,
	adjacency: Map<number, Edge[]>,
	visited: Set<number>,
	treeEdges: Set<string>,
): Map<number, Edge[]> {
	const children = new Map<number, Edge[]>();
	visited.add(root);
	const queue = [root];
	while (queue.length > 0) {
		const node = queue.shift()!;
		const own: Edge[] = [];
		for (const edge of adjacency.get(node) ?? []) {
			if (visited.has(edge.to)) continue;
			visited.add(edge.to);
			treeEdges.add(
				edgeKey(
					{namespace: node, master: edge.ownMaster},
					{namespace: edge.to, master: edge.otherMaster},
				),
			);
			own.push(edge);
			queue.push(edge.to);
		}
		children.set(node, own);
	}
	return children;
}

function walkOrder(node: number, children: Map<number, Edge[]>): number[] {
	return [node, ...(children.get(node) ?? []).flatMap(edge => walkOrder(edge.to, children))];
}

function connector(edge: Edge): string {
	const own = edge.ownMaster ? `[${edge.ownMaster}]─` : '';
	const other = edge.otherMaster ? `─[${edge.otherMaster}]` : '';
	const count = edge.count > 1 ? `${edge.count}×` : '──';
	return `${own}──${count}${other}`;
}

/**
 * A node's only child continues its line; several children branch below it.
 * `lead` is what comes before the node on its first line, `indent` what comes
 * before anything under it (the open branches of its ancestors).
 */
function drawTree(
	root: number,
	children: Map<number, Edge[]>,
	label: (inode: number) => string,
	width: number,
	lines: OverviewLine[],
) {
	const inlineLimit = Math.floor(width * 0.6);
	const walk = (node: number, lead: string, indent: string, startsLine: boolean) => {
		const text = lead + label(node);
		if (startsLine) lines.push({text: '', namespace: node});
		const line = lines[lines.length - 1]!;
		line.text = fit(text, width);
		const edges = children.get(node) ?? [];
		if (edges.length === 1 && text.length < inlineLimit) {
			const next = `${text} ─${connector(edges[0]!)}─ `;
			walk(edges[0]!.to, next, indent + ' '.repeat(next.length - indent.length), false);
			return;
		}
		// Too far right to branch readably: restate the node at the left edge and go on from there.
		if (edges.length > 0 && lead.length > width / 2) {
			walk(node, '↳ ', '  ', true);
			return;
		}
		// Branches hang from a junction under the start of the node's label.
		const junction = indent + ' '.repeat(Math.max(0, lead.length - indent.length) + 1);
		edges.forEach((edge, index) => {
			const last = index === edges.length - 1;
			const branch = `${junction}${last ? '└' : '├'}${connector(edge)}─ `;
			walk(
				edge.to,
				branch,
				`${junction}${last ? ' ' : '│'}${' '.repeat(branch.length - junction.length - 1)}`,
				true,
			);
		});
	};
	walk(root, '', '', true);
}

/**
 * Links the trees leave out: those closing a loop, a second way between two namespaces (through
 * another bridge), and a pair with both ends in one namespace.
 */
function otherLinks(graph: TopologyGraph, treeEdges: Set<string>): string[] {
	const texts: string[] = [];
	const counts = new Map<string, {link: VethLink; count: number}>();
	for (const link of graph.links) {
		if (link.a.namespace === link.b.namespace) {
			texts.push(
				`${labelOf(graph, link.a.namespace)}: ${link.a.interface} ──── ${link.b.interface} (both ends here)`,
			);
			continue;
		}
		const key = edgeKey(link.a, link.b);
		if (treeEdges.has(key)) continue;
		const counted = counts.get(key);
		if (counted) counted.count++;
		else counts.set(key, {link, count: 1});
	}
	for (const {link, count} of counts.values()) {
		const edge = {
			to: link.b.namespace,
			count,
			ownMaster: link.a.master,
			otherMaster: link.b.master,
		};
		texts.push(
			`${labelOf(graph, link.a.namespace)} ─${connector(edge)}─ ${labelOf(graph, link.b.namespace)}`,
		);
	}
	return texts;
}

/** The same for both directions of a link: the namespaces and the masters at each end. */
function edgeKey(
	one: {namespace: number; master: string | null},
	other: {namespace: number; master: string | null},
): string {
	const [first, second] = one.namespace <= other.namespace ? [one, other] : [other, one];
	return `${first.namespace}[${first.master ?? ''}]-${second.namespace}[${second.master ?? ''}]`;
}

function wrapList(title: string, items: string[], width: number): string[] {
	const lines: string[] = [];
	let line = title;
	for (const [index, item] of items.entries()) {
		const piece = item + (index < items.length - 1 ? ', ' : '');
		if (line.length + piece.trimEnd().length > width && line.trim() !== title.trim()) {
			lines.push(line.trimEnd());
			line = ' '.repeat(title.length);
		}
		line += piece;
	}
	lines.push(fit(line.trimEnd(), width));
	return lines;
}
