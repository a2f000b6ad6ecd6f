import {after, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {once} from 'node:events';
import {spawn} from 'node:child_process';
import {setTimeout as delay} from 'node:timers/promises';
import type {Process} from '../../source/model/snapshot.js';
import {Discoverer, sameScan} from '../../source/system/discovery/discoverer.js';
import {
	recheckPids,
	scanProcesses,
	scanProcessesInSlices,
	type ProcessCache,
	type ProcScan,
} from '../../source/system/procfs.js';
import {needsRoot} from '../helpers/root.js';
import {HeldNamespaces} from '../helpers/held.js';
import {statSync, watch} from 'node:fs';
import {inodeOf, ip, Lab} from '../helpers/lab.js';

/**
 * Until each veth is up with its IPv6 link-local address past duplicate address
 * detection: on a loaded machine that takes a second or two after the pair is
 * made, and a namespace read before then changes later by itself.
 */
async function untilLinksSettle(...namespaces: string[]) {
	type Link = {
		ifname: string;
		flags: string[];
		addr_info: Array<{family: string; tentative?: boolean}>;
	};
	const settled = (ns: string) =>
		(JSON.parse(ip('-j', '-n', ns, 'addr')) as Link[]).every(
			link =>
				link.ifname === 'lo' ||
				(link.flags.includes('LOWER_UP') &&
					link.addr_info.some(a => a.family === 'inet6') &&
					link.addr_info.every(a => !a.tentative)),
		);
	for (let tries = 0; tries < 100 && !namespaces.every(settled); tries++) await delay(100);
}

describe('Discoverer: incremental refreshes', {skip: needsRoot}, () => {
	const lab = new Lab('incr');
	after(() => lab.teardown());

	test('a refresh that changed nothing returns the same snapshot object', async () => {
		const {ns1, ns2} = lab.direct();
		await untilLinksSettle(ns1, ns2);
		const discoverer = new Discoverer();
		// Other tests (and other jobs) start processes and namespaces beside this one: a few tries at two quiet refreshes.
		let first = await discoverer.refresh();
		let second = await discoverer.refresh();
		for (let attempt = 0; attempt < 5 && second.snapshot !== first.snapshot; attempt++) {
			first = second;
			second = await discoverer.refresh();
		}
		assert.equal(second.snapshot, first.snapshot);
		ip('-n', ns1, 'addr', 'add', '10.99.0.1/32', 'dev', 'lo');
		const third = await discoverer.refresh();
		assert.notEqual(third.snapshot, first.snapshot);
		const unchanged = first.snapshot.namespaces.find(ns => ns.name === ns2)!;
		assert.equal(
			third.snapshot.namespaces.find(ns => ns.inode === unchanged.inode),
			unchanged,
			'an unchanged namespace keeps its object',
		);
	});

	test('fresh readings are kept until old or focused; new and deleted namespaces show at once', async () => {
		const a = lab.ns('keep');
		const discoverer = new Discoverer();
		const plan = {maxAgeMs: 60_000};
		await discoverer.refresh(plan);
		ip('-n', a, 'addr', 'add', '10.99.1.1/32', 'dev', 'lo');
		const addressesOf = (snapshot: Awaited<ReturnType<Discoverer['refresh']>>['snapshot']) =>
			snapshot.namespaces
				.find(ns => ns.name === a)!
				.interfaces.flatMap(link => link.addresses.map(address => address.address));

		assert.ok(
			!addressesOf((await discoverer.refresh(plan)).snapshot).includes('10.99.1.1'),
			'not read again while fresh',
		);
		const inode = (await discoverer.refresh(plan)).snapshot.namespaces.find(
			ns => ns.name === a,
		)!.inode;
		assert.ok(
			addressesOf((await discoverer.refresh({...plan, focus: [inode]})).snapshot).includes(
				'10.99.1.1',
			),
			'read when focused',
		);

		const late = lab.ns('late');
		assert.ok(
			(await discoverer.refresh(plan)).snapshot.namespaces.some(ns => ns.name === late),
			'a new namespace appears',
		);
		ip('netns', 'del', late);
		assert.ok(
			!(await discoverer.refresh(plan)).snapshot.namespaces.some(ns => ns.name === late),
			'a deleted one goes',
		);
	});

	test('with the quiet-host shortcut on, a process started by someone else is still seen at the next refresh', async () => {
		const discoverer = new Discoverer();
		const plan = {maxAgeMs: 60_000, trustProcessesAfterMs: 5_000, recheckProcessesAfterMs: 60_000};
		await discoverer.refresh(plan);
		await discoverer.refresh(plan);
		const child = await lab.sleeper();
		const {snapshot} = await discoverer.refresh(plan);
		assert.ok(
			snapshot.namespaces.some(ns => ns.processes.some(p => p.pid === child.pid)),
			'the new process and its namespace are there',
		);
		child.kill('SIGKILL');
		await once(child, 'exit');
		const after = (await discoverer.refresh(plan)).snapshot;
		assert.ok(
			!after.namespaces.some(ns => ns.processes.some(p => p.pid === child.pid)),
			'and gone once it ended',
		);
	});

	test('a refresh in slices, pausing between them, finds what one in one go finds', async () => {
		const own = new Lab('sliced');
		try {
			own.direct();
			let pauses = 0;
			const sliced = await new Discoverer().refresh({
				slicing: {sliceMs: 0, pause: async () => void pauses++},
			});
			const whole = await new Discoverer().refresh();
			assert.ok(pauses > 0, 'it paused');
			const summary = (namespaces: typeof whole.snapshot.namespaces) =>
				namespaces
					.filter(ns => ns.name?.startsWith(own.prefix))
					// IPv4 only: the kernel adds the IPv6 link-local routes a moment after the links come up, between the two refreshes.
					.map(ns => ({
						name: ns.name,
						interfaces: ns.interfaces.map(link => [link.name, link.peer?.name ?? null]),
						routes: ns.routes.filter(route => route.family === 'inet').length,
					}));
			assert.deepEqual(summary(sliced.snapshot.namespaces), summary(whole.snapshot.namespaces));
			assert.equal(summary(whole.snapshot.namespaces).length, 2);
		} finally {
			await own.teardown();
		}
	});

	test('a scan without details knows only namespaces; the next scan fills in comm and command line', async () => {
		const child = await lab.sleeper();
		const cache = new Map();
		const find = (scan: ReturnType<typeof scanProcesses>) =>
			[...scan.byNamespace.values()].flat().find(p => p.pid === child.pid);
		assert.deepEqual(find(scanProcesses(cache, {details: false})), {
			pid: child.pid,
			comm: '…',
			cmdline: '…',
			user: '…',
		});
		assert.deepEqual(find(scanProcesses(cache)), {
			pid: child.pid,
			comm: 'sleep',
			cmdline: 'sleep 600',
			user: 'root',
		});
	});
});

describe('Discoverer: the mount table between refreshes', {skip: needsRoot}, () => {
	const lab = new Lab('mounts');
	after(() => lab.teardown());

	test('with mountsMaxAgeMs it is read again when /run/netns changes or when it is old, not on every refresh', async () => {
		const first = lab.ns('first');
		const discoverer = new Discoverer();
		const namespacesAfter = async (plan: {mountsMaxAgeMs: number}) =>
			(await discoverer.refresh(plan)).snapshot.namespaces;
		const plan = {mountsMaxAgeMs: 60_000};
		assert.ok((await namespacesAfter(plan)).some(ns => ns.name === first));

		// A bind mount outside /run/netns: nothing tells nstui, so it waits for the table to be old.
		const holder = lab.bindOutside((await lab.sleeper()).pid!);
		const pathsOf = (namespaces: Awaited<ReturnType<typeof namespacesAfter>>) =>
			namespaces.flatMap(ns => ns.paths);
		assert.ok(
			!pathsOf(await namespacesAfter(plan)).includes(holder),
			'not read again while the table is young',
		);
		assert.ok(
			pathsOf(await namespacesAfter({mountsMaxAgeMs: 0})).includes(holder),
			'read again once it is old',
		);

		// A name added to /run/netns: inotify tells, and the next refresh reads the table.
		const second = lab.ns('second');
		await delay(100);
		assert.ok(
			(await namespacesAfter(plan)).some(ns => ns.name === second),
			'a new name shows at the next refresh',
		);
		ip('netns', 'del', second);
		await delay(100);
		assert.ok(
			!(await namespacesAfter(plan)).some(ns => ns.name === second),
			'and goes at the next one after it is deleted',
		);
	});
});

describe('Discoverer: holders between refreshes', {skip: needsRoot}, () => {
	const lab = new Lab('holders');
	const held = new HeldNamespaces(lab.prefix);
	after(async () => {
		await held.cleanup();
		await lab.teardown();
	});

	test('with holdersMaxAgeMs descriptors are scanned again only once the last scan is old', async () => {
		const discoverer = new Discoverer();
		const plan = {holdersMaxAgeMs: 60_000};
		await discoverer.refresh(plan);
		const name = lab.ns('fdonly');
		const inode = statSync(`/run/netns/${name}`).ino;
		await held.byDescriptor(`/run/netns/${name}`);
		ip('netns', 'del', name);
		const listed = async (maxAge: number) =>
			(await discoverer.refresh({holdersMaxAgeMs: maxAge})).snapshot.namespaces.some(
				ns => ns.inode === inode,
			);
		assert.equal(await listed(60_000), false, 'not while the last holder scan is young');
		assert.equal(await listed(0), true, 'found once it is old');
		assert.equal(await listed(60_000), true, 'and kept until the next scan');
	});
});

describe('the /proc scan in slices', () => {
	test('finds what the plain scan finds, pausing between slices', async () => {
		const plain = scanProcesses(new Map());
		let pauses = 0;
		const sliced = await scanProcessesInSlices(
			new Map(),
			{},
			{sliceMs: 0, pause: async () => void pauses++},
		);
		assert.ok(pauses > 0, 'it paused');
		const pidsOf = (scan: ProcScan) =>
			[...scan.byNamespace.entries()].map(
				([inode, list]) =>
					[inode, list.map(p => p.pid).filter(pid => pid !== process.pid)] as const,
			);
		// Processes may come and go between the two scans (this test's own children do not): compare long-lived ones.
		// A namespace only short-lived processes are in (another test's `ip -n`) may be in one scan and not the other.
		const settled = (scan: ProcScan) =>
			new Map(
				pidsOf(scan).flatMap(([inode, pids]) => {
					const old = pids.filter(pid => pid < 1000);
					return old.length > 0 ? [[inode, old] as const] : [];
				}),
			);
		assert.deepEqual(settled(sliced), settled(plain));
	});

	test('a command line longer than the read buffer (64 KB) is read whole', async () => {
		// One argument may be at most 128 KB: four of 50 KB each.
		const parts = ['a', 'b', 'c', 'd'].map(letter => letter.repeat(50_000));
		const child = spawn('perl', ['-e', 'sleep 30', ...parts], {stdio: 'ignore'});
		try {
			await delay(100);
			const scan = scanProcesses(new Map());
			const found = [...scan.byNamespace.values()].flat().find(p => p.pid === child.pid);
			assert.equal(found?.cmdline, ['perl', '-e', 'sleep 30', ...parts].join(' '));
		} finally {
			child.kill('SIGKILL');
		}
	});
});

describe('sameScan', () => {
	const p = (pid: number): Process => ({
		pid,
		comm: 'sleep',
		cmdline: 'sleep infinity',
		user: 'root',
	});
	const [a, b, c] = [p(1), p(2), p(3)];
	const scan = (entries: Array<[number, Process[]]>, unreadable: number[] = []): ProcScan => ({
		byNamespace: new Map(entries),
		unreadable,
		tasks: new Map(),
	});

	test('the same process objects in the same namespaces: the last scan stands', () => {
		assert.equal(
			sameScan(
				scan([
					[10, [a, b]],
					[11, [c]],
				]),
				scan([
					[11, [c]],
					[10, [a, b]],
				]),
			),
			true,
		);
	});

	test('a process added, gone, moved or read again, or a change in what could not be read: a new scan', () => {
		const last = scan([
			[10, [a, b]],
			[11, [c]],
		]);
		assert.equal(
			sameScan(
				last,
				scan([
					[10, [a, b]],
					[11, [c, p(4)]],
				]),
			),
			false,
			'added',
		);
		assert.equal(
			sameScan(
				last,
				scan([
					[10, [a]],
					[11, [c]],
				]),
			),
			false,
			'gone',
		);
		assert.equal(sameScan(last, scan([[10, [a, b, c]]])), false, 'moved');
		assert.equal(
			sameScan(
				last,
				scan([
					[10, [a, p(2)]],
					[11, [c]],
				]),
			),
			false,
			'a new object for the same pid',
		);
		assert.equal(
			sameScan(
				last,
				scan(
					[
						[10, [a, b]],
						[11, [c]],
					],
					[77],
				),
			),
			false,
			'unreadable',
		);
		assert.equal(
			sameScan(scan([[10, [a]]], [77]), scan([[10, [a]]], [78])),
			false,
			'another process unreadable',
		);
	});
});

describe('recheckPids: the pids the kernel named, and nothing else', {skip: needsRoot}, () => {
	const lab = new Lab('recheck');
	after(() => lab.teardown());

	test('a new process is added and an ended one goes; the other namespaces keep their lists; an unknown pid changes nothing', async () => {
		const cache: ProcessCache = new Map();
		const first = scanProcesses(cache);
		assert.equal(recheckPids(cache, first, [2 ** 30]), first, 'no such process: the same scan');
		const child = await lab.sleeper();
		const inode = inodeOf(`/proc/${child.pid}/ns/net`);
		const second = recheckPids(cache, first, [child.pid!]);
		assert.notEqual(second, first);
		assert.deepEqual(
			second.byNamespace.get(inode)?.map(({pid, comm, cmdline}) => ({pid, comm, cmdline})),
			[{pid: child.pid, comm: 'sleep', cmdline: 'sleep 600'}],
		);
		for (const [other, list] of first.byNamespace)
			assert.equal(second.byNamespace.get(other), list, `net:[${other}] keeps its list`);
		assert.equal(
			recheckPids(cache, second, [child.pid!]),
			second,
			'read again unchanged: the same scan',
		);
		child.kill('SIGKILL');
		await once(child, 'exit');
		const third = recheckPids(cache, second, [child.pid!]);
		assert.equal(third.byNamespace.has(inode), false, 'its namespace has no process left');
		assert.equal(cache.has(child.pid!), false);
	});
});

describe('Discoverer: process events patch the lists they concern', {skip: needsRoot}, () => {
	const lab = new Lab('patch');
	after(() => lab.teardown());
	const hour = 3_600_000;
	// What the TUI asks with the watcher and the kernel's process events: nothing is due but the pids named.
	const plan = {
		keepProcesses: true,
		maxAgeMs: hour,
		mountsMaxAgeMs: hour,
		holdersMaxAgeMs: hour,
		trustProcessesAfterMs: 5_000,
		recheckProcessesAfterMs: hour,
	};

	test('a process gone before it is looked at is nothing; one in a namespace not shown is news at once', async () => {
		const named = lab.ns('shown');
		const discoverer = new Discoverer({owners: false});
		await discoverer.refresh(plan);
		const quick = spawn('true', [], {stdio: 'ignore'});
		await once(quick, 'exit');
		assert.equal(discoverer.processesChanged([quick.pid!], [quick.pid!]), 'none');
		const inNamed = await lab.sleeper(named);
		assert.equal(discoverer.processesChanged([inNamed.pid!], []), 'soon');
		const unshared = await lab.sleeper();
		assert.equal(discoverer.processesChanged([unshared.pid!], []), 'now');
	});

	test('a process that starts and ends in a shown namespace: its namespace made again, the others kept, nothing else read', async () => {
		const named = lab.ns('patched');
		const discoverer = new Discoverer({owners: false});
		// Others on a shared machine touch /run/netns too (inotify), which makes a whole refresh due:
		// a try counts where /run/netns stayed quiet, and there both refreshes must be patches.
		let quiet = 0;
		for (let attempt = 0; attempt < 20 && quiet === 0; attempt++) {
			const before = (await discoverer.refresh(plan)).snapshot;
			let touched = false;
			const netns = watch('/run/netns', () => (touched = true));
			const child = await lab.sleeper(named);
			const counted = {...discoverer.counts};
			assert.equal(discoverer.processesChanged([child.pid!], []), 'soon');
			const after = (await discoverer.refresh(plan)).snapshot;
			const ns = after.namespaces.find(item => item.name === named);
			assert.ok(
				ns?.processes.some(p => p.pid === child.pid),
				'the new process is listed',
			);
			child.kill('SIGKILL');
			await once(child, 'exit');
			assert.equal(discoverer.processesChanged([], [child.pid!]), 'soon');
			const ended = (await discoverer.refresh(plan)).snapshot;
			netns.close();
			assert.ok(
				!ended.namespaces
					.find(item => item.name === named)
					?.processes.some(p => p.pid === child.pid),
				'and gone once it ended',
			);
			if (touched) continue;
			quiet++;
			assert.deepEqual(
				{
					patched: discoverer.counts.patched - counted.patched,
					whole: discoverer.counts.whole - counted.whole,
				},
				{patched: 2, whole: 0},
				'both refreshes patched the processes only',
			);
			for (const item of after.namespaces)
				if (item.name !== named)
					assert.equal(
						item,
						before.namespaces.find(other => other.inode === item.inode),
						`${item.name ?? item.inode} keeps its object`,
					);
		}
		if (quiet === 0)
			console.log('# /run/netns never stayed quiet for a try: the patch was not seen');
	});
});
