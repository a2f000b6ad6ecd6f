import assert from 'node:assert/strict';
import {test} from 'node:test';
import {namespaceTargetOf, netnsRefOf} from '../../source/model/namespace-target.js';
import type {Namespace} from '../../source/model/snapshot.js';

const ns = (extra: Partial<Namespace>): Namespace => ({
	inode: 100,
	name: null,
	paths: [],
	root: false,
	nsid: null,
	forwarding: {ipv4: false, ipv6: false},
	processes: [],
	interfaces: [],
	routes: [],
	error: null,
	...extra,
});
const sleeper = {pid: 42, comm: 'sleep', cmdline: 'sleep 600', user: 'root'};

test('where to run a command', () => {
	assert.equal(namespaceTargetOf(ns({root: true, inode: 1}), 1), 'current');
	assert.deepEqual(namespaceTargetOf(ns({root: true, inode: 1}), 2), {path: '/proc/1/ns/net'});
	assert.deepEqual(namespaceTargetOf(ns({name: 'web-ns', paths: ['/run/netns/web-ns']}), 1), {
		name: 'web-ns',
	});
	assert.deepEqual(
		namespaceTargetOf(ns({paths: ['/run/docker/netns/x'], processes: [sleeper]}), 1),
		{path: '/run/docker/netns/x'},
	);
	assert.deepEqual(namespaceTargetOf(ns({processes: [sleeper]}), 1), {path: '/proc/42/ns/net'});
	assert.equal(namespaceTargetOf(ns({}), 1), null);
	// ip would read a leading "-" as an option.
	assert.deepEqual(namespaceTargetOf(ns({name: '-odd', paths: ['/run/netns/-odd']}), 1), {
		path: '/run/netns/-odd',
	});
});

test('how ip link set ... netns names it', () => {
	assert.deepEqual(netnsRefOf(ns({root: true})), {pid: 1});
	assert.deepEqual(netnsRefOf(ns({name: 'web-ns'})), {name: 'web-ns'});
	assert.deepEqual(netnsRefOf(ns({processes: [sleeper]})), {pid: 42});
	assert.equal(netnsRefOf(ns({paths: ['/run/docker/netns/x']})), null);
});
