import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parseWatcherLine, watchedGroups} from '../../source/model/watch-protocol.js';

test("the watcher's lines", () => {
	assert.deepEqual(parseWatcherLine('changed 4026531840 4026532000'), {
		kind: 'changed',
		inodes: [4026531840, 4026532000],
	});
	assert.deepEqual(parseWatcherLine('watching 12'), {kind: 'watching', inode: 12});
	assert.deepEqual(parseWatcherLine('stopped 12'), {kind: 'stopped', inode: 12});
	assert.deepEqual(parseWatcherLine('failed 12 cannot open: No such file or directory'), {
		kind: 'failed',
		inode: 12,
		reason: 'cannot open: No such file or directory',
	});
	assert.deepEqual(parseWatcherLine('mounts'), {kind: 'mounts'});
	for (const junk of ['', 'changed', 'changed x', 'watching', 'failed x y', 'mounts 1'])
		assert.equal(parseWatcherLine(junk), null, junk);
});

test('the process lines: started and ended pids, and whether the kernel sends them', () => {
	assert.deepEqual(parseWatcherLine('procs +12 -13 +14'), {
		kind: 'procs',
		started: [12, 14],
		ended: [13],
	});
	assert.deepEqual(parseWatcherLine('procs -7'), {kind: 'procs', started: [], ended: [7]});
	assert.deepEqual(parseWatcherLine('procs on'), {kind: 'procs-on'});
	assert.deepEqual(parseWatcherLine('procs lost'), {kind: 'procs-lost'});
	assert.deepEqual(parseWatcherLine('procs off bind: Operation not permitted'), {
		kind: 'procs-off',
		reason: 'bind: Operation not permitted',
	});
	for (const junk of ['procs', 'procs ', 'procs 12', 'procs +x', 'procs +1-2', 'procs on 1'])
		assert.equal(parseWatcherLine(junk), null, junk);
});

test('the groups: links, addresses and routes of both families, netconf and nsid; not neighbours', () => {
	const group = (n: number) => (watchedGroups & (1 << (n - 1))) !== 0;
	for (const n of [1, 5, 7, 9, 11, 24, 25, 28]) assert.ok(group(n), `group ${n}`);
	assert.ok(!group(3), 'RTNLGRP_NEIGH');
});
