// Issue 14: namespaces held otherwise than by /run/netns, a process's main
// thread or a mount in nstui's own table are found, with how they are held.
import {after, afterEach, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {readlinkSync, statSync, writeFileSync} from 'node:fs';
import {discover} from '../../source/system/discovery/discoverer.js';
import type {Namespace} from '../../source/model/snapshot.js';
import {needsRoot} from '../helpers/root.js';
import {HeldNamespaces} from '../helpers/held.js';
import {inodeOf, ip, Lab, needsRootAnd, sh} from '../helpers/lab.js';

const find = (namespaces: Namespace[], inode: number) => {
	const ns = namespaces.find(item => item.inode === inode);
	assert.ok(ns, `net:[${inode}] is in the snapshot`);
	return ns;
};
const names = (ns: Namespace) => ns.interfaces.map(link => link.name).sort();
const mntOf = (pid: number) => Number(/\[(\d+)\]/.exec(readlinkSync(`/proc/${pid}/ns/mnt`))![1]);

describe('namespaces held otherwise (issue 14)', {skip: needsRoot}, () => {
	const lab = new Lab('held');
	const held = new HeldNamespaces(lab.prefix);
	afterEach(() => held.cleanup());
	after(() => lab.teardown());

	test("a bind mount inside another mount namespace: found through that namespace's process, and read", async () => {
		const {pid, path} = await held.inOtherMountNamespace([
			'ip',
			'link',
			'add',
			'held-d0',
			'type',
			'bridge',
		]);
		const inode = statSync(`/proc/${pid}/root${path}`).ino;
		assert.equal(
			inodeOf(`/proc/${pid}/ns/net`),
			inodeOf('/proc/self/ns/net'),
			'the sleeper itself is not in it',
		);
		const ns = find((await discover()).snapshot.namespaces, inode);
		assert.deepEqual(
			{name: ns.name, paths: ns.paths, processes: ns.processes, error: ns.error},
			{name: null, paths: [], processes: [], error: null},
		);
		assert.deepEqual(ns.mounts, [{path, mountNamespace: mntOf(pid), pid, covered: false}]);
		assert.deepEqual(names(ns), ['held-d0', 'lo']);
	});

	test('held only by an open descriptor: found with its holder, and read through /proc/PID/fd', async () => {
		const name = lab.ns('fd');
		ip('-n', name, 'link', 'add', 'held-d1', 'type', 'bridge');
		const inode = statSync(`/run/netns/${name}`).ino;
		const {pid, fd} = await held.byDescriptor(`/run/netns/${name}`);
		ip('netns', 'del', name);
		const ns = find((await discover()).snapshot.namespaces, inode);
		assert.deepEqual(
			{name: ns.name, paths: ns.paths, processes: ns.processes, error: ns.error},
			{name: null, paths: [], processes: [], error: null},
		);
		assert.deepEqual(ns.descriptors, [{pid, fd, comm: 'perl'}]);
		assert.deepEqual(names(ns), ['held-d1', 'lo']);
	});

	test(
		'a thread that joined a namespace with no name: found with the thread; its process stays where its main thread is',
		{skip: needsRootAnd('python3')},
		async () => {
			const name = lab.ns('thread');
			ip('-n', name, 'link', 'add', 'held-d2', 'type', 'bridge');
			const inode = statSync(`/run/netns/${name}`).ino;
			const {pid, tid} = await held.byThread(`/run/netns/${name}`);
			ip('netns', 'del', name);
			const {namespaces} = (await discover()).snapshot;
			const ns = find(namespaces, inode);
			assert.deepEqual(ns.threads, [{pid, tid, comm: 'python3'}]);
			assert.deepEqual(ns.processes, []);
			assert.deepEqual(names(ns), ['held-d2', 'lo']);
			const own = find(namespaces, inodeOf(`/proc/${pid}/ns/net`));
			assert.ok(
				own.processes.some(p => p.pid === pid),
				"the process is listed in its main thread's namespace",
			);
		},
	);

	test(
		"a process whose main thread has exited: found in its thread's namespace, with its command line",
		{skip: needsRootAnd('python3')},
		async () => {
			const name = lab.ns('nomain');
			ip('-n', name, 'link', 'add', 'held-d3', 'type', 'bridge');
			const inode = statSync(`/run/netns/${name}`).ino;
			const {pid} = await held.byThread(`/run/netns/${name}`, true);
			ip('netns', 'del', name);
			assert.throws(
				() => readlinkSync(`/proc/${pid}/ns/net`),
				"the main thread's link cannot be read",
			);
			const ns = find((await discover()).snapshot.namespaces, inode);
			const process = ns.processes.find(p => p.pid === pid);
			assert.ok(process, 'the process is listed in it');
			assert.match(process.cmdline, /python3 -c /);
			assert.deepEqual(names(ns), ['held-d3', 'lo']);
		},
	);

	test('a mount stacked on another: one entry with the upper namespace; the lower hidden, with nothing made up', async () => {
		const name = lab.ns('stack');
		ip('-n', name, 'link', 'add', 'lower-d', 'type', 'bridge');
		const lower = statSync(`/run/netns/${name}`).ino;
		sh('unshare', `--net=/run/netns/${name}`, 'ip', 'link', 'add', 'upper-d', 'type', 'bridge');
		try {
			const upper = statSync(`/run/netns/${name}`).ino;
			assert.notEqual(upper, lower);
			const {snapshot} = await discover();
			assert.deepEqual(
				snapshot.namespaces.filter(ns => ns.name === name).map(ns => ns.inode),
				[upper],
				'one entry has the name',
			);
			assert.deepEqual(names(find(snapshot.namespaces, upper)), ['lo', 'upper-d']);
			const hidden = find(snapshot.namespaces, lower);
			assert.deepEqual(
				{
					name: hidden.name,
					paths: hidden.paths,
					hidden: hidden.hidden,
					interfaces: hidden.interfaces,
					routes: hidden.routes,
				},
				{
					name: null,
					paths: [],
					hidden: true,
					interfaces: [],
					routes: [],
				},
			);
			assert.match(hidden.error ?? '', /^hidden under a mount/);
			assert.deepEqual(
				hidden.mounts?.map(mount => [mount.path, mount.covered]),
				[[`/run/netns/${name}`, true]],
			);
			assert.ok(
				!snapshot.namespaces
					.flatMap(ns => ns.interfaces)
					.some(link => link.peer?.namespace === lower),
			);
		} finally {
			sh('umount', `/run/netns/${name}`);
		}
	});

	test('a stacked mount whose lower namespace a process is in: read through the process', async () => {
		const name = lab.ns('stackp');
		ip('-n', name, 'link', 'add', 'lower-e', 'type', 'bridge');
		const lower = statSync(`/run/netns/${name}`).ino;
		const {pid} = await held.byDescriptor(`/run/netns/${name}`);
		sh('unshare', `--net=/run/netns/${name}`, 'true');
		try {
			const {snapshot} = await discover();
			const hidden = find(snapshot.namespaces, lower);
			assert.equal(hidden.hidden, true);
			assert.equal(hidden.error, null);
			assert.deepEqual(names(hidden), ['lo', 'lower-e']);
			assert.deepEqual(
				hidden.descriptors?.map(d => d.pid),
				[pid],
			);
			assert.equal(snapshot.namespaces.filter(ns => ns.name === name).length, 1);
		} finally {
			sh('umount', `/run/netns/${name}`);
		}
	});

	test('a bind mount of a bind mount: listed with both paths, and no "left over" warning', async () => {
		const a = lab.ns('binda');
		const b = `${lab.prefix}-bindb`;
		writeFileSync(`/run/netns/${b}`, '');
		lab.namespaces.push(b);
		sh('mount', '--bind', `/run/netns/${a}`, `/run/netns/${b}`);
		const {snapshot, warnings} = await discover();
		const ns = find(snapshot.namespaces, statSync(`/run/netns/${a}`).ino);
		assert.deepEqual(ns.paths, [`/run/netns/${a}`, `/run/netns/${b}`]);
		assert.equal(ns.name, a);
		assert.deepEqual(
			warnings.filter(warning => warning.includes(lab.prefix)),
			[],
		);
	});
});
