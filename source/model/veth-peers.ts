// Which namespace and interface is the other end of each veth?
//
// ip reports, for a veth, `link_index` (the peer's ifindex) and `link_netnsid`
// (an nsid that only means something inside the namespace that was asked).
// ifindex numbers repeat across namespaces, so an index alone proves nothing.
// A pair is accepted only when both ends point at each other, and every nsid
// is kept consistent: one nsid of a namespace names one other namespace.
// Named namespaces give known nsids (`ip netns list-id`); each accepted pair
// teaches the nsids of its two namespaces, which can settle pairs that were
// ambiguous before (the host's namespace and unnamed ones have no name to go by).
import type {Peer} from './snapshot.js';
import type {RawLink} from './ip-json.js';

export type PeerInput = {
	inode: number;
	links: RawLink[];
	/** nsid -> inode, as far as names tell. */
	knownNsids: Map<number, number>;
};

export type PeerResolution = {
	/** Keyed by endpointKey(inode, ifindex). */
	peers: Map<string, Peer>;
	/** Per namespace, nsid -> inode: the known ones and those the pairs taught. */
	nsids: Map<number, Map<number, number>>;
	/** Namespaces with a veth that more than one candidate could be the other end of. */
	ambiguous: Set<number>;
};

export const endpointKey = (inode: number, ifindex: number) => `${inode}:${ifindex}`;

type Endpoint = {inode: number; link: RawLink};

export function resolveVethPeers(namespaces: PeerInput[]): PeerResolution {
	const nsids = new Map<number, Map<number, number>>();
	for (const ns of namespaces) nsids.set(ns.inode, new Map(ns.knownNsids));

	// Endpoints indexed by "ifindex:linkIndex", so a lookup by the reversed pair finds candidates.
	const byIndexes = new Map<string, Endpoint[]>();
	const open: Endpoint[] = [];
	for (const ns of namespaces) {
		for (const link of ns.links) {
			if (link.kind !== 'veth' || link.linkIndex === null) continue;
			const endpoint = {inode: ns.inode, link};
			const key = `${link.ifindex}:${link.linkIndex}`;
			const list = byIndexes.get(key);
			if (list) list.push(endpoint);
			else byIndexes.set(key, [endpoint]);
			open.push(endpoint);
		}
	}

	const peers = new Map<string, Peer>();
	const mapOf = (inode: number) => nsids.get(inode)!;
	const consistent = (from: number, nsid: number | null, to: number): boolean => {
		if (nsid === null) return from === to;
		if (from === to) return false;
		const known = mapOf(from).get(nsid);
		if (known !== undefined) return known === to;
		// An nsid is unique within its namespace: `to` must not already go by another one.
		for (const [otherNsid, inode] of mapOf(from)) if (inode === to && otherNsid !== nsid) return false;
		return true;
	};

	const candidatesOf = (a: Endpoint) =>
		(byIndexes.get(`${a.link.linkIndex}:${a.link.ifindex}`) ?? []).filter(
			b =>
				b !== a &&
				!peers.has(endpointKey(b.inode, b.link.ifindex)) &&
				consistent(a.inode, a.link.linkNetnsid, b.inode) &&
				consistent(b.inode, b.link.linkNetnsid, a.inode),
		);

	let progress = true;
	while (progress && open.length > 0) {
		progress = false;
		for (let i = open.length - 1; i >= 0; i--) {
			const a = open[i]!;
			if (peers.has(endpointKey(a.inode, a.link.ifindex))) {
				open.splice(i, 1);
				continue;
			}
			const candidates = candidatesOf(a);
			if (candidates.length !== 1) continue;
			const b = candidates[0]!;
			peers.set(endpointKey(a.inode, a.link.ifindex), {namespace: b.inode, name: b.link.name, ifindex: b.link.ifindex});
			peers.set(endpointKey(b.inode, b.link.ifindex), {namespace: a.inode, name: a.link.name, ifindex: a.link.ifindex});
			if (a.link.linkNetnsid !== null) mapOf(a.inode).set(a.link.linkNetnsid, b.inode);
			if (b.link.linkNetnsid !== null) mapOf(b.inode).set(b.link.linkNetnsid, a.inode);
			open.splice(i, 1);
			progress = true;
		}
	}

	const ambiguous = new Set<number>();
	for (const a of open) {
		if (!peers.has(endpointKey(a.inode, a.link.ifindex)) && candidatesOf(a).length > 1) ambiguous.add(a.inode);
	}
	return {peers, nsids, ambiguous};
}
