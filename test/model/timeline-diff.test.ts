import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import type {Interface, Namespace, Owner, Snapshot} from '../../source/model/snapshot.js';
import {diffSnapshots} from '../../source/model/timeline/diff-snapshots.js';
import {changeText} from '../../source/model/timeline/words.js';
import {Timeline} from '../../source/model/timeline/timeline.js';
import {formatChange} from '../../source/model/timeline/format-change.js';
import type {Change} from '../../source/model/timeline/change.js';

const lab = (): Snapshot =>
	JSON.parse(
		readFileSync(new URL('../fixtures/lab-snapshot.json', import.meta.url), 'utf8'),
	) as Snapshot;

/** `next` keeps every namespace object of `previous` except the ones `change` makes anew, as discovery does. */
function edited(
	previous: Snapshot,
	change: (ns: Namespace) => Namespace | null,
	extra: Namespace[] = [],
): Snapshot {
	return {
		...previous,
		takenAt: '2026-12-07T03:12:00.000Z',
		namespaces: [...previous.namespaces.flatMap(ns => change(ns) ?? []), ...extra],
	};
}
const named = (name: string, edit: (ns: Namespace) => Namespace) => (ns: Namespace) =>
	ns.name === name ? edit(ns) : ns;
const withLink = (name: string, edit: (link: Interface) => Interface) => (ns: Namespace) => ({
	...ns,
	interfaces: ns.interfaces.map(link => (link.name === name ? edit(link) : link)),
});
const summary = (changes: Change[]) =>
	changes.map(change => `${change.namespace.label}: ${change.kind}: ${changeText(change)}`);

test('the same snapshot, or one whose namespaces are the same objects, has no changes', () => {
	const before = lab();
	assert.deepEqual(diffSnapshots(before, before), []);
	assert.deepEqual(
		diffSnapshots(
			before,
			edited(before, ns => ns),
		),
		[],
	);
});

test('namespaces compared by identity: an equal copy is looked into, and has nothing', () => {
	const before = lab();
	const after = edited(before, ns => structuredClone(ns));
	assert.deepEqual(diffSnapshots(before, after), []);
});

test('link state, carrier, MTU, master and rename each make one change in words', () => {
	const before = lab();
	const after = edited(
		before,
		named(
			'nsx-host',
			withLink('veth-e', link => ({
				...link,
				name: 'veth-e2',
				state: 'DOWN',
				flags: link.flags.filter(flag => flag !== 'UP' && flag !== 'LOWER_UP'),
				mtu: 9000,
				master: null,
			})),
		),
	);
	assert.deepEqual(summary(diffSnapshots(before, after)), [
		'nsx-host: link-renamed: link veth-e renamed to veth-e2',
		'nsx-host: link-state: link veth-e2 state UP → DOWN',
		'nsx-host: link-mtu: link veth-e2 mtu 1500 → 9000',
		'nsx-host: link-master: link veth-e2 master vnet-0 → none',
	]);
});

test('a carrier lost while the state reads the same is a carrier change', () => {
	const before = edited(lab(), ns => ns);
	const host = before.namespaces.find(ns => ns.root)!;
	const lo = host.interfaces.find(link => link.name === 'lo')!;
	assert.equal(lo.state, 'UNKNOWN');
	const after = edited(
		before,
		withRoot(withLink('lo', link => ({...link, flags: link.flags.filter(f => f !== 'LOWER_UP')}))),
	);
	assert.deepEqual(summary(diffSnapshots(before, after)), [
		'<host>: link-carrier: link lo carrier lost',
	]);
});
const withRoot = (edit: (ns: Namespace) => Namespace) => (ns: Namespace) =>
	ns.root ? edit(ns) : ns;

test('addresses and routes added and removed', () => {
	const before = lab();
	const after = edited(
		before,
		named('nsx-db', ns => ({
			...withLink('eth0-db', link => ({
				...link,
				addresses: [
					...link.addresses.slice(1),
					{family: 'inet', address: '192.0.2.7', prefixlen: 32},
				],
			}))(ns),
			routes: [
				...ns.routes.slice(1),
				{
					family: 'inet',
					dst: '198.51.100.0/24',
					gateway: '10.0.0.1',
					dev: 'eth0-db',
					table: 'main',
					protocol: 'static',
					scope: null,
					metric: null,
				},
			],
		})),
	);
	const db = before.namespaces.find(ns => ns.name === 'nsx-db')!;
	const first = db.interfaces.find(l => l.name === 'eth0-db')!.addresses[0]!;
	const route = db.routes[0]!;
	const changes = diffSnapshots(before, after);
	assert.deepEqual(
		changes.map(change => change.kind),
		['address-removed', 'address-added', 'route-removed', 'route-added'],
	);
	assert.equal(changes[0]!.before, `${first.address}/${first.prefixlen}`);
	assert.equal(changes[1]!.after, '192.0.2.7/32');
	assert.match(changeText(changes[2]!), new RegExp(`^route ${route.dst.replace('.', '\\.')}`));
	assert.equal(changeText(changes[3]!), 'route 198.51.100.0/24 via 10.0.0.1 dev eth0-db added');
	assert.deepEqual(changes[3]!.interface, {name: 'eth0-db', ifindex: 2});
	assert.ok(changes.every(change => change.namespace.name === 'nsx-db'));
	assert.equal(changes[0]!.time, '2026-12-07T03:12:00.000Z');
});

