import assert from 'node:assert/strict';
import {test} from 'node:test';
import {
	describeAddressDeletion,
	describeInterfaceDeletion,
	describeNamespaceDeletion,
} from '../../source/model/consequences.js';
import type {Interface, Namespace} from '../../source/model/snapshot.js';

const iface = (name: string, extra: Partial<Interface> = {}): Interface => ({
	ifindex: 2,
	name,
	kind: 'veth',
	state: 'UP',
	flags: [],
	mtu: 1500,
	mac: null,
	master: null,
	addresses: [],
	peer: null,
	...extra,
});
const lo = iface('lo', {kind: 'loopback', ifindex: 1});
const ns = (extra: Partial<Namespace>): Namespace => ({
	inode: 100,
	name: 'web-ns',
	paths: ['/run/netns/web-ns'],
	root: false,
	nsid: null,
	forwarding: {ipv4: false, ipv6: false},
	processes: [],
	interfaces: [lo],
	routes: [],
	error: null,
	...extra,
});

test('an empty namespace: only lo', () => {
	const result = describeNamespaceDeletion(ns({}));
	assert.equal(result.title, 'Delete namespace web-ns?');
	assert.deepEqual(result.lines, ['It holds nothing but lo.']);
});

test('its interfaces vanish, a veth with its peer in the other namespace', () => {
	const router = ns({inode: 200, name: 'ns-router', paths: ['/run/netns/ns-router']});
	const web = ns({
		interfaces: [
			lo,
			iface('eth0-web', {
				addresses: [{family: 'inet', address: '192.168.15.5', prefixlen: 24}],
				peer: {namespace: 200, name: 'veth-web-br', ifindex: 7},
			}),
			iface('eth1', {kind: 'device'}),
		],
		routes: [
			{
				family: 'inet',
				dst: '192.168.15.0/24',
				gateway: null,
				dev: 'eth0-web',
				table: 'main',
				protocol: 'kernel',
				scope: 'link',
				metric: null,
			},
		],
	});
	const lines = describeNamespaceDeletion(web, [router, web]).lines;
	assert.match(
		lines[0]!,
		/These interfaces vanish: eth0-web \(its peer veth-web-br in ns-router too\)\./,
	);
	assert.match(lines[1]!, /These devices go back to the host: eth1/);
	assert.match(lines[2]!, /1 address and 1 route/);
});

test('processes inside keep running and keep the namespace alive', () => {
	const busy = ns({
		processes: [{pid: 42, comm: 'sleep', cmdline: 'sleep 600', user: 'root'}],
		interfaces: [lo, iface('veth0')],
	});
	const lines = describeNamespaceDeletion(busy).lines;
	assert.match(lines[0]!, /1 process still inside keep running: 42 sleep\./);
	assert.match(lines.at(-1)!, /Only the name goes/);
	assert.ok(!lines.some(line => line.includes('vanish')));
});

test('another bind mount keeps it alive too', () => {
	const lines = describeNamespaceDeletion(
		ns({paths: ['/run/netns/web-ns', '/run/docker/netns/abc']}),
	).lines;
	assert.match(lines[0]!, /also mounted at \/run\/docker\/netns\/abc/);
});

test('deleting an interface: its peer, its ports, its addresses and routes', () => {
	const bridge = iface('vnet-0', {
		kind: 'bridge',
		addresses: [{family: 'inet', address: '192.168.15.1', prefixlen: 24}],
	});
	const host = ns({
		name: null,
		root: true,
		paths: [],
		interfaces: [lo, bridge, iface('veth-web-br', {master: 'vnet-0'})],
		routes: [
			{
				family: 'inet',
				dst: '192.168.15.0/24',
				gateway: null,
				dev: 'vnet-0',
				table: 'main',
				protocol: 'kernel',
				scope: 'link',
				metric: null,
			},
		],
	});
	const lines = describeInterfaceDeletion(host, bridge).lines;
	assert.deepEqual(lines, [
		'These interfaces lose their master vnet-0: veth-web-br.',
		'Its addresses go: 192.168.15.1/24.',
		'1 route through it go too.',
	]);
	const peerNs = ns({inode: 300, name: 'db-ns'});
	const veth = iface('veth-db-br', {peer: {namespace: 300, name: 'eth0-db', ifindex: 3}});
	assert.deepEqual(describeInterfaceDeletion(host, veth, [peerNs]).lines, [
		'The other end of the veth pair (eth0-db in db-ns) is deleted with it.',
	]);
	assert.match(
		describeAddressDeletion(host, bridge, '192.168.15.1/24').title,
		/Delete address 192\.168\.15\.1\/24 from vnet-0 in <host>\?/,
	);
});
