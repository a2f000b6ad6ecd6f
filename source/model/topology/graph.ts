// The wiring between namespaces, as a graph built from a Snapshot: which namespace
// holds which interfaces, which veth pairs join which namespaces, which ports are
// enslaved to which bridge or VRF. Pure: the drawings (text, dot) are made from it,
// so every name in it is already shown() (model/shown-text.ts).
import {linkStateText} from '../link-state.js';
import {shown} from '../shown-text.js';
import {namespaceLabel, type Interface, type Namespace, type Snapshot} from '../snapshot.js';

export type TopologyInterface = {
	name: string;
	kind: string;
	state: string;
	mac: string | null;
	/** "192.168.1.1/24", in the order ip reports them. */
	addresses: string[];
	master: string | null;
	/** Interfaces of the same namespace enslaved to this one (bridge ports, VRF members). */
	members: TopologyInterface[];
	peer: {namespace: number; name: string} | null;
	peerUnresolved: boolean;
};

export type TopologyNamespace = {
	inode: number;
	label: string;
	/** The label as the system gave it, which the `/` filter also matches. */
	rawLabel: string;
	root: boolean;
	forwarding: {ipv4: boolean; ipv6: boolean};
	error: string | null;
	/** Interfaces with no master here; enslaved ones are under their master's `members`. */
	interfaces: TopologyInterface[];
};

export type LinkEnd = {namespace: number; interface: string; master: string | null};

/** One veth pair, each end once. */
export type VethLink = {a: LinkEnd; b: LinkEnd};

/** A bridge or VRF (or bond, team: any master) and the ports enslaved to it. */
export type MasterGroup = {namespace: number; name: string; kind: string; ports: string[]};

export type TopologyGraph = {
	namespaces: TopologyNamespace[];
	links: VethLink[];
	bridges: MasterGroup[];
	vrfs: MasterGroup[];
	/** Other masters: bonds, teams, ... */
	otherMasters: MasterGroup[];
	/** veth ends whose other end could not be found. */
	unresolved: {namespace: number; interface: string}[];
	/** Labels of namespaces that links point at but the snapshot does not hold, keyed by inode. */
	labels: Map<number, string>;
};

export function buildTopology(snapshot: Snapshot): TopologyGraph {
	const labels = new Map(snapshot.namespaces.map(ns => [ns.inode, shown(namespaceLabel(ns))]));
	const graph: TopologyGraph = {
		namespaces: [],
		links: [],
		bridges: [],
		vrfs: [],
		otherMasters: [],
		unresolved: [],
		labels,
	};
	const seenEnds = new Set<string>();
	for (const ns of snapshot.namespaces) {
		graph.namespaces.push(topologyNamespace(ns));
		for (const link of ns.interfaces) {
			if (link.peer) {
				const key = `${ns.inode}/${link.name}`;
				if (seenEnds.has(key)) continue;
				seenEnds.add(key);
				seenEnds.add(`${link.peer.namespace}/${link.peer.name}`);
				graph.links.push({
					a: {namespace: ns.inode, interface: shown(link.name), master: shownOrNull(link.master)},
					b: {
						namespace: link.peer.namespace,
						interface: shown(link.peer.name),
						master: shownOrNull(masterOf(snapshot, link.peer.namespace, link.peer.name)),
					},
				});
				if (!labels.has(link.peer.namespace))
					labels.set(link.peer.namespace, `net:[${link.peer.namespace}]`);
			} else if (link.peerUnresolved) {
				graph.unresolved.push({namespace: ns.inode, interface: shown(link.name)});
			}
		}
		for (const group of masterGroups(ns)) {
			if (group.kind === 'bridge') graph.bridges.push(group);
			else if (group.kind === 'vrf') graph.vrfs.push(group);
			else graph.otherMasters.push(group);
		}
	}
	return graph;
}

export function labelOf(graph: TopologyGraph, inode: number): string {
	return graph.labels.get(inode) ?? `net:[${inode}]`;
}

/** Namespaces linked to `inode` by a veth pair (each once, never itself). */
export function neighboursOf(graph: TopologyGraph, inode: number): number[] {
	const found = new Set<number>();
	for (const {a, b} of graph.links) {
		if (a.namespace === inode && b.namespace !== inode) found.add(b.namespace);
		if (b.namespace === inode && a.namespace !== inode) found.add(a.namespace);
	}
	return [...found];
}

