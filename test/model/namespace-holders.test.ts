import {test} from 'node:test';
import assert from 'node:assert/strict';
import {namespaceLabel, type Namespace} from '../../source/model/snapshot.js';
import {namespaceTargetOf, netnsRefOf} from '../../source/model/namespace-target.js';
import {formatSnapshot} from '../../source/model/format-snapshot.js';
import {namespace} from '../fixtures/synthetic-snapshots.js';

const base: Namespace = namespace(4026532500, null, {
	interfaces: [],
	mounts: [],
	threads: [],
	descriptors: [],
});

test('a namespace held by a thread: labelled, entered and named (for ip link set netns) by the thread', () => {
	const ns = {...base, threads: [{pid: 40, tid: 41, comm: 'worker'}]};
	assert.equal(namespaceLabel(ns), '<unnamed> tid 41 worker');
	assert.deepEqual(namespaceTargetOf(ns, null), {path: '/proc/40/task/41/ns/net'});
	assert.deepEqual(netnsRefOf(ns), {pid: 41});
});

test('held by a descriptor: entered through /proc/PID/fd', () => {
	const ns = {...base, descriptors: [{pid: 50, fd: 3, comm: 'perl'}]};
	assert.equal(namespaceLabel(ns), '<unnamed> fd 3 of pid 50 perl');
	assert.deepEqual(namespaceTargetOf(ns, null), {path: '/proc/50/fd/3'});
	assert.equal(netnsRefOf(ns), null);
});

test('held by a mount in another mount namespace: entered through the root of its process', () => {
	const ns = {
		...base,
		mounts: [{path: '/tmp/h', mountNamespace: 4026532600, pid: 60, covered: false}],
	};
	assert.equal(namespaceLabel(ns), '<unnamed> /tmp/h (mnt:[4026532600])');
	assert.deepEqual(namespaceTargetOf(ns, null), {path: '/proc/60/root/tmp/h'});
	assert.match(
		formatSnapshot({version: 1, takenAt: '', namespaces: [ns]}),
		/mounted: \/tmp\/h \(mnt:\[4026532600\] via pid 60\)/,
	);
});

test('hidden under a covered mount: labelled so, and no way in', () => {
	const ns = {
		...base,
		hidden: true,
		error: 'hidden under a mount: ...',
		mounts: [{path: '/run/netns/t', mountNamespace: 1, pid: null, covered: true}],
	};
	assert.equal(namespaceLabel(ns), '<hidden under a mount> /run/netns/t');
	assert.equal(namespaceTargetOf(ns, null), null);
	assert.match(
		formatSnapshot({version: 1, takenAt: '', namespaces: [ns]}),
		/covered by another mount/,
	);
});
