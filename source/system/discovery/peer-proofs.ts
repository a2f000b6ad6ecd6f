// Veth peers, each proven by the kernel (model/veth-peers.ts): namespaces are
// asked which nsid they give the candidates (system/nsid-query.ts), in rounds,
// one candidate per open end first (that settles most), then all that are
// left. Answers are kept while the asked namespace's reading stays the same.
import type {Peer} from '../../model/snapshot.js';
import {resolveVethPeers, type NsidAnswers} from '../../model/veth-peers.js';
import type {NamespaceReading} from '../ip-query.js';
import {askNsids, type KeptNsidProver} from '../nsid-query.js';
import {slicer} from '../slicing.js';
import type {Kept} from './namespace-builder.js';
import type {RefreshPlan} from './plan.js';
import {entryPathOf} from './ways-in.js';

/** How long questions the kernel left open wait before they are asked again (while nothing else changed). */
const retryOpenMs = 30_000;

export class PeerProver {
	/** The nsids the kernel said each namespace gives others, kept while that namespace's reading stays the same. */
	private readonly answers = new Map<
		number,
		{reading: NamespaceReading; answers: Map<number, number>}
	>();

	/** The last resolution and what it was made from: handed back whole while every reading is the same. */
	private last: {
		made: Array<{inode: number; reading: NamespaceReading}>;
		peers: Map<string, Peer>;
		open: boolean;
		at: number;
	} | null = null;

	/** prover: a kept one (the TUI's); without, each round that has questions runs one. */
	constructor(
		private readonly options: {timeoutMs?: number; nice?: number; prover?: KeptNsidProver} = {},
	) {}

	async resolve(
		kept: Kept[],
		selfInode: number | null,
		plan: RefreshPlan,
		now = Date.now(),
	): Promise<Map<string, Peer>> {
		const last = this.last;
		// Questions left open (a namespace that could not be asked) are asked again, but not on every refresh.
		const fresh =
			last &&
			(!last.open || now - last.at < retryOpenMs) &&
			last.made.length === kept.length &&
			kept.every(
				({item, reading}, index) =>
					last.made[index]!.inode === item.inode && last.made[index]!.reading === reading,
			);
		if (fresh) return last.peers;
		const {peers, open} = await this.prove(kept, selfInode, plan);
		this.last = {
			made: kept.map(({item, reading}) => ({inode: item.inode, reading})),
			peers,
			open,
			at: now,
		};
		return peers;
	}

	private async prove(
		kept: Kept[],
		selfInode: number | null,
		plan: RefreshPlan,
	): Promise<{peers: Map<string, Peer>; open: boolean}> {
		const inputs = kept.map(({item, reading}) => ({inode: item.inode, links: reading.links}));
		const readingOf = new Map(kept.map(({item, reading}) => [item.inode, reading] as const));
		const placeOf = new Map(
			kept.map(
				({item, target}) =>
					[
						item.inode,
						{
							inode: item.inode,
							path: item.inode === selfInode ? entryPathOf('current') : entryPathOf(target),
						},
					] as const,
			),
		);
		for (const [inode, cached] of this.answers)
			if (readingOf.get(inode) !== cached.reading) this.answers.delete(inode);
		const answers: NsidAnswers = new Map(
			[...this.answers].map(([inode, cached]) => [inode, cached.answers] as const),
		);
		const names = new Map(
			kept.flatMap(({item}) => (item.name === null ? [] : [[item.name, item.inode] as const])),
		);
		const step = slicer(plan.slicing);
		for (let round = 0; ; round++) {
			await step();
			const last = round >= 3;
			const resolution = resolveVethPeers(inputs, answers, last ? Number.POSITIVE_INFINITY : 1);
			if (resolution.questions.size === 0 || round > 3)
				return {peers: resolution.peers, open: resolution.questions.size > 0};
			const questions = [...resolution.questions].map(([from, about]) => ({
				from: placeOf.get(from)!,
				about: [...about].map(inode => placeOf.get(inode)!),
			}));
			const fresh = await askNsids(questions, {...this.options, names});
			for (const [from, given] of fresh) {
				let cached = this.answers.get(from);
				if (!cached)
					this.answers.set(from, (cached = {reading: readingOf.get(from)!, answers: new Map()}));
				for (const [to, nsid] of given) cached.answers.set(to, nsid);
				answers.set(from, cached.answers);
			}
		}
	}

	/** The nsid the host's namespace gives each other one: from its `ip netns list-id` (named ones) and what it was asked. */
	nsidsOfRoot(kept: Kept[], rootInode: number | null): Map<number, number> {
		const byInode = new Map<number, number>();
		const root = kept.find(({item}) => item.inode === rootInode);
		if (!root) return byInode;
		const inodeByName = new Map(
			kept.flatMap(({item}) => (item.name === null ? [] : [[item.name, item.inode] as const])),
		);
		for (const {nsid, name} of root.reading.nsids) {
			const inode = name === null ? undefined : inodeByName.get(name);
			if (inode !== undefined) byInode.set(inode, nsid);
		}
		for (const [inode, nsid] of this.answers.get(root.item.inode)?.answers ?? [])
			if (nsid >= 0) byInode.set(inode, nsid);
		return byInode;
	}
}