/** Inodes of the namespaces whose label contains `term` (any case). */
export function matchingNamespaces(graph: TopologyGraph, term: string): number[] {
	const needle = term.trim().toLowerCase();
	return graph.namespaces
		.filter(
			ns => ns.label.toLowerCase().includes(needle) || ns.rawLabel.toLowerCase().includes(needle),
		)
		.map(ns => ns.inode);
}

/** The namespaces whose name matches `term` and their direct neighbours, with the links among them. */
export function filterTopology(graph: TopologyGraph, term: string): TopologyGraph {
	const kept = new Set<number>();
	for (const inode of matchingNamespaces(graph, term)) {
		kept.add(inode);
		for (const neighbour of neighboursOf(graph, inode)) kept.add(neighbour);
	}
	const inKept = (item: {namespace: number}) => kept.has(item.namespace);
	return {
		namespaces: graph.namespaces.filter(ns => kept.has(ns.inode)),
		links: graph.links.filter(link => kept.has(link.a.namespace) && kept.has(link.b.namespace)),
		bridges: graph.bridges.filter(inKept),
		vrfs: graph.vrfs.filter(inKept),
		otherMasters: graph.otherMasters.filter(inKept),
		unresolved: graph.unresolved.filter(inKept),
		labels: graph.labels,
	};
}

function topologyNamespace(ns: Namespace): TopologyNamespace {
	const byName = new Map<string, TopologyInterface>();
	for (const link of ns.interfaces) byName.set(link.name, topologyInterface(link));
	const top: TopologyInterface[] = [];
	for (const link of ns.interfaces) {
		const node = byName.get(link.name)!;
		const master = link.master === null ? undefined : byName.get(link.master);
		// A master that is not here (or a loop of masters) leaves the port at the top, still showing `master`.
		if (master && master !== node && !isUnder(master, node)) master.members.push(node);
		else top.push(node);
	}
	return {
		inode: ns.inode,
		label: shown(namespaceLabel(ns)),
		rawLabel: namespaceLabel(ns),
		root: ns.root,
		forwarding: ns.forwarding,
		error: shownOrNull(ns.error),
		interfaces: top,
	};
}

function isUnder(candidate: TopologyInterface, ancestor: TopologyInterface): boolean {
	return ancestor.members.some(member => member === candidate || isUnder(candidate, member));
}

function topologyInterface(link: Interface): TopologyInterface {
	return {
		name: shown(link.name),
		kind: shown(link.kind),
		state: shown(linkStateText(link)),
		mac: shownOrNull(link.mac),
		addresses: link.addresses.map(address => shown(`${address.address}/${address.prefixlen}`)),
		master: shownOrNull(link.master),
		members: [],
		peer: link.peer ? {namespace: link.peer.namespace, name: shown(link.peer.name)} : null,
		peerUnresolved: link.peerUnresolved === true,
	};
}

function masterGroups(ns: Namespace): MasterGroup[] {
	const groups = new Map<string, MasterGroup>();
	for (const link of ns.interfaces) {
		if (link.master === null) continue;
		const masterKind = ns.interfaces.find(item => item.name === link.master)?.kind ?? 'unknown';
		let group = groups.get(link.master);
		if (!group)
			groups.set(
				link.master,
				(group = {
					namespace: ns.inode,
					name: shown(link.master),
					kind: shown(masterKind),
					ports: [],
				}),
			);
		group.ports.push(shown(link.name));
	}
	// A bridge or VRF with no ports yet is still one.
	for (const link of ns.interfaces) {
		if ((link.kind === 'bridge' || link.kind === 'vrf') && !groups.has(link.name)) {
			groups.set(link.name, {
				namespace: ns.inode,
				name: shown(link.name),
				kind: shown(link.kind),
				ports: [],
			});
		}
	}
	return [...groups.values()];
}

const shownOrNull = (text: string | null) => (text === null ? null : shown(text));

function masterOf(snapshot: Snapshot, inode: number, name: string): string | null {
	const ns = snapshot.namespaces.find(item => item.inode === inode);
	return ns?.interfaces.find(link => link.name === name)?.master ?? null;
}
