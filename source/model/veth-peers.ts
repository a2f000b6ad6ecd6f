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

type Endpoint = {inode: number; link: RawLink; peer: Endpoint | null};

export function resolveVethPeers(namespaces: PeerInput[]): PeerResolution {
	const nsids = new Map<number, Map<number, number>>();
	for (const ns of namespaces) nsids.set(ns.inode, new Map(ns.knownNsids));

	// Candidates are looked up by the reversed pair of indexes: a pair inside one
	// namespace by namespace too (thousands of namespaces may each hold one with the
	// same indexes), a pair across namespaces by the indexes alone.
	const within = new Map<string, Endpoint>();
	const across = new Map<string, Endpoint[]>();
	let open: Endpoint[] = [];
	for (const ns of namespaces) {
		for (const link of ns.links) {
			if (link.kind !== 'veth' || link.linkIndex === null) continue;
			const endpoint: Endpoint = {inode: ns.inode, link, peer: null};
			if (link.linkNetnsid === null) within.set(`${ns.inode}:${link.ifindex}:${link.linkIndex}`, endpoint);
			else {
				const key = `${link.ifindex}:${link.linkIndex}`;
				const list = across.get(key);
				if (list) list.push(endpoint);
				else across.set(key, [endpoint]);
			}
			open.push(endpoint);
		}
	}

	const mapOf = (inode: number) => nsids.get(inode)!;
	const consistent = (from: number, nsid: number, to: number): boolean => {
		if (from === to) return false;
		const known = mapOf(from).get(nsid);
		if (known !== undefined) return known === to;
		// An nsid is unique within its namespace: `to` must not already go by another one.
		for (const [otherNsid, inode] of mapOf(from)) if (inode === to && otherNsid !== nsid) return false;
		return true;
	};

	const candidatesOf = (a: Endpoint): Endpoint[] => {
		const {link} = a;
		if (link.linkNetnsid === null) {
			const b = within.get(`${a.inode}:${link.linkIndex}:${link.ifindex}`);
			return b && b !== a && b.peer === null ? [b] : [];
		}
		return (across.get(`${link.linkIndex}:${link.ifindex}`) ?? []).filter(
			b => b.peer === null && consistent(a.inode, link.linkNetnsid!, b.inode) && consistent(b.inode, b.link.linkNetnsid!, a.inode),
		);
	};

	let progress = true;
	while (progress && open.length > 0) {
		progress = false;
		for (const a of open) {
			if (a.peer !== null) continue;
			const candidates = candidatesOf(a);
			if (candidates.length !== 1) continue;
			const b = candidates[0]!;
			a.peer = b;
			b.peer = a;
			if (a.link.linkNetnsid !== null) mapOf(a.inode).set(a.link.linkNetnsid, b.inode);
			if (b.link.linkNetnsid !== null) mapOf(b.inode).set(b.link.linkNetnsid, a.inode);
			progress = true;
		}
		open = open.filter(endpoint => endpoint.peer === null);
	}

	const peers = new Map<string, Peer>();
	for (const list of [within.values(), ...across.values()]) {
		for (const a of list) if (a.peer) peers.set(endpointKey(a.inode, a.link.ifindex), {namespace: a.peer.inode, name: a.peer.link.name, ifindex: a.peer.link.ifindex});
	}
	const ambiguous = new Set<number>();
	for (const a of open) if (candidatesOf(a).length > 1) ambiguous.add(a.inode);
	return {peers, nsids, ambiguous};
}