test('forwarding turned on', () => {
	const before = lab();
	const after = edited(
		before,
		named('nsx-a', ns => ({...ns, forwarding: {ipv4: true, ipv6: ns.forwarding.ipv6}})),
	);
	const [only, ...rest] = diffSnapshots(before, after);
	assert.equal(rest.length, 0);
	assert.equal(changeText(only!), 'forwarding ipv4 off → on');
	assert.deepEqual(only!.after, {ipv4: true, ipv6: false});
});

test('a link that appears and one that goes away', () => {
	const before = lab();
	const extra: Interface = {
		ifindex: 9,
		name: 'dummy0',
		kind: 'veth',
		state: 'DOWN',
		flags: ['BROADCAST'],
		mtu: 1500,
		mac: 'aa:bb:cc:dd:ee:ff',
		master: null,
		addresses: [],
		peer: null,
	};
	const after = edited(
		before,
		named('nsx-router', ns => ({
			...ns,
			interfaces: [...ns.interfaces.filter(link => link.name !== 'veth-router2'), extra],
		})),
	);
	assert.deepEqual(summary(diffSnapshots(before, after)), [
		'nsx-router: link-removed: link veth-router2 went away',
		'nsx-router: link-added: link dummy0 appeared (veth, DOWN, mtu 1500)',
	]);
});

test('a veth moved from one namespace to another is "moved out of A" and "moved into B"', () => {
	const before = lab();
	const moving = before.namespaces
		.find(ns => ns.name === 'nsx-host')!
		.interfaces.find(link => link.name === 'veth-e')!;
	const after = edited(before, ns => {
		if (ns.name === 'nsx-host')
			return {...ns, interfaces: ns.interfaces.filter(link => link !== moving)};
		if (ns.name === 'nsx-a')
			return {
				...ns,
				interfaces: [...ns.interfaces, {...moving, ifindex: 7, state: 'DOWN', addresses: []}],
			};
		return ns;
	});
	assert.deepEqual(summary(diffSnapshots(before, after)), [
		'nsx-host: link-moved-out: link veth-e moved out of nsx-host into nsx-a',
		'nsx-a: link-moved-in: link veth-e moved into nsx-a from nsx-host',
	]);
});

const owner: Owner = {
	engine: 'docker',
	id: 'c0ffee'.repeat(10) + 'abcd',
	name: 'web',
	image: 'nginx',
	labels: {},
	containers: [],
	cgroup: '/system.slice/docker-x.scope',
	note: null,
};

test('a namespace created with its maker, its owner, and a link moved into it; then deleted', () => {
	const before = lab();
	const host = before.namespaces.find(ns => ns.root)!;
	const fresh: Namespace = {
		inode: 4026539999,
		name: null,
		paths: [],
		root: false,
		nsid: null,
		forwarding: {ipv4: false, ipv6: false},
		processes: [
			{pid: 4242, comm: 'nginx', cmdline: 'nginx -g daemon off;', user: 'root'},
			{pid: 4243, comm: 'nginx', cmdline: 'nginx: worker', user: 'www'},
		],
		interfaces: [
			{...host.interfaces[0]!},
			{...host.interfaces.find(link => link.name === 'eth0')!, ifindex: 2},
		],
		routes: [],
		error: null,
		owner,
	};
	const created = edited(
		before,
		withRoot(ns => ({...ns, interfaces: ns.interfaces.filter(link => link.name !== 'eth0')})),
		[fresh],
	);
	assert.deepEqual(summary(diffSnapshots(before, created)), [
		'docker web: namespace-created: namespace created',
		'docker web: owner-appeared: owner docker web appeared',
		'<host>: link-moved-out: link eth0 moved out of <host> into docker web',
		'docker web: link-moved-in: link eth0 moved into docker web from <host>',
		'docker web: process-made: process 4242 made it: nginx -g daemon off;',
	]);
	const gone = edited(created, ns => (ns.inode === fresh.inode ? null : ns));
	assert.deepEqual(summary(diffSnapshots(created, gone)), [
		'docker web: owner-gone: owner docker web went away',
		'docker web: namespace-deleted: namespace deleted',
	]);
});

