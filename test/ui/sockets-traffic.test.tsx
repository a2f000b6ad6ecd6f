// Issue 16's panes and views from fixture data fed into the store: the Sockets
// pane, rates in the Interfaces pane, the traffic view, the details view's
// sparklines and the capture view's keys.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {initialCaptureView, addLines} from '../../source/model/capture-view.js';
import type {LinkRate} from '../../source/model/link-rates.js';
import {parseInetTable, parseUnixTable} from '../../source/model/sockets.js';
import type {SocketReading} from '../../source/system/sockets.js';
import {historyKey} from '../../source/system/rates.js';
import {fakeReader} from '../fixtures/details-reader.js';
import {findProgram} from '../../source/system/programs.js';
import {keys, labSnapshot, lineWith, paneRows, renderTui} from './tui-harness.js';
import {rateColumnsFit} from '../../source/ui/panes/interfaces/rate-room.js';
import {selectNamespace} from '../../source/ui/panes/pane-updates.js';

afterEach(() => cleanup());

const host = 4026531833;
const nsxHost = 4026532522;

const tcp = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 100 1
   1: 0200000A:0016 0100000A:C001 01 00000000:00000024 00:00000000 00000000     0        0 101 1
`;

function hostSockets(): SocketReading {
	const sockets = [
		...parseInetTable(tcp, 'tcp'),
		...parseUnixTable(
			'Num RefCount Protocol Flags Type St Inode Path\n0000: 00000002 00000000 00010000 0001 01 300 /run/dbus/system_bus_socket\n',
		),
	];
	sockets[0]!.processes.push({pid: 812, comm: 'sshd', user: 'root', fd: 3});
	sockets[1]!.processes.push({pid: 2301, comm: 'sshd', user: 'root', fd: 4});
	return {inode: host, sockets, error: null, via: 'reader'};
}

const rate = (
	ifindex: number,
	name: string,
	rx: number,
	tx: number,
	extra: Partial<LinkRate> = {},
): LinkRate => ({
	ifindex,
	name,
	rxBytesPerSecond: rx,
	txBytesPerSecond: tx,
	rxPacketsPerSecond: rx / 100,
	txPacketsPerSecond: tx / 100,
	rxErrors: 0,
	txErrors: 0,
	rxDropped: 0,
	txDropped: 0,
	...extra,
});

test("the Sockets pane (5) lists the selected namespace's sockets, listeners first, with their holders; U adds Unix sockets", async () => {
	const tui = await renderTui({snapshot: labSnapshot(), columns: 200});
	tui.store.update({sockets: hostSockets()});
	await tui.press('5');
	const rows = await tui
		.waitForFrame('the sockets', frame => frame.includes('0.0.0.0:22'))
		.then(() => paneRows(tui.lines(), '5 Sockets'));
	assert.match(rows[0]!, /tcp\s+LISTEN\s+0\/0\s+0\.0\.0\.0:22\s+\*\s+sshd \(812\)/);
	assert.match(
		rows[1]!,
		/tcp\s+ESTAB\s+36\/0\s+10\.0\.0\.2:22\s+10\.0\.0\.1:49153\s+sshd \(2301\)/,
	);
	assert.ok(!tui.frame().includes('system_bus_socket'));
	await tui.press('U');
	await tui.waitForFrame('the unix socket', frame => frame.includes('/run/dbus/system_bus'));
	assert.match(lineWith(tui.lines(), '/run/dbus/system_bus')!, /unix\/stream\s+LISTEN/);
	assert.equal(tui.store.getState().showUnixSockets, true);
});

test('a narrower Sockets pane keeps both ends and the holders, and leaves out the queues', async () => {
	const tui = await renderTui({snapshot: labSnapshot(), columns: 120});
	tui.store.update({sockets: hostSockets()});
	await tui.press('5');
	await tui.waitForFrame('the sockets', frame => frame.includes('0.0.0.0:22'));
	assert.match(
		paneRows(tui.lines(), '5 Sockets')[1]!,
		/tcp\s+ESTAB\s+10\.0\.0\.2:22\s+10\.0\.0\.1:49153\s+sshd \(2301\)/,
	);
});

test('Enter on a socket selects the process that holds it, in the Processes pane', async () => {
	const tui = await renderTui({snapshot: labSnapshot(), columns: 160});
	tui.store.update({sockets: hostSockets()});
	await tui.press('5', 'j', keys.enter);
	await tui.waitForFrame('the process selected', () => tui.store.getState().focus === 'processes');
	assert.match(lineWith(tui.lines(), '›   2301')!, /2301/);
});

test('a reading of another namespace is not shown for the selected one; an error is said in the pane', async () => {
	const tui = await renderTui({snapshot: labSnapshot(), columns: 160});
	tui.store.update({sockets: {...hostSockets(), inode: nsxHost}});
	await tui.press('5');
	await tui.waitForFrame('reading', frame => /5 Sockets/.test(frame));
	assert.ok(!tui.frame().includes('0.0.0.0:22'));
	assert.match(paneRows(tui.lines(), '5 Sockets').join('\n'), /reading…/);
	tui.store.update({
		sockets: {
			inode: host,
			sockets: [],
			error: 'cannot enter /proc/1/ns/net: Operation not permitted',
			via: null,
		},
	});
	await tui.waitForFrame('the error', frame => frame.includes('could not read: cannot enter'));
});

test('the Interfaces pane shows RX and TX rates once read, and errors and drops only where not zero', async () => {
	const tui = await renderTui({snapshot: labSnapshot(), columns: 160});
	assert.ok(!lineWith(tui.lines(), 'NAME ')!.includes('RX/s'));
	tui.store.update({
		traffic: {
			rates: new Map([
				[
					host,
					new Map([
						[4, rate(4, 'eth0', 1234, 56_000_000)],
						[2, rate(2, 'ifb0', 0, 0, {rxDropped: 7})],
					]),
				],
			]),
			history: new Map(),
			at: 0,
		},
	});
	await tui.waitForFrame('the rates', frame => frame.includes('RX/s'));
	assert.match(
		lineWith(tui.lines(), 'eth0 ')!,
		/eth0\s+device\s+\S+\s+\d+\s+1\.2 kB\/s\s+56 MB\/s/,
	);
	assert.match(lineWith(tui.lines(), 'ifb0 ')!, /0 B\/s\s+0 B\/s\s+drop 7\/0/);
	assert.match(lineWith(tui.lines(), 'ifb1 ')!, /ifb1\s+ifb\s+\S+\s+1500\s+-\s+-/);
});

test('where the peers take the room, the Interfaces pane shows no rates and says so to the extras reader, which then draws no frame for them', async () => {
	const tui = await renderTui({snapshot: labSnapshot(), columns: 100});
	selectNamespace(tui.store, nsxHost);
	await tui.waitForFrame("nsx-host's interfaces", frame => frame.includes('veth-web-br'));
	assert.equal(rateColumnsFit(), false);
	tui.store.update({
		traffic: {
			rates: new Map([[nsxHost, new Map([[3, rate(3, 'veth-web-br', 100, 0)]])]]),
			history: new Map(),
			at: 0,
		},
	});
	await tui.waitForFrame(
		'the rates kept out',
		() => !tui.frame().includes('RX/s') && tui.store.getState().traffic !== null,
	);
	cleanup();
	const wide = await renderTui({snapshot: labSnapshot(), columns: 200});
	await wide.waitForFrame("the host's interfaces", frame => frame.includes('ifb1'));
	assert.equal(rateColumnsFit(), true);
});

test("the traffic view (R) lists the host's veths and ports by rate with the namespace at the other end; Enter goes there", async () => {
	const snapshot = labSnapshot();
	// The fixture's host has no veth: nsx-host stands in for it, as in the tests of the real system.
	for (const ns of snapshot.namespaces) ns.root = ns.inode === nsxHost;
	const tui = await renderTui({snapshot, columns: 160});
	tui.store.update({
		traffic: {
			rates: new Map([
				[
					nsxHost,
					new Map([
						[4, rate(4, 'veth-db-br', 9_000, 9_000)],
						[3, rate(3, 'veth-web-br', 100, 0)],
					]),
				],
			]),
			history: new Map(),
			at: 0,
		},
	});
	await tui.press('R');
	await tui.waitForFrame('the traffic view', frame => frame.includes("Traffic: the host's veths"));
	const lines = tui.lines();
	const order = ['veth-db-br', 'veth-web-br', 'veth-e'].map(name =>
		lines.findIndex(line => line.includes(`${name} `)),
	);
	assert.deepEqual(
		[...order].sort((a, b) => a - b),
		order,
		'busiest first, those without a rate last',
	);
	assert.match(
		lineWith(lines, 'veth-db-br ')!,
		/9\.0 kB\/s\s+9\.0 kB\/s\s+90 p\/s\s+90 p\/s\s+eth0-db in nsx-db/,
	);
	assert.match(lineWith(lines, 'veth-e ')!, /-\s+-\s+-\s+-\s+veth-f in <unnamed> pid 2324/);
	await tui.press(keys.enter);
	await tui.waitForFrame('back in the panes', () => tui.store.getState().fullView === null);
	assert.match(lineWith(tui.lines(), '›nsx-db')!, /nsx-db/);
});

test('the details view (i) draws a sparkline per interface from the rate history', async () => {
	const tui = await renderTui({snapshot: labSnapshot(), columns: 120, reader: fakeReader()});
	tui.store.update({
		traffic: {
			rates: new Map([[host, new Map([[4, rate(4, 'eth0', 800, 0)]])]]),
			history: new Map([[historyKey(host, 4), [0, 100, 400, 800]]]),
			at: 0,
		},
	});
	await tui.press('i');
	const frame = await tui.waitForFrame('the traffic section', text =>
		text.includes('Traffic (the last'),
	);
	assert.match(
		lineWith(frame.split('\n'), ' eth0 ')!,
		/ ▁▄█\s+rx 800 B\/s 8 p\/s\s+tx 0 B\/s 0 p\/s/,
	);
	assert.match(lineWith(frame.split('\n'), ' ifb0 ')!, /no rate yet/);
});

test('the capture view: lines with escapes shown safely, pause holds new lines, x clears, / filters, Esc goes back', async () => {
	const tui = await renderTui({snapshot: labSnapshot(), columns: 120});
	const lines = addLines(initialCaptureView(), [
		'12:00:00.1 IP 10.0.0.1 > 10.0.0.2: ICMP echo request',
		'12:00:00.2 ARP, Request who-has 10.0.0.2',
		'odd \u001b[2J name',
	]);
	tui.store.update({
		fullView: {
			kind: 'capture',
			namespace: host,
			namespaceLabel: '<host>',
			interface: 'eth0',
			bpf: '',
			lines,
			running: true,
			end: null,
			top: null,
			editingFilter: false,
			filterCursor: 0,
		},
	});
	const frame = await tui.waitForFrame('the capture view', text =>
		text.includes('Capture on eth0 in <host>'),
	);
	assert.match(frame, /ICMP echo request/);
	assert.match(frame, /odd \\e\[2J name/);
	assert.ok(!frame.includes('\u001b[2J'));
	await tui.press('/', ...'icmp', keys.enter);
	await tui.waitForFrame(
		'filtered',
		text => !text.includes('ARP, Request') && text.includes('filter "icmp": 1 shown'),
	);
	await tui.press('/', keys.escape, 'p');
	await tui.waitForFrame(
		'paused',
		text => text.includes('capturing') === false && text.includes('paused'),
	);
	const view = () => tui.store.getState().fullView;
	tui.store.update(state => ({
		fullView:
			state.fullView?.kind === 'capture'
				? {...state.fullView, lines: addLines(state.fullView.lines, ['12:00:01.0 held line'])}
				: state.fullView,
	}));
	await tui.waitForFrame('held', text => text.includes('paused (1 held)'));
	assert.ok(!tui.frame().includes('held line'));
	await tui.press('p');
	await tui.waitForFrame('resumed with the held line', text => text.includes('held line'));
	await tui.press('x');
	await tui.waitForFrame(
		'cleared',
		text => !text.includes('ICMP echo request') && text.includes('4 lines'),
	);
	await tui.press(keys.escape);
	await tui.waitForFrame('back', () => view() === null);
});

test(
	'W without termshark installed: the status bar names the Debian package, and the UI stays',
	{skip: findProgram('termshark') ? 'termshark is installed here' : false},
	async () => {
		let suspended = false;
		const tui = await renderTui({
			snapshot: labSnapshot(),
			suspend: async () => {
				suspended = true;
			},
		});
		await tui.press('2', 'W');
		await tui.waitForFrame('the note', frame =>
			frame.includes(
				'termshark is not installed: install the Debian package termshark (apt-get install termshark)',
			),
		);
		assert.equal(suspended, false);
	},
);
