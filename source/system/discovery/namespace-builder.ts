// Makes the snapshot's Namespace objects from what was read, found and proven.
// A namespace whose inputs did not change keeps its previous object (checked
// by identity first, by content next), so React sees the same reference and
// has nothing to redraw.
import {createHash} from 'node:crypto';
import type {NamespaceTarget} from '../../model/namespace-target.js';
import type {Namespace, Owner, Peer, Process} from '../../model/snapshot.js';
import {endpointKey} from '../../model/veth-peers.js';
import type {Found} from '../held-namespaces.js';
import type {NamespaceReading} from '../ip-query.js';
import type {ProcScan} from '../procfs.js';
import {unread} from './reading-cache.js';

/** A namespace a refresh keeps: where it was found, its reading, and the way into it. */
export type Kept = {item: Found; reading: NamespaceReading; target: NamespaceTarget};

export type Proven = {
	/** endpointKey(inode, ifindex) -> the proven peer of a veth. */
	peers: Map<string, Peer>;
	/** inode -> the nsid the host's namespace gives it. */
	nsidFromRoot: Map<number, number>;
	owners: Map<number, Owner | null>;
};

type StableInputs = {
	reading: NamespaceReading;
	processes: Process[];
	nsid: number | null;
	peers: Array<Peer | null>;
	item: Found;
	owner: Owner | null;
};

const noProcesses: Process[] = [];

export class NamespaceBuilder {
	private readonly previous = new Map<
		number,
		{inputs: StableInputs; digest: string | null; ns: Namespace}
	>();
	/** The peers of the last build: while discovery hands the same map, no namespace's peers changed. */
	private lastPeers: Map<string, Peer> | null = null;

	/** The namespaces, sorted (compareNamespaces); `step` lets keys in between (slicing). */
	async build(
		kept: Kept[],
		scan: ProcScan,
		proven: Proven,
		rootInode: number | null,
		step: () => Promise<void> | void,
	): Promise<Namespace[]> {
		const namespaces: Namespace[] = [];
		const samePeers = proven.peers === this.lastPeers;
		this.lastPeers = proven.peers;
		for (const {item, reading} of kept) {
			const paused = step();
			if (paused) await paused;
			const listed = scan.byNamespace.get(item.inode) ?? noProcesses;
			const owner = proven.owners.get(item.inode) ?? null;
			const nsid = proven.nsidFromRoot.get(item.inode) ?? null;
			// Nothing it is made from is new (a process came or went elsewhere): the same object, without comparing.
			const previous = this.previous.get(item.inode);
			if (
				samePeers &&
				previous &&
				previous.inputs.reading === reading &&
				previous.inputs.item === item &&
				previous.inputs.processes === listed &&
				previous.inputs.nsid === nsid &&
				previous.inputs.owner === owner
			) {
				namespaces.push(previous.ns);
				continue;
			}
			const linkPeers = reading.links.map(
				link => proven.peers.get(endpointKey(item.inode, link.ifindex)) ?? null,
			);
			const inputs = {reading, processes: listed, nsid, peers: linkPeers, item, owner};
			namespaces.push(this.stable(item.inode, inputs, () => namespaceOf(inputs, rootInode)));
		}
		const inodes = new Set(kept.map(({item}) => item.inode));
		for (const inode of this.previous.keys()) if (!inodes.has(inode)) this.previous.delete(inode);
		return namespaces.sort(compareNamespaces);
	}

	/**
	 * These namespaces made again from new inputs (their processes or owner
	 * changed), by inode; the others of the last build are kept as they are.
	 */
	remake(
		kept: Kept[],
		scan: ProcScan,
		proven: Proven,
		rootInode: number | null,
	): Map<number, Namespace> {
		const made = new Map<number, Namespace>();
		for (const {item, reading} of kept) {
			const linkPeers = reading.links.map(
				link => proven.peers.get(endpointKey(item.inode, link.ifindex)) ?? null,
			);
			const inputs = {
				reading,
				processes: scan.byNamespace.get(item.inode) ?? noProcesses,
				nsid: proven.nsidFromRoot.get(item.inode) ?? null,
				peers: linkPeers,
				item,
				owner: proven.owners.get(item.inode) ?? null,
			};
			made.set(
				item.inode,
				this.stable(item.inode, inputs, () => namespaceOf(inputs, rootInode)),
			);
		}
		return made;
	}

