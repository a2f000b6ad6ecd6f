import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type {RawLink} from '../../source/model/ip-json.js';
import {
	endpointKey,
	resolveVethPeers,
	type NsidAnswers,
	type PeerInput,
} from '../../source/model/veth-peers.js';

const veth = (
	ifindex: number,
	name: string,
	linkIndex: number,
	linkNetnsid: number | null,
): RawLink => ({
	ifindex,
	name,
	kind: 'veth',
	state: 'UP',
	flags: [],
	mtu: 1500,
	mac: null,
	master: null,
	addresses: [],
	linkIndex,
	linkNetnsid,
});
const ns = (inode: number, links: RawLink[]): PeerInput => ({inode, links});
const answers = (entries: Array<[number, number, number]>): NsidAnswers => {
	const map: NsidAnswers = new Map();
	for (const [from, to, nsid] of entries) {
		if (!map.has(from)) map.set(from, new Map());
		map.get(from)!.set(to, nsid);
	}
	return map;
};
const peerOf = (result: ReturnType<typeof resolveVethPeers>, inode: number, ifindex: number) =>
	result.peers.get(endpointKey(inode, ifindex)) ?? null;
const asked = (result: ReturnType<typeof resolveVethPeers>) =>
	[...result.questions]
		.map(([from, about]) => [from, [...about].sort()] as const)
		.sort((a, b) => a[0] - b[0]);

test('four namespaces, two pairs, all numbered 2<->2: nothing is said before the kernel is asked, and the answers settle both pairs', () => {
	const input = [
		ns(1, [veth(2, 'p1', 2, 0)]),
		ns(2, [veth(2, 'p2', 2, 0)]),
		ns(3, [veth(2, 'p3', 2, 0)]),
		ns(4, [veth(2, 'p4', 2, 0)]),
	];
	const before = resolveVethPeers(input, new Map(), 1);
	assert.equal(before.peers.size, 0);
	assert.ok(before.questions.size > 0);
	// Each namespace gives its one peer nsid 0, and no nsid to the others.
	const truth = answers([
		[1, 2, 0],
		[1, 3, -1],
		[1, 4, -1],
		[2, 1, 0],
		[2, 3, -1],
		[2, 4, -1],
		[3, 4, 0],
		[3, 1, -1],
		[3, 2, -1],
		[4, 3, 0],
		[4, 1, -1],
		[4, 2, -1],
	]);
	const after = resolveVethPeers(input, truth);
	assert.deepEqual(peerOf(after, 1, 2), {namespace: 2, name: 'p2', ifindex: 2});
	assert.deepEqual(peerOf(after, 2, 2), {namespace: 1, name: 'p1', ifindex: 2});
	assert.deepEqual(peerOf(after, 3, 2), {namespace: 4, name: 'p4', ifindex: 2});
	assert.deepEqual(peerOf(after, 4, 2), {namespace: 3, name: 'p3', ifindex: 2});
	assert.equal(after.questions.size, 0);
});

test('X/Y/Z: ends that lead out of sight stay unresolved, and the one real pair is found', () => {
	// X/ve (2) <-> Y/vf (2); X/va (3), Y/vc (3), Z/vg (2) lead into unseen namespaces with colliding indexes.
	const input = [
		ns(10, [veth(2, 've', 2, 0), veth(3, 'va', 2, 1)]),
		ns(20, [veth(2, 'vf', 2, 0), veth(3, 'vc', 3, 1)]),
		ns(30, [veth(2, 'vg', 2, 0)]),
	];
	const truth = answers([
		[10, 20, 0],
		[10, 30, -1],
		[20, 10, 0],
		[20, 30, -1],
		[30, 10, -1],
		[30, 20, -1],
	]);
	const result = resolveVethPeers(input, truth);
	assert.deepEqual(peerOf(result, 10, 2), {namespace: 20, name: 'vf', ifindex: 2});
	assert.deepEqual(peerOf(result, 20, 2), {namespace: 10, name: 've', ifindex: 2});
	for (const [inode, ifindex] of [
		[10, 3],
		[20, 3],
		[30, 2],
	] as const)
		assert.equal(peerOf(result, inode, ifindex), null);
	assert.equal(result.questions.size, 0, 'nothing left to ask');
});

test('the first round asks one candidate per open end, the last all that are left', () => {
	const input = [
		ns(1, [veth(2, 'a', 2, 0)]),
		ns(2, [veth(2, 'b', 2, 0)]),
		ns(3, [veth(2, 'c', 2, 0)]),
	];
	assert.deepEqual(asked(resolveVethPeers(input, new Map(), 1)), [
		[1, [2]],
		[3, [1]],
	]);
	assert.deepEqual(asked(resolveVethPeers(input, new Map())), [
		[1, [2, 3]],
		[2, [3]],
	]);
});

test('a pair inside one namespace is proven by its indexes', () => {
	const result = resolveVethPeers(
		[ns(1, [veth(4, 'left', 5, null), veth(5, 'right', 4, null)])],
		new Map(),
	);
	assert.deepEqual(peerOf(result, 1, 4), {namespace: 1, name: 'right', ifindex: 5});
	assert.deepEqual(peerOf(result, 1, 5), {namespace: 1, name: 'left', ifindex: 4});
});

