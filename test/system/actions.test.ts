// Every action against namespaces this test creates (nstui-act-<pid>-<n>),
// checked afterwards with `ip -j`. Never the host's namespace.
import assert from 'node:assert/strict';
import {needsPrograms} from '../helpers/ci-packages.js';
import {readlinkSync, statSync} from 'node:fs';
import {after, before, describe, test} from 'node:test';
import {
	addAddress,
	addBridge,
	addNamespace,
	addRoute,
	addVethPair,
	addVrf,
	attachNamespaceName,
	clearMaster,
	deleteAddress,
	deleteInterface,
	deleteNamespace,
	deleteRoute,
	moveInterface,
	setForwarding,
	setLinkState,
	setMaster,
	shellInvocation,
} from '../../source/system/actions/index.js';
import {CommandLog} from '../../source/system/command-log.js';
import {readNamespace} from '../../source/system/ip-query.js';
import {run} from '../../source/system/run.js';
import {ipJson, Lab, namespaceExists, needsRoot} from '../helpers/lab.js';

const namespaces = new Lab('act');
after(() => namespaces.teardown());

/** A fresh log per action, so each test sees exactly what it ran. */
const freshLog = () => new CommandLog();

function assertRan(
	log: CommandLog,
	result: {ok: boolean; message: string; commandLine: string | null},
) {
	assert.equal(result.ok, true, result.message);
	const entries = log.getSnapshot();
	assert.equal(entries.length, 1);
	assert.equal(entries[0]!.ok, true);
	assert.equal(entries[0]!.line, result.commandLine);
}

async function link(ns: string, device: string): Promise<Record<string, unknown> | undefined> {
	const result = await run('ip', ['-n', ns, '-j', '-d', 'link', 'show', 'dev', device]);
	return result.ok ? (JSON.parse(result.stdout) as Record<string, unknown>[])[0] : undefined;
}

describe('namespace actions', {skip: needsRoot}, () => {
	test('add and delete a namespace', async () => {
		const name = namespaces.name();
		const log = freshLog();
		assertRan(log, await addNamespace({name}, {log}));
		assert.equal(namespaceExists(name), true);
		const again = await addNamespace({name}, {log});
		assert.equal(again.ok, false);
		assert.match(again.message, /File exists/, "ip's own message");
		assert.equal(log.getSnapshot()[1]!.ok, false);
		assert.match(log.getSnapshot()[1]!.stderr, /File exists/);
		const log2 = freshLog();
		assertRan(log2, await deleteNamespace({name}, {log: log2}));
		assert.equal(namespaceExists(name), false);
	});

	test('deleting a namespace with a process inside removes only the name (as the confirmation says)', async () => {
		const name = namespaces.ns();
		await addBridge({namespace: {name}, name: 'br-kept'}, {log: freshLog()});
		const inode = statSync(`/run/netns/${name}`).ino;
		const pid = await namespaces.sleeperPid(name);
		const log = freshLog();
		assertRan(log, await deleteNamespace({name}, {log}));
		assert.equal(namespaceExists(name), false);
		assert.equal(statSync(`/proc/${pid}/ns/net`).ino, inode);
		const still = await run('nsenter', [
			`--net=/proc/${pid}/ns/net`,
			'ip',
			'-j',
			'link',
			'show',
			'dev',
			'br-kept',
		]);
		assert.equal(still.ok, true, 'the bridge lives on in the unnamed namespace');
	});

	test('attach a name to an unnamed namespace (by a PID inside it)', async () => {
		const pid = await namespaces.sleeperPid();
		const name = namespaces.name();
		const log = freshLog();
		assertRan(log, await attachNamespaceName({name, pid: String(pid)}, {log}));
		assert.equal(statSync(`/run/netns/${name}`).ino, statSync(`/proc/${pid}/ns/net`).ino);
	});

	test(
		'IPv4 forwarding on and off, as netconf shows it',
		{skip: needsPrograms('sysctl')},
		async () => {
			const ns = namespaces.ns();
			const log = freshLog();
			assertRan(log, await setForwarding({namespace: {name: ns}, enabled: true}, {log}));
			assert.equal((await readNamespace({name: ns})).forwarding.ipv4, true);
			const all = ipJson('-n', ns, 'netconf', 'show').find(
				entry => entry.interface === 'all' && entry.family === 'inet',
			);
			assert.equal(all?.forwarding, true);
			assert.equal((await setForwarding({namespace: {name: ns}, enabled: false}, {log})).ok, true);
			assert.equal((await readNamespace({name: ns})).forwarding.ipv4, false);
		},
	);

	test(
		'forwarding in an unnamed namespace, through nsenter',
		{skip: needsPrograms('sysctl')},
		async () => {
			const pid = await namespaces.sleeperPid();
			const log = freshLog();
			assertRan(
				log,
				await setForwarding({namespace: {path: `/proc/${pid}/ns/net`}, enabled: true}, {log}),
			);
			assert.match(log.getSnapshot()[0]!.line, /^nsenter --net=\/proc\/\d+\/ns\/net sysctl/);
			assert.equal((await readNamespace({path: `/proc/${pid}/ns/net`})).forwarding.ipv4, true);
		},
	);
});

