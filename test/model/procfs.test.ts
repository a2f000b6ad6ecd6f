import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
	parseCmdline,
	parseNsfsMounts,
	parseNsLink,
	parsePasswd,
	parseStat,
	unreadableProcessesNote,
} from '../../source/model/procfs.js';

test('parseNsLink reads the inode of net:[...] only', () => {
	assert.equal(parseNsLink('net:[4026531833]'), 4026531833);
	assert.equal(parseNsLink('mnt:[4026531833]'), null);
	assert.equal(parseNsLink('net:[]'), null);
});

test('parseCmdline joins NUL-separated arguments', () => {
	assert.equal(parseCmdline('sleep\0infinity\0'), 'sleep infinity');
	assert.equal(parseCmdline(''), '');
});

test('parseStat reads comm, even with spaces and parentheses, and the parent pid', () => {
	assert.deepEqual(parseStat('1234 (my (odd) name) S 1 1234 1234 0 -1'), {
		comm: 'my (odd) name',
		ppid: 1,
	});
	assert.deepEqual(parseStat('77 (sleep) S 76 77 77'), {comm: 'sleep', ppid: 76});
	assert.equal(parseStat('garbage'), null);
});

test('parsePasswd maps uids to the first name', () => {
	const users = parsePasswd(
		'root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534::/:/usr/sbin/nologin\ntoor:x:0:0::/:/bin/sh\n',
	);
	assert.equal(users.get(0), 'root');
	assert.equal(users.get(65534), 'nobody');
});

test('parseNsfsMounts finds network namespace bind mounts and unescapes paths', () => {
	const mountinfo = [
		'43 42 0:4 net:[4026532177] /run/netns/ns1 rw shared:2 - nsfs nsfs rw',
		'44 42 0:4 net:[4026532246] /run/containers/my\\040box rw - nsfs nsfs rw',
		'45 42 0:4 mnt:[4026532300] /run/mnt-holder rw - nsfs nsfs rw',
		'22 1 0:21 / /proc rw,nosuid - proc proc rw',
	].join('\n');
	assert.deepEqual(parseNsfsMounts(mountinfo), [
		{inode: 4026532177, path: '/run/netns/ns1'},
		{inode: 4026532246, path: '/run/containers/my box'},
	]);
});

test('the note on unreadable processes names them: a few PIDs, then how many more (#8)', () => {
	assert.match(
		unreadableProcessesNote([1]),
		/^1 process's namespace could not be read \(permission denied: PID 1\)/,
	);
	assert.match(
		unreadableProcessesNote([1, 77]),
		/^2 processes' namespaces could not be read \(permission denied: PIDs 1, 77\)/,
	);
	const many = unreadableProcessesNote(Array.from({length: 12}, (_, index) => 100 + index));
	assert.match(many, /PIDs 100, 101, 102, 103, 104, 105, 106, 107 and 4 more\)/);
});
