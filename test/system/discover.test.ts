import {needsPrograms} from '../helpers/ci-packages.js';
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {statSync} from 'node:fs';
import {once} from 'node:events';
import type {ChildProcess} from 'node:child_process';
import {discover} from '../../source/system/discovery/discoverer.js';
import type {Namespace, Snapshot} from '../../source/model/snapshot.js';
import {needsRoot} from '../helpers/root.js';
import {inodeOf, ip, Lab} from '../helpers/lab.js';

// The router seed turns forwarding on with sysctl.
describe('discover() on the seed topologies', {skip: needsRoot || needsPrograms('sysctl')}, () => {
	const lab = new Lab('disc');
	let snapshot: Snapshot;
	let unnamed: ChildProcess;
	let names: {
		ns1: string;
		ns2: string;
		a: string;
		router: string;
		b: string;
		host: string;
		web: string;
		db: string;
	};

	before(async () => {
		names = {...lab.direct(), ...lab.router(), ...lab.bridge()};
		// seed 002: a veth created straight into a process's unnamed namespace.
		unnamed = await lab.sleeper();
		ip(
			'-n',
			names.host,
			'link',
			'add',
			'veth-e',
			'type',
			'veth',
			'peer',
			'name',
			'veth-f',
			'netns',
			String(unnamed.pid),
		);
		ip('-n', names.host, 'link', 'set', 'veth-e', 'master', 'vnet-0');
		snapshot = (await discover()).snapshot;
	});
	after(() => lab.teardown());

	const byName = (name: string): Namespace => {
		const ns = snapshot.namespaces.find(item => item.name === name);
		assert.ok(ns, `namespace ${name} is in the snapshot`);
		return ns;
	};
	const link = (ns: Namespace, name: string) => {
		const found = ns.interfaces.find(item => item.name === name);
		assert.ok(found, `${name} is in ${ns.name}`);
		return found;
	};

	test('each namespace appears once, by the inode of its /run/netns entry', () => {
		const inodes = snapshot.namespaces.map(ns => ns.inode);
		assert.equal(new Set(inodes).size, inodes.length);
		for (const name of Object.values(names)) {
			const ns = byName(name);
			assert.equal(ns.inode, statSync(`/run/netns/${name}`).ino);
			assert.deepEqual(ns.paths, [`/run/netns/${name}`]);
			assert.equal(ns.root, false);
			assert.equal(ns.error, null);
		}
	});

	test('the host namespace is marked root, and only it', () => {
		const roots = snapshot.namespaces.filter(ns => ns.root);
		assert.equal(roots.length, 1);
		assert.equal(roots[0]!.inode, inodeOf('/proc/self/ns/net'));
	});

	test("direct: veth0 and veth1 are each other's peers, with their addresses", () => {
		const ns1 = byName(names.ns1);
		const ns2 = byName(names.ns2);
		const veth0 = link(ns1, 'veth0');
		assert.equal(veth0.kind, 'veth');
		assert.equal(veth0.state, 'UP');
		assert.deepEqual(
			veth0.addresses.filter(a => a.family === 'inet'),
			[{family: 'inet', address: '192.168.1.1', prefixlen: 24}],
		);
		assert.deepEqual(veth0.peer, {
			namespace: ns2.inode,
			name: 'veth1',
			ifindex: link(ns2, 'veth1').ifindex,
		});
		assert.deepEqual(link(ns2, 'veth1').peer, {
			namespace: ns1.inode,
			name: 'veth0',
			ifindex: veth0.ifindex,
		});
		assert.equal(link(ns1, 'lo').kind, 'loopback');
	});

	test('router: forwarding is on only in the router, and a and b have their default routes', () => {
		assert.deepEqual(byName(names.router).forwarding, {ipv4: true, ipv6: false});
		assert.equal(byName(names.a).forwarding.ipv4, false);
		const defaultRoute = byName(names.a).routes.find(
			route => route.dst === 'default' && route.family === 'inet',
		);
		assert.deepEqual(
			defaultRoute && {
				gateway: defaultRoute.gateway,
				dev: defaultRoute.dev,
				table: defaultRoute.table,
			},
			{
				gateway: '192.168.1.254',
				dev: 'veth-ns1',
				table: 'main',
			},
		);
		assert.ok(
			byName(names.a).routes.some(route => route.family === 'inet6'),
			'IPv6 routes are read too',
		);
		assert.ok(byName(names.a).routes.every(route => route.table !== 'local'));
		assert.equal(link(byName(names.router), 'veth-router2').peer?.namespace, byName(names.b).inode);
	});

	test('bridge: the ports are enslaved to vnet-0 and lead to web and db', () => {
		const host = byName(names.host);
		assert.equal(link(host, 'vnet-0').kind, 'bridge');
		assert.equal(link(host, 'veth-web-br').master, 'vnet-0');
		assert.equal(link(host, 'veth-web-br').peer?.namespace, byName(names.web).inode);
		assert.equal(link(host, 'veth-db-br').peer?.namespace, byName(names.db).inode);
		assert.equal(link(byName(names.db), 'eth0-db').peer?.name, 'veth-db-br');
	});

	test('a namespace only a process is in is found, with that process, and its veth resolves', () => {
		const inode = inodeOf(`/proc/${unnamed.pid}/ns/net`);
		const ns = snapshot.namespaces.find(item => item.inode === inode);
		assert.ok(ns, 'the unnamed namespace is in the snapshot');
		assert.equal(ns.name, null);
		assert.deepEqual(ns.paths, []);
		const sleeper = ns.processes.find(p => p.pid === unnamed.pid);
		assert.deepEqual(
			sleeper && {comm: sleeper.comm, cmdline: sleeper.cmdline, user: sleeper.user},
			{
				comm: 'sleep',
				cmdline: 'sleep 600',
				user: 'root',
			},
		);
		assert.equal(link(ns, 'veth-f').peer?.namespace, byName(names.host).inode);
		assert.equal(link(byName(names.host), 'veth-e').peer?.namespace, inode);
	});

	test('nsid is the one the host namespace gave, or null', () => {
		const listed = new Map(
			(JSON.parse(ip('-j', 'netns', 'list-id')) as Array<{nsid: number; name?: string}>).map(e => [
				e.name,
				e.nsid,
			]),
		);
		for (const name of Object.values(names))
			assert.equal(byName(name).nsid, listed.get(name) ?? null);
	});
});

describe(
	'discover() finds a namespace held only by a bind mount outside /run/netns',
	{skip: needsRoot},
	() => {
		const lab = new Lab('bind');
		after(() => lab.teardown());

		test('it is there with its path, no name and no process', async () => {
			const child = await lab.sleeper();
			const inode = inodeOf(`/proc/${child.pid}/ns/net`);
			// A space in the path: mountinfo writes it escaped.
			const holder = lab.bindOutside(child.pid!, 'my box');
			child.kill('SIGKILL');
			await once(child, 'exit');
			const ns = (await discover()).snapshot.namespaces.find(item => item.inode === inode);
			assert.ok(ns, 'the namespace is still found after its process is gone');
			assert.deepEqual(
				{name: ns.name, paths: ns.paths, processes: ns.processes, error: ns.error},
				{
					name: null,
					paths: [holder],
					processes: [],
					error: null,
				},
			);
			assert.deepEqual(
				ns.interfaces.map(link => link.name),
				['lo'],
			);
		});
	},
);