describe('link actions', {skip: needsRoot}, () => {
	let ns1 = '';
	let ns2 = '';
	before(async () => {
		ns1 = namespaces.ns();
		ns2 = namespaces.ns();
	});

	test('a veth pair with its ends in two namespaces', async () => {
		const log = freshLog();
		assertRan(
			log,
			await addVethPair(
				{namespace: {name: ns1}, name: 'va', peerName: 'vb', peerNetns: {name: ns2}},
				{log},
			),
		);
		const a = await link(ns1, 'va');
		const b = await link(ns2, 'vb');
		assert.equal((a?.linkinfo as {info_kind?: string})?.info_kind, 'veth');
		assert.equal((b?.linkinfo as {info_kind?: string})?.info_kind, 'veth');
	});

	test('a veth pair in one namespace, up and down', async () => {
		const log = freshLog();
		assertRan(
			log,
			await addVethPair(
				{namespace: {name: ns1}, name: 'vc', peerName: 'vd', peerNetns: null},
				{log},
			),
		);
		assert.ok(await link(ns1, 'vd'));
		assert.equal(
			(await setLinkState({namespace: {name: ns1}, device: 'vc', up: true}, {log})).ok,
			true,
		);
		assert.ok(((await link(ns1, 'vc'))?.flags as string[]).includes('UP'));
		assert.equal(
			(await setLinkState({namespace: {name: ns1}, device: 'vc', up: false}, {log})).ok,
			true,
		);
		assert.ok(!((await link(ns1, 'vc'))?.flags as string[]).includes('UP'));
	});

	test('deleting one end of a veth takes the other with it', async () => {
		await addVethPair(
			{namespace: {name: ns1}, name: 've', peerName: 'vf', peerNetns: {name: ns2}},
			{log: freshLog()},
		);
		const log = freshLog();
		assertRan(log, await deleteInterface({namespace: {name: ns1}, device: 've'}, {log}));
		assert.equal(await link(ns1, 've'), undefined);
		assert.equal(await link(ns2, 'vf'), undefined);
		const missing = await deleteInterface({namespace: {name: ns1}, device: 've'}, {log});
		assert.equal(missing.ok, false);
		assert.match(missing.message, /Cannot find device "ve"/);
	});

	test('move an interface by name, and by the PID of a process inside the target', async () => {
		await addVethPair(
			{namespace: {name: ns1}, name: 'vm', peerName: 'vn', peerNetns: null},
			{log: freshLog()},
		);
		const log = freshLog();
		assertRan(
			log,
			await moveInterface({namespace: {name: ns1}, device: 'vm', to: {name: ns2}}, {log}),
		);
		assert.equal(await link(ns1, 'vm'), undefined);
		assert.ok(await link(ns2, 'vm'));

		const pid = await namespaces.sleeperPid();
		const byPid = await moveInterface({namespace: {name: ns2}, device: 'vm', to: {pid}}, {log});
		assert.equal(byPid.ok, true, byPid.message);
		const there = await run('nsenter', [
			`--net=/proc/${pid}/ns/net`,
			'ip',
			'-j',
			'link',
			'show',
			'dev',
			'vm',
		]);
		assert.equal(there.ok, true, there.stderr);
	});

	test('a bridge, and a master set and cleared', async () => {
		const log = freshLog();
		assertRan(log, await addBridge({namespace: {name: ns1}, name: 'br0'}, {log}));
		assert.equal(((await link(ns1, 'br0'))?.linkinfo as {info_kind?: string}).info_kind, 'bridge');
		await addVethPair(
			{namespace: {name: ns1}, name: 'vp', peerName: 'vq', peerNetns: {name: ns2}},
			{log: freshLog()},
		);
		assert.equal(
			(await setMaster({namespace: {name: ns1}, device: 'vp', master: 'br0'}, {log})).ok,
			true,
		);
		assert.equal((await link(ns1, 'vp'))?.master, 'br0');
		assert.equal((await clearMaster({namespace: {name: ns1}, device: 'vp'}, {log})).ok, true);
		assert.equal((await link(ns1, 'vp'))?.master, undefined);
	});

	test('a VRF with its table, or a clear note that the kernel has none', async () => {
		const log = freshLog();
		const result = await addVrf({namespace: {name: ns1}, name: 'vrf1', table: '100'}, {log});
		assert.equal(log.getSnapshot().length, 1);
		if (result.ok) {
			const vrf = (await link(ns1, 'vrf1'))?.linkinfo as {
				info_kind?: string;
				info_data?: {table?: number};
			};
			assert.equal(vrf.info_kind, 'vrf');
			assert.equal(vrf.info_data?.table, 100);
			assert.equal(
				(await setMaster({namespace: {name: ns1}, device: 'vc', master: 'vrf1'}, {log})).ok,
				true,
			);
		} else {
			assert.match(result.message, /kernel has no VRF support/);
			assert.match(log.getSnapshot()[0]!.stderr, /Unknown device type/);
		}
	});
});