	private stable(inode: number, inputs: StableInputs, build: () => Namespace): Namespace {
		const previous = this.previous.get(inode);
		if (previous && sameInputs(previous.inputs, inputs)) {
			previous.inputs = inputs;
			return previous.ns;
		}
		const ns = build();
		if (!previous) {
			this.previous.set(inode, {inputs, digest: null, ns});
			return ns;
		}
		// Only its processes differ (the scan keeps one object per process and one list while none changed):
		// it has changed, and a digest of a namespace with a big routing table would cost more than the rest.
		if (onlyProcessesDiffer(previous.inputs, inputs)) {
			this.previous.set(inode, {inputs, digest: null, ns});
			return ns;
		}
		// A digest, not the text: a thousand namespaces' JSON would stay in memory for nothing.
		const digest = digestOfNamespace(ns);
		if ((previous.digest ??= digestOfNamespace(previous.ns)) === digest) {
			previous.inputs = inputs;
			return previous.ns;
		}
		this.previous.set(inode, {inputs, digest, ns});
		return ns;
	}
}

const namespaceOf = (
	{reading, processes, nsid, peers, item, owner}: StableInputs,
	rootInode: number | null,
): Namespace => ({
	inode: item.inode,
	name: item.name,
	paths: item.paths,
	root: item.inode === rootInode,
	nsid,
	forwarding: reading.forwarding,
	processes,
	interfaces: reading.links.map(({linkIndex: _index, linkNetnsid: _netnsid, ...link}, index) => {
		const peer = peers[index]!;
		return link.kind === 'veth' && !peer ? {...link, peer, peerUnresolved: true} : {...link, peer};
	}),
	routes: reading.routes,
	error: reading.error,
	...(reading === unread ? {pending: true} : {}),
	...(reading.stale ? {stale: true} : {}),
	mounts: item.mounts,
	threads: item.threads,
	descriptors: item.descriptors,
	...(item.hidden ? {hidden: true} : {}),
	owner,
});

const digestOfNamespace = (ns: Namespace) =>
	createHash('sha1').update(JSON.stringify(ns)).digest('base64');

// Field by field rather than through JSON.stringify: a refresh compares a thousand namespaces.
const sameInputs = (a: StableInputs, b: StableInputs) =>
	a.reading === b.reading &&
	a.nsid === b.nsid &&
	a.owner === b.owner &&
	sameList(a.processes, b.processes, (x, y) => x === y) &&
	sameList(
		a.peers,
		b.peers,
		(x, y) =>
			x === y ||
			(x !== null &&
				y !== null &&
				x.namespace === y.namespace &&
				x.ifindex === y.ifindex &&
				x.name === y.name),
	) &&
	(a.item === b.item ||
		(a.item.inode === b.item.inode &&
			a.item.name === b.item.name &&
			a.item.hidden === b.item.hidden &&
			sameList(a.item.paths, b.item.paths, (x, y) => x === y) &&
			JSON.stringify([a.item.mounts, a.item.threads, a.item.descriptors]) ===
				JSON.stringify([b.item.mounts, b.item.threads, b.item.descriptors])));

const onlyProcessesDiffer = (a: StableInputs, b: StableInputs) =>
	a.reading === b.reading &&
	a.item === b.item &&
	a.nsid === b.nsid &&
	a.owner === b.owner &&
	a.processes !== b.processes &&
	sameList(a.peers, b.peers, (x, y) => x === y);

const sameList = <T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean) =>
	a.length === b.length && a.every((x, index) => same(x, b[index]!));

/**
 * The host first, then named namespaces by name, then unnamed ones by inode.
 * Names compare by code point, as `LC_ALL=C ls` sorts: localeCompare would
 * load ICU's collator, ~9 ms of a 200-namespace snapshot.
 */
export function compareNamespaces(a: Namespace, b: Namespace): number {
	if (a.root !== b.root) return a.root ? -1 : 1;
	if ((a.name === null) !== (b.name === null)) return a.name === null ? 1 : -1;
	if (a.name && b.name && a.name !== b.name) return a.name < b.name ? -1 : 1;
	return a.inode - b.inode;
}
