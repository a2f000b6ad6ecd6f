// `nstui topology --dot`: the same graph for Graphviz. Each namespace is a cluster of
// its interfaces; veth pairs are solid edges between clusters, ports hang off their
// master with dashed edges, and an unresolved veth ends in a "?" node.
import {
	labelOf,
	type TopologyGraph,
	type TopologyInterface,
	type TopologyNamespace,
} from './graph.js';
import {forwardingText} from './boxes.js';

export function topologyDot(graph: TopologyGraph): string {
	const lines = [
		'graph nstui {',
		'  graph [rankdir=LR, fontname="monospace", compound=true];',
		'  node [shape=box, fontname="monospace", fontsize=10];',
		'  edge [fontname="monospace", fontsize=9];',
	];
	const known = new Set(graph.namespaces.map(ns => ns.inode));
	for (const ns of graph.namespaces) lines.push(...cluster(ns));
	for (const {a, b} of graph.links) {
		for (const end of [a, b]) {
			if (!known.has(end.namespace)) {
				lines.push(
					`  ${nodeId(end.namespace, end.interface)} [label=${quote(`${end.interface}\n${labelOf(graph, end.namespace)}`)}, style=dashed];`,
				);
			}
		}
		lines.push(
			`  ${nodeId(a.namespace, a.interface)} -- ${nodeId(b.namespace, b.interface)} [penwidth=2];`,
		);
	}
	for (const {namespace, interface: name} of graph.unresolved) {
		const id = quote(`unresolved:${namespace}:${name}`);
		lines.push(`  ${id} [label="? peer unresolved", shape=plaintext];`);
		lines.push(`  ${nodeId(namespace, name)} -- ${id} [style=dotted];`);
	}
	lines.push('}');
	return `${lines.join('\n')}\n`;
}

function cluster(ns: TopologyNamespace): string[] {
	const marks = [
		ns.root && ns.label !== '<host>' ? 'host' : null,
		forwardingText(ns),
		ns.error ? 'unreadable' : null,
	].filter(Boolean);
	const title = [ns.label, ...marks, `net:[${ns.inode}]`].join('\n');
	const lines = [
		`  subgraph ${quote(`cluster_${ns.inode}`)} {`,
		`    label=${quote(title)};`,
		...(ns.forwarding.ipv4 ? ['    style=bold;'] : []),
	];
	const visible = ns.interfaces.filter(link => link.kind !== 'loopback');
	// An empty cluster is not drawn at all; a namespace with nothing wired still deserves its box.
	if (visible.length === 0)
		lines.push(`    ${quote(`empty:${ns.inode}`)} [label="(no interfaces)", shape=plaintext];`);
	const walk = (link: TopologyInterface, master: TopologyInterface | null) => {
		lines.push(
			`    ${nodeId(ns.inode, link.name)} [label=${quote(interfaceLabel(link))}${shapeOf(link)}];`,
		);
		if (master)
			lines.push(
				`    ${nodeId(ns.inode, link.name)} -- ${nodeId(ns.inode, master.name)} [style=dashed];`,
			);
		for (const member of link.members) walk(member, link);
	};
	for (const link of visible) walk(link, null);
	lines.push('  }');
	return lines;
}

function interfaceLabel(link: TopologyInterface): string {
	const addresses = link.addresses.filter(address => !address.toLowerCase().startsWith('fe80:'));
	const state = link.state === 'UP' || link.state === 'UNKNOWN' ? [] : [link.state];
	return [`${link.name} (${link.kind})`, ...addresses, ...state].join('\n');
}

function shapeOf(link: TopologyInterface): string {
	if (link.kind === 'bridge') return ', shape=box3d';
	if (link.kind === 'vrf') return ', shape=tab';
	return '';
}

function nodeId(inode: number, name: string): string {
	return quote(`${inode}:${name}`);
}

/** A dot string: quotes and backslashes escaped, newlines as dot's own `\n`. */
export function quote(text: string): string {
	return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}