describe('address and route actions', {skip: needsRoot}, () => {
	let ns = '';
	before(async () => {
		ns = namespaces.ns();
		await addVethPair(
			{namespace: {name: ns}, name: 'v0', peerName: 'v1', peerNetns: null},
			{log: freshLog()},
		);
		await setLinkState({namespace: {name: ns}, device: 'v0', up: true}, {log: freshLog()});
		await setLinkState({namespace: {name: ns}, device: 'v1', up: true}, {log: freshLog()});
	});

	const addresses = async (device: string) =>
		ipJson('-n', ns, 'addr', 'show', 'dev', device).flatMap(item =>
			(item.addr_info as {local: string; prefixlen: number}[]).map(
				info => `${info.local}/${info.prefixlen}`,
			),
		);

	test('add and delete IPv4 and IPv6 addresses', async () => {
		const log = freshLog();
		assertRan(
			log,
			await addAddress({namespace: {name: ns}, device: 'v0', address: '192.168.1.1/24'}, {log}),
		);
		assert.equal(
			(await addAddress({namespace: {name: ns}, device: 'v0', address: '2001:db8::1/64'}, {log}))
				.ok,
			true,
		);
		assert.ok((await addresses('v0')).includes('192.168.1.1/24'));
		assert.ok((await addresses('v0')).includes('2001:db8::1/64'));
		assert.equal(
			(await deleteAddress({namespace: {name: ns}, device: 'v0', address: '2001:db8::1/64'}, {log}))
				.ok,
			true,
		);
		assert.ok(!(await addresses('v0')).includes('2001:db8::1/64'));
		const twice = await addAddress(
			{namespace: {name: ns}, device: 'v0', address: '192.168.1.1/24'},
			{log},
		);
		assert.equal(twice.ok, false);
		assert.match(twice.message, /File exists|already assigned/);
	});

	test('add routes (default via, DST via, DST dev) and delete them as the snapshot shows them', async () => {
		const log = freshLog();
		assertRan(
			log,
			await addRoute(
				{namespace: {name: ns}, destination: 'default', gateway: '192.168.1.254'},
				{log},
			),
		);
		assert.equal(
			(
				await addRoute(
					{namespace: {name: ns}, destination: '10.10.0.0/16', gateway: '192.168.1.253'},
					{log},
				)
			).ok,
			true,
		);
		assert.equal(
			(
				await addRoute(
					{namespace: {name: ns}, destination: '10.20.0.0/16', gateway: '', device: 'v1'},
					{log},
				)
			).ok,
			true,
		);
		const routes = ipJson('-n', ns, 'route', 'show');
		const find = (dst: string) => routes.find(route => route.dst === dst);
		assert.equal(find('default')?.gateway, '192.168.1.254');
		assert.equal(find('10.10.0.0/16')?.gateway, '192.168.1.253');
		assert.equal(find('10.20.0.0/16')?.dev, 'v1');

		const shown = (await readNamespace({name: ns})).routes;
		for (const dst of ['default', '10.10.0.0/16', '10.20.0.0/16']) {
			const route = shown.find(item => item.dst === dst && item.family === 'inet');
			assert.ok(route, dst);
			const result = await deleteRoute({namespace: {name: ns}, route}, {log});
			assert.equal(result.ok, true, result.message);
		}
		const left = ipJson('-n', ns, 'route', 'show').map(route => route.dst);
		assert.deepEqual(
			left.filter(dst => dst !== '192.168.1.0/24'),
			[],
		);
	});

	test("a route with an unreachable gateway: ip's own message", async () => {
		const result = await addRoute(
			{namespace: {name: ns}, destination: '10.30.0.0/16', gateway: '172.31.0.1'},
			{log: freshLog()},
		);
		assert.equal(result.ok, false);
		assert.match(result.message, /Nexthop has invalid gateway|Network is unreachable/);
	});

	test('an address on an interface of an unnamed namespace, through nsenter', async () => {
		const pid = await namespaces.sleeperPid();
		const target = {path: `/proc/${pid}/ns/net`};
		const result = await addAddress(
			{namespace: target, device: 'lo', address: '127.0.0.2/8'},
			{log: freshLog()},
		);
		assert.equal(result.ok, true, result.message);
		const shown = await readNamespace(target);
		assert.ok(
			shown.links
				.find(item => item.name === 'lo')
				?.addresses.some(address => address.address === '127.0.0.2'),
		);
	});
});

describe('exec shell', {skip: needsRoot}, () => {
	test('the shell argv enters the namespace', async () => {
		const ns = namespaces.ns();
		const invocation = shellInvocation({namespace: {name: ns}, label: ns, inode: 1}, '/bin/sh');
		assert.ok('argv' in invocation);
		assert.deepEqual(invocation.argv, ['ip', 'netns', 'exec', ns, '/bin/sh']);
		assert.equal(invocation.banner, `nstui: shell in namespace ${ns} (net:[1]); exit to return`);
		// Fed commands on stdin instead of a terminal, the same argv says where it is.
		const [file, ...args] = invocation.argv;
		const inside = await run(file!, args, {input: 'readlink /proc/self/ns/net\n'});
		assert.equal(inside.stdout.trim(), `net:[${statSync(`/run/netns/${ns}`).ino}]`);
		assert.notEqual(inside.stdout.trim(), readlinkSync('/proc/self/ns/net'));
	});
});
