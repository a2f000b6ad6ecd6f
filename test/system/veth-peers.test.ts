// Issue 14: a veth's peer is named only when the kernel proves it; ends that
// lead into a namespace nstui cannot see stay unresolved.
import {after, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {statSync} from 'node:fs';
import {discover} from '../../source/system/discovery/discoverer.js';
import type {Interface, Namespace} from '../../source/model/snapshot.js';
import {needsRoot} from '../helpers/root.js';
import {HeldNamespaces} from '../helpers/held.js';
import {inodeOf, Lab, sh} from '../helpers/lab.js';

const inside = (pid: number, ...args: string[]) =>
	sh('nsenter', `--net=/proc/${pid}/ns/net`, 'ip', ...args);
const linkIn = (namespaces: Namespace[], inode: number, name: string): Interface => {
	const link = namespaces
		.find(ns => ns.inode === inode)
		?.interfaces.find(item => item.name === name);
	assert.ok(link, `${name} is in net:[${inode}]`);
	return link;
};

describe('veth peers that only the kernel can tell apart', {skip: needsRoot}, () => {
	const namespaces = new Lab('peers');
	const held = new HeldNamespaces(namespaces.prefix);
	after(async () => {
		await held.cleanup();
		await namespaces.teardown();
	});

	test('four unnamed namespaces, pairs P1-P2 and P3-P4 both numbered 2<->2: all four ends resolved, each to its own', async () => {
		const [p1, p2, p3, p4] = await Promise.all([1, 2, 3, 4].map(() => namespaces.sleeperPid()));
		inside(p1!, 'link', 'add', 'p1', 'type', 'veth', 'peer', 'name', 'p2', 'netns', String(p2));
		inside(p3!, 'link', 'add', 'p3', 'type', 'veth', 'peer', 'name', 'p4', 'netns', String(p4));
		const pids = [p1!, p2!, p3!, p4!];
		for (const [index, pid] of pids.entries()) {
			const links = JSON.parse(inside(pid, '-j', 'link', 'show', `p${index + 1}`)) as Array<{
				ifindex: number;
				link_index: number;
			}>;
			assert.deepEqual(
				[links[0]!.ifindex, links[0]!.link_index],
				[2, 2],
				'the indexes collide, as in the issue',
			);
		}
		const {snapshot} = await discover();
		const inodes = pids.map(pid => inodeOf(`/proc/${pid}/ns/net`));
		for (const [a, b] of [
			[0, 1],
			[1, 0],
			[2, 3],
			[3, 2],
		] as const) {
			assert.deepEqual(linkIn(snapshot.namespaces, inodes[a]!, `p${a + 1}`).peer, {
				namespace: inodes[b],
				name: `p${b + 1}`,
				ifindex: 2,
			});
		}
	});

	test('X/Y/Z: X/ve is paired with Y/vf; X/va, Y/vc and Z/vg lead out of sight and stay unresolved', async () => {
		const [x, y, z] = await Promise.all([1, 2, 3].map(() => namespaces.sleeperPid()));
		// Three namespaces to hide: named while they are wired, then held by nothing but a socket.
		const unseen = [1, 2, 3].map(() => namespaces.ns());
		inside(x!, 'link', 'add', 've', 'type', 'veth', 'peer', 'name', 'vf', 'netns', String(y));
		inside(x!, 'link', 'add', 'va', 'type', 'veth', 'peer', 'name', 'ha', 'netns', unseen[0]!);
		inside(y!, 'link', 'add', 'vc', 'type', 'veth', 'peer', 'name', 'hc', 'netns', unseen[1]!);
		inside(z!, 'link', 'add', 'vg', 'type', 'veth', 'peer', 'name', 'hg', 'netns', unseen[2]!);
		const unseenInodes = unseen.map(name => statSync(`/run/netns/${name}`).ino);
		for (const name of unseen) {
			await held.bySocketOnly(`/run/netns/${name}`);
			sh('ip', 'netns', 'del', name);
		}
		const {snapshot} = await discover();
		for (const inode of unseenInodes)
			assert.ok(
				!snapshot.namespaces.some(ns => ns.inode === inode),
				'a namespace held only by a socket is out of sight',
			);
		const [ix, iy, iz] = [x!, y!, z!].map(pid => inodeOf(`/proc/${pid}/ns/net`));
		const ve = linkIn(snapshot.namespaces, ix!, 've');
		const vf = linkIn(snapshot.namespaces, iy!, 'vf');
		assert.deepEqual(ve.peer, {namespace: iy, name: 'vf', ifindex: vf.ifindex});
		assert.deepEqual(vf.peer, {namespace: ix, name: 've', ifindex: ve.ifindex});
		for (const [inode, name] of [
			[ix, 'va'],
			[iy, 'vc'],
			[iz, 'vg'],
		] as const) {
			const link = linkIn(snapshot.namespaces, inode!, name);
			assert.deepEqual(
				{peer: link.peer, peerUnresolved: link.peerUnresolved},
				{peer: null, peerUnresolved: true},
				name,
			);
		}
	});
});