test('named and unnamed; an owner that appears on a namespace that was there', () => {
	const before = lab();
	const unnamed = before.namespaces.find(ns => !ns.root && ns.name === null)!;
	const step1 = edited(before, ns => (ns === unnamed ? {...ns, name: 'held'} : ns));
	assert.deepEqual(summary(diffSnapshots(before, step1)), ['held: namespace-named: named held']);
	const step2 = edited(step1, ns => (ns.name === 'held' ? {...ns, name: null, owner} : ns));
	assert.deepEqual(
		diffSnapshots(step1, step2).map(change => [change.kind, change.before, change.after]),
		[
			['namespace-unnamed', 'held', null],
			['owner-appeared', null, {engine: 'docker', id: owner.id, name: 'web'}],
		],
	);
});

test("processes: one that enters from elsewhere or runs a new command counts, a fork of one there does not, nor the host's", () => {
	const before = lab();
	const host = before.namespaces.find(ns => ns.root)!;
	const web = before.namespaces.find(ns => ns.name === 'nsx-web')!;
	const hostProcess = host.processes[0]!;
	const webProcess = web.processes[0]!;
	const after = edited(before, ns => {
		if (ns.root)
			return {
				...ns,
				processes: [
					...ns.processes.filter(p => p !== hostProcess),
					{pid: 999_001, comm: 'cron', cmdline: 'cron', user: 'root'},
				],
			};
		if (ns === web)
			return {
				...ns,
				processes: [
					...ns.processes,
					hostProcess,
					{...webProcess, pid: 999_002},
					{pid: 999_003, comm: 'bash', cmdline: 'bash', user: 'root'},
				],
			};
		return ns;
	});
	assert.deepEqual(summary(diffSnapshots(before, after)), [
		`nsx-web: process-entered: process ${hostProcess.pid} entered from <host>: ${hostProcess.cmdline}`,
		'nsx-web: process-entered: process 999003 entered: bash',
	]);
});

test('a namespace listed but not read yet, or one whose read failed, says nothing about its links', () => {
	const before = lab();
	const pending = edited(
		before,
		named('nsx-a', ns => ({...ns, interfaces: [], pending: true})),
	);
	assert.deepEqual(diffSnapshots(before, pending), []);
	assert.deepEqual(diffSnapshots(pending, before), []);
	const failed = edited(
		before,
		named('nsx-a', ns => ({...ns, interfaces: [], error: 'timed out'})),
	);
	assert.deepEqual(diffSnapshots(before, failed), []);
});

test('a name full of escapes reaches the line for people only through shown()', () => {
	const before = lab();
	const after = edited(
		before,
		named('nsx-a', ns => ({...ns, name: 'evil\u001b[2J'})),
	);
	const [change] = diffSnapshots(before, after);
	assert.equal(change!.after, 'evil\u001b[2J');
	const line = formatChange(change!);
	assert.ok(!line.includes('\u001b'));
	assert.match(line, /^03:12:00 {2}evil\\e\[2J {2}renamed nsx-a → evil\\e\[2J$/);
});

test('the timeline keeps the newest changes up to its limit and counts the dropped', () => {
	const timeline = new Timeline(3);
	const seen: number[] = [];
	timeline.onAdd(changes => seen.push(changes.length));
	const one = (n: number): Change => ({
		time: `t${n}`,
		namespace: {inode: n, name: null, label: `${n}`, owner: null},
		kind: 'namespace-created',
		interface: null,
		before: null,
		after: null,
	});
	timeline.add([one(1), one(2)]);
	timeline.add([]);
	timeline.add([one(3), one(4), one(5)]);
	assert.deepEqual(
		timeline.changes.map(change => change.time),
		['t3', 't4', 't5'],
	);
	assert.equal(timeline.dropped, 2);
	assert.equal(timeline.added, 5);
	assert.deepEqual(seen, [2, 3]);
});

test("another nstui's helpers reading a namespace, and the programs they run there, are no change", () => {
	const before = lab();
	const web = before.namespaces.find(ns => ns.name === 'nsx-web')!;
	const reader = {pid: 999_010, comm: 'perl', cmdline: 'nstui namespace reader', user: 'root'};
	const ip = {pid: 999_011, comm: 'ip', cmdline: 'ip -d -j -b -', user: 'root'};
	const shell = {pid: 999_012, comm: 'bash', cmdline: 'bash', user: 'root'};
	const after = edited(before, ns =>
		ns === web ? {...ns, processes: [...ns.processes, reader, ip, shell]} : ns,
	);
	const parents = new Map([
		[ip, reader.pid],
		[shell, 1],
	]);
	assert.deepEqual(
		summary(diffSnapshots(before, after, undefined, {parentOf: p => parents.get(p)})),
		['nsx-web: process-entered: process 999012 entered: bash'],
	);
	// Without the parents known, the reader itself is still no change, but its ip is one.
	assert.deepEqual(summary(diffSnapshots(before, after)), [
		'nsx-web: process-entered: process 999011 entered: ip -d -j -b -',
		'nsx-web: process-entered: process 999012 entered: bash',
	]);
});
