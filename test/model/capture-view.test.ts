import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
	addLines,
	captureStatus,
	clearLines,
	initialCaptureView,
	setFilter,
	togglePause,
	visibleLines,
} from '../../source/model/capture-view.js';
import {socketRows} from '../../source/model/socket-rows.js';
import {parseInetTable, parseUnixTable} from '../../source/model/sockets.js';
import {termsharkArgv} from '../../source/model/capture.js';

test('capture view: lines are kept up to the limit, the oldest dropped and counted', () => {
	let state = initialCaptureView(3);
	state = addLines(state, ['a', 'b']);
	state = addLines(state, ['c', 'd', 'e']);
	assert.deepEqual(state.lines, ['c', 'd', 'e']);
	assert.equal(state.dropped, 2);
	assert.equal(state.seen, 5);
	assert.equal(captureStatus(state), '5 lines, 2 dropped from the top');
});

test('capture view: pause holds what arrives, resume shows it; clear empties the screen only', () => {
	let state = addLines(initialCaptureView(), ['one']);
	state = togglePause(state);
	state = addLines(state, ['two', 'three']);
	assert.deepEqual(state.lines, ['one']);
	assert.equal(captureStatus(state), '3 lines, paused (2 held)');
	state = togglePause(state);
	assert.deepEqual(state.lines, ['one', 'two', 'three']);
	assert.deepEqual(state.held, []);
	state = clearLines(state);
	assert.deepEqual(state.lines, []);
	assert.equal(state.seen, 3);
	assert.equal(addLines(state, []), state);
});

test('capture view: the filter keeps lines holding it, as typed or as shown', () => {
	let state = addLines(initialCaptureView(), [
		'IP 10.0.0.1 > 10.0.0.2: ICMP echo request',
		'ARP, Request who-has 10.0.0.2',
		'odd \u001b[2J name',
	]);
	state = setFilter(state, 'icmp');
	assert.deepEqual(visibleLines(state), ['IP 10.0.0.1 > 10.0.0.2: ICMP echo request']);
	assert.match(captureStatus(state), /filter "icmp": 1 shown/);
	assert.deepEqual(visibleLines(setFilter(state, '\\e[2J')), ['odd \u001b[2J name']);
	assert.equal(visibleLines(setFilter(state, '')).length, 3);
});

const tcp = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1F90 00000000:0000 0A 00000000:00000002 00:00000000 00000000     0        0 100 1
   1: 0100007F:D000 0100007F:1F90 01 00000010:00000000 00:00000000 00000000     0        0 101 1
   2: 0100007F:D001 0100007F:1F90 06 00000000:00000000 00:00000000 00000000     0        0 0 1
`;

test("socket rows: listeners first, queues, holders, Enter's pid, unix only when toggled, stable ids", () => {
	const sockets = [
		...parseInetTable(tcp, 'tcp'),
		...parseUnixTable(
			'Num RefCount Protocol Flags Type St Inode Path\n0000: 00000002 00000000 00010000 0001 01 200 /run/x.sock\n',
		),
	];
	sockets[0]!.processes.push({pid: 7, comm: 'nginx', user: 'www', fd: 6});
	const rows = socketRows(sockets);
	assert.deepEqual(
		rows.map(row => [
			row.protocol,
			row.state,
			row.local,
			row.remote,
			row.queues,
			row.processes,
			row.pid,
		]),
		[
			['tcp', 'LISTEN', '127.0.0.1:8080', '*', '2/0', 'nginx (7)', 7],
			['tcp', 'ESTAB', '127.0.0.1:53248', '127.0.0.1:8080', '0/16', '', null],
			['tcp', 'TIME-WAIT', '127.0.0.1:53249', '127.0.0.1:8080', '0/0', '', null],
		],
	);
	assert.deepEqual(
		rows.map(row => row.id),
		['sock:tcp:100', 'sock:tcp:101', 'sock:tcp:127.0.0.1:53249>127.0.0.1:8080'],
	);
	assert.match(rows[0]!.search, /www/);
	const withUnix = socketRows(sockets, {unix: true});
	assert.deepEqual(
		withUnix.map(row => row.protocol),
		['tcp', 'unix/stream', 'tcp', 'tcp'],
	);
});

test('termshark runs inside the namespace on the interface', () => {
	assert.deepEqual(termsharkArgv({name: 'web'}, 'eth0'), [
		'ip',
		'netns',
		'exec',
		'web',
		'termshark',
		'-i',
		'eth0',
	]);
});
