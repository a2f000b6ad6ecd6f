import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {RawLink} from '../../source/model/ip-json.js';
import {endpointKey, resolveVethPeers, type PeerInput} from '../../source/model/veth-peers.js';

const veth = (ifindex: number, name: string, linkIndex: number, linkNetnsid: number | null): RawLink => ({
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
const ns = (inode: number, links: RawLink[], known: Array<[number, number]> = []): PeerInput => ({
	inode,
	links,
	knownNsids: new Map(known),
});
const peerOf = (result: ReturnType<typeof resolveVethPeers>, inode: number, ifindex: number) =>
	result.peers.get(endpointKey(inode, ifindex)) ?? null;

test('named namespaces: both ends ifindex 2 are told apart by nsid', () => {
	const result = resolveVethPeers([
		ns(100, [veth(2, 'veth0', 2, 0)], [[0, 200]]),
		ns(200, [veth(2, 'veth1', 2, 0)], [[0, 100]]),
		ns(300, [veth(2, 'decoy', 2, 0)], [[0, 400]]),
		ns(400, [veth(2, 'decoy-peer', 2, 0)], [[0, 300]]),
	]);
	assert.deepEqual(peerOf(result, 100, 2), {namespace: 200, name: 'veth1', ifindex: 2});
	assert.deepEqual(peerOf(result, 200, 2), {namespace: 100, name: 'veth0', ifindex: 2});
	assert.deepEqual(peerOf(result, 300, 2), {namespace: 400, name: 'decoy-peer', ifindex: 2});
});

test('unnamed containers on the host are matched by the back-pointer, and teach the host its nsids', () => {
	// Host veths 5 and 6 both point at ifindex 2; each container's eth0 points back at one of them.
	const result = resolveVethPeers([
		ns(1, [veth(5, 'vethA', 2, 1), veth(6, 'vethB', 2, 2)]),
		ns(10, [veth(2, 'eth0', 5, 0)]),
		ns(20, [veth(2, 'eth0', 6, 0)]),
	]);
	assert.equal(peerOf(result, 1, 5)?.namespace, 10);
	assert.equal(peerOf(result, 1, 6)?.namespace, 20);
	assert.equal(peerOf(result, 20, 2)?.name, 'vethB');
	assert.equal(result.nsids.get(1)?.get(1), 10);
	assert.equal(result.nsids.get(1)?.get(2), 20);
});

test('an nsid learned from one pair settles another that was ambiguous', () => {
	// X has two veths to Y (nsid 0). The pair 3<->3 is ambiguous between Y and Z
	// by indexes alone; the pair 2<->2 is not (Z has no ifindex 2) and teaches that nsid 0 is Y.
	const result = resolveVethPeers([
		ns(1, [veth(2, 'a2', 2, 0), veth(3, 'a3', 3, 0)]),
		ns(2, [veth(2, 'b2', 2, 5), veth(3, 'b3', 3, 5)]),
		ns(3, [veth(3, 'c3', 3, 7)]),
	]);
	assert.equal(peerOf(result, 1, 3)?.namespace, 2);
	assert.equal(peerOf(result, 2, 3)?.name, 'a3');
	assert.equal(peerOf(result, 3, 3), null);
});

test('a pair with both ends in one namespace has no nsid', () => {
	const result = resolveVethPeers([ns(1, [veth(4, 'left', 5, null), veth(5, 'right', 4, null)])]);
	assert.deepEqual(peerOf(result, 1, 4), {namespace: 1, name: 'right', ifindex: 5});
});

test('a peer that does not point back is not accepted', () => {
	const result = resolveVethPeers([ns(1, [veth(2, 'veth0', 7, 0)]), ns(2, [veth(7, 'other', 9, 0)])]);
	assert.equal(peerOf(result, 1, 2), null);
	assert.equal(peerOf(result, 2, 7), null);
});

test('a known nsid that names another namespace rules a candidate out', () => {
	const result = resolveVethPeers([ns(1, [veth(2, 'veth0', 2, 0)], [[0, 3]]), ns(2, [veth(2, 'veth1', 2, 0)])]);
	assert.equal(peerOf(result, 1, 2), null);
});
