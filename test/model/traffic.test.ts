import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {LinkRate} from '../../source/model/link-rates.js';
import {trafficRows} from '../../source/model/traffic.js';
import type {Snapshot} from '../../source/model/snapshot.js';
import {link, namespace, wire} from '../fixtures/synthetic-snapshots.js';

const rate = (ifindex: number, name: string, bytes: number): LinkRate => ({
	ifindex,
	name,
	rxBytesPerSecond: bytes,
	txBytesPerSecond: 0,
	rxPacketsPerSecond: 1,
	txPacketsPerSecond: 0,
	rxErrors: 0,
	txErrors: 0,
	rxDropped: 0,
	txDropped: 0,
});

function lab() {
	const host = namespace(1, null, {root: true});
	const a = namespace(2, 'a');
	const b = namespace(3, null, {
		processes: [{pid: 40, comm: 'nginx', cmdline: 'nginx', user: 'root'}],
	});
	host.interfaces.push(
		link(2, 'br0', 'bridge'),
		link(3, 'eth0', 'device'),
		link(9, 'tap0', 'tun', {master: 'br0'}),
	);
	wire(host, 'veth-a', a, 'eth0');
	wire(host, 'veth-b', b, 'eth0', {aMaster: 'br0'});
	const snapshot: Snapshot = {version: 1, takenAt: '', namespaces: [host, a, b]};
	const index = (ns: typeof host, name: string) =>
		ns.interfaces.find(one => one.name === name)!.ifindex;
	return {snapshot, host, a, b, index};
}

test("the host's veths and bridge ports, busiest first, each with its peer's namespace; those without a rate last", () => {
	const {snapshot, host, index} = lab();
	const rates = new Map([
		[
			host.inode,
			new Map([
				[index(host, 'veth-a'), rate(index(host, 'veth-a'), 'veth-a', 10)],
				[index(host, 'veth-b'), rate(index(host, 'veth-b'), 'veth-b', 5000)],
			]),
		],
	]);
	const rows = trafficRows(snapshot, host.inode, rates);
	assert.deepEqual(
		rows.map(row => [row.interface, row.peer?.label ?? null, row.rate?.rxBytesPerSecond ?? null]),
		[
			['veth-b', '<unnamed> pid 40 nginx', 5000],
			['veth-a', 'a', 10],
			['tap0', null, null],
		],
	);
	assert.equal(rows[0]!.peer?.interface, 'eth0');
});

test('an added namespace lists all its interfaces but loopback; a hub or added namespace not in the snapshot is skipped', () => {
	const {snapshot, host, a} = lab();
	const rows = trafficRows(snapshot, host.inode, new Map(), [a.inode, 999, a.inode]);
	assert.deepEqual(
		rows.filter(row => row.namespace === a.inode).map(row => row.interface),
		['eth0'],
	);
	assert.deepEqual(trafficRows(snapshot, 999, new Map()), []);
});
