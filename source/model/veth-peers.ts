// Which namespace and interface is the other end of each veth? Only what the
// kernel proves is said; anything else is left unresolved, never guessed.
//
// ip reports, for a veth, `link_index` (the peer's ifindex) and, when the peer
// is in another namespace, `link_netnsid`: an nsid that only means something
// inside the namespace that was asked. ifindex numbers repeat across
// namespaces, so an index proves nothing. What proves a pair a (in A) <-> c (in C):
// c's ifindex is a's link_index and back, and the kernel, asked inside A, says
// that A gives C the nsid a's link_netnsid names (or, asked inside C, that C
// gives A the nsid c's names). An nsid names exactly one namespace, so that
// settles it. A pair inside one namespace is proven by its indexes alone.
import type {Peer} from './snapshot.js';
import type {RawLink} from './ip-json.js';

export type PeerInput = {inode: number; links: RawLink[]};

/** from -> (other -> the nsid `from` gives it, as the kernel said; -1: none). */
export type NsidAnswers = Map<number, Map<number, number>>;

export type PeerResolution = {
	/** Keyed by endpointKey(inode, ifindex). */
	peers: Map<string, Peer>;
	/**
	 * What to ask next: namespace -> the others whose nsid it should be asked,
	 * for veth ends still open and candidates nobody has been asked about.
	 */
	questions: Map<number, Set<number>>;
};

export const endpointKey = (inode: number, ifindex: number) => `${inode}:${ifindex}`;

type End = {inode: number; link: RawLink & {linkIndex: number}};

/**
 * `perEnd`: how many unasked candidates of each open end go into `questions`
 * (discovery asks in rounds: first one each, which settles most pairs, then all).
 */
export function resolveVethPeers(
	namespaces: PeerInput[],
	answers: NsidAnswers,
	perEnd = Number.POSITIVE_INFINITY,
): PeerResolution {
	const peers = new Map<string, Peer>();
	const setPeer = (a: End, c: End) =>
		peers.set(endpointKey(a.inode, a.link.ifindex), {
			namespace: c.inode,
			name: c.link.name,
			ifindex: c.link.ifindex,
		});
	const across: End[] = [];
	// Ends that point into another namespace, by their own ifindex: the candidates for an end's link_index.
	const byIndex = new Map<number, End[]>();
	for (const ns of namespaces) {
		const own = new Map<number, RawLink>();
		for (const link of ns.links) own.set(link.ifindex, link);
		for (const link of ns.links) {
			if (link.kind !== 'veth' || link.linkIndex === null) continue;
			const end = {inode: ns.inode, link: link as End['link']};
			if (link.linkNetnsid === null) {
				// Both ends in this namespace: the kernel named the other by its index here, in the same reading.
				const other = own.get(link.linkIndex);
				if (other && other !== link && other.kind === 'veth')
					setPeer(end, {inode: ns.inode, link: other as End['link']});
				continue;
			}
			across.push(end);
			const list = byIndex.get(link.ifindex);
			if (list) list.push(end);
			else byIndex.set(link.ifindex, [end]);
		}
	}

	const said = (from: number, to: number) => answers.get(from)?.get(to);
	/** true: proven; false: disproved; null: nobody asked. */
	const verdict = (a: End, c: End): boolean | null => {
		const fromA = said(a.inode, c.inode);
		const fromC = said(c.inode, a.inode);
		if (
			(fromA !== undefined && fromA !== a.link.linkNetnsid) ||
			(fromC !== undefined && fromC !== c.link.linkNetnsid)
		)
			return false;
		return fromA !== undefined || fromC !== undefined ? true : null;
	};
	// A candidate points back at a: a's link_index is its ifindex and its link_index is a's.
	const candidatesOf = (a: End) =>
		(byIndex.get(a.link.linkIndex) ?? []).filter(
			c => c.inode !== a.inode && c.link.linkIndex === a.link.ifindex,
		);

	const proven = new Map<End, End[]>();
	for (const a of across)
		proven.set(
			a,
			candidatesOf(a).filter(c => verdict(a, c) === true),
		);
	// Two proofs for one end can only come from readings taken at different times: then neither stands.
	const settled = new Set<End>();
	for (const a of across) {
		const [c, more] = proven.get(a)!;
		if (!c || more) continue;
		const back = proven.get(c)!;
		if (back.length === 1 && back[0] === a) {
			setPeer(a, c);
			settled.add(a);
		}
	}

	const questions = new Map<number, Set<number>>();
	for (const a of across) {
		if (settled.has(a) || (proven.get(a)?.length ?? 0) > 0) continue;
		let taken = 0;
		for (const c of candidatesOf(a)) {
			if (taken >= perEnd) break;
			if (settled.has(c) || verdict(a, c) !== null) continue;
			taken++;
			// One answer settles every pair between the two namespaces, whichever of them is asked.
			const list = questions.get(a.inode);
			if (list?.has(c.inode) || questions.get(c.inode)?.has(a.inode)) continue;
			if (list) list.add(c.inode);
			else questions.set(a.inode, new Set([c.inode]));
		}
	}
	return {peers, questions};
}