test('a candidate that does not point back is not one, however the nsids fall', () => {
	const result = resolveVethPeers(
		[ns(1, [veth(2, 'veth0', 7, 0)]), ns(2, [veth(7, 'other', 9, 0)])],
		answers([
			[1, 2, 0],
			[2, 1, 0],
		]),
	);
	assert.equal(peerOf(result, 1, 2), null);
	assert.equal(peerOf(result, 2, 7), null);
});

test("either side's answer proves a pair; a contradicting answer undoes it", () => {
	const input = [ns(1, [veth(2, 'a', 3, 4)]), ns(2, [veth(3, 'b', 2, 7)])];
	assert.equal(peerOf(resolveVethPeers(input, answers([[2, 1, 7]])), 1, 2)?.name, 'b');
	assert.equal(peerOf(resolveVethPeers(input, answers([[1, 2, 4]])), 2, 3)?.name, 'a');
	assert.equal(
		peerOf(
			resolveVethPeers(
				input,
				answers([
					[1, 2, 4],
					[2, 1, 8],
				]),
			),
			1,
			2,
		),
		null,
	);
});

test('two namespaces both proven for one end (readings of different times): neither is said', () => {
	const input = [
		ns(1, [veth(2, 'a', 2, 0)]),
		ns(2, [veth(2, 'b', 2, 0)]),
		ns(3, [veth(2, 'c', 2, 5)]),
	];
	const result = resolveVethPeers(
		input,
		answers([
			[2, 1, 0],
			[3, 1, 5],
		]),
	);
	assert.equal(peerOf(result, 1, 2), null);
});

test("property: with the kernel's answers every pair is found and no end is ever given a wrong peer", () => {
	fc.assert(
		fc.property(
			fc.integer({min: 2, max: 7}),
			fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), {maxLength: 12}),
			fc.array(fc.nat(), {maxLength: 6}),
			(count, pairs, hiddenEnds) => {
				// count visible namespaces (inodes 1..count) and some unseen ones (inodes 100+); ifindexes start at 2 in each.
				const next = new Map<number, number>();
				const index = (inode: number) => {
					const value = next.get(inode) ?? 2;
					next.set(inode, value + 1);
					return value;
				};
				const nsids = new Map<number, Map<number, number>>();
				const nsidOf = (from: number, to: number) => {
					if (!nsids.has(from)) nsids.set(from, new Map());
					const given = nsids.get(from)!;
					if (!given.has(to)) given.set(to, given.size);
					return given.get(to)!;
				};
				const links = new Map<number, RawLink[]>();
				const truth = new Map<string, string | null>();
				const addPair = (x: number, y: number, visibleY: boolean) => {
					const [ix, iy] = [index(x), index(y)];
					const same = x === y;
					links.set(x, [
						...(links.get(x) ?? []),
						veth(ix, `e${x}-${ix}`, iy, same ? null : nsidOf(x, y)),
					]);
					if (visibleY)
						links.set(y, [
							...(links.get(y) ?? []),
							veth(iy, `e${y}-${iy}`, ix, same ? null : nsidOf(y, x)),
						]);
					truth.set(endpointKey(x, ix), visibleY ? endpointKey(y, iy) : null);
					if (visibleY) truth.set(endpointKey(y, iy), endpointKey(x, ix));
				};
				for (const [a, b, cross] of pairs)
					addPair(1 + (a % count), cross ? 1 + (b % count) : 1 + (a % count), true);
				for (const [n, h] of hiddenEnds.entries()) addPair(1 + (h % count), 100 + n, false);
				const input = [...Array.from({length: count}, (_, i) => i + 1)].map(inode =>
					ns(inode, links.get(inode) ?? []),
				);
				// The kernel's answer for any pair of namespaces (-1: none given).
				const kernel: NsidAnswers = new Map();
				for (const from of input)
					kernel.set(
						from.inode,
						new Map(
							input.map(to => [to.inode, nsids.get(from.inode)?.get(to.inode) ?? -1] as const),
						),
					);
				let known: NsidAnswers = new Map();
				for (let round = 0; round < 10; round++) {
					const result = resolveVethPeers(input, known, round < 3 ? 1 : Number.POSITIVE_INFINITY);
					for (const [key, peer] of result.peers)
						assert.equal(
							endpointKey(peer.namespace, peer.ifindex),
							truth.get(key),
							`${key} is given a wrong peer`,
						);
					if (result.questions.size === 0) {
						for (const [key, expected] of truth)
							assert.equal(
								result.peers.has(key),
								expected !== null,
								`${key}: resolved exactly when its peer is in sight`,
							);
						return;
					}
					known = new Map(known);
					for (const [from, about] of result.questions) {
						const given = new Map(known.get(from) ?? []);
						for (const to of about) given.set(to, kernel.get(from)!.get(to)!);
						known.set(from, given);
					}
				}
				assert.fail('questions never ran out');
			},
		),
		{seed: 14, numRuns: 300},
	);
});
