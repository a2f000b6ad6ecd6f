import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {keys, labSnapshot, lineWith, renderTui} from './tui-harness.js';

afterEach(() => cleanup());

test('namespaces pane: host first, named ones, the unnamed one by its process, counts and forwarding', async () => {
	const tui = await renderTui({snapshot: labSnapshot()});
	const lines = tui.lines();
	assert.match(lines[0]!, /nstui · testhost · 10 namespaces/);
	assert.match(lines.join('\n'), /1 Namespaces {2}1\/10/);
	assert.match(lineWith(lines, '<host>')!, /<host>\s+4026531833\s+4\s+4 -/);
	assert.match(lineWith(lines, 'nsx-router')!, /nsx-router\s+4026532384\s+0\s+3 v4/);
	// The list shows 17 of 40 rows' worth: the unnamed namespace is further down; G goes there.
	await tui.press('G');
	assert.match(
		lineWith(tui.lines(), '<unnamed>')!,
		/›<unnamed> pid 2324 sl…\s+4026532729\s+1\s+2 -/,
	);
});

test('interfaces pane: kind, state, then the veth peer as name@namespace, master and addresses, each under its heading (#5)', async () => {
	const tui = await renderTui({snapshot: labSnapshot()});
	await tui.press('/', ...'nsx-host', keys.enter);
	const lines = tui.lines();
	const header = lineWith(lines, 'PEER')!;
	const column = (line: string, text: string) => line.indexOf(text);
	const web = lineWith(lines, 'veth-web-br')!;
	assert.match(web, /veth-web-br\s+veth\s+UP\s+eth0-web@nsx-web\s+vnet-0/);
	assert.equal(column(web, 'eth0-web@nsx-web'), column(header, 'PEER'), 'the peer under PEER');
	assert.equal(column(web, 'vnet-0'), column(header, 'MASTER'), 'the master under MASTER');
	const bridge = lineWith(lines, 'vnet-0 ')!;
	assert.equal(
		column(bridge, '192.168.15.1/24'),
		column(header, 'ADDRESSES'),
		'the addresses under ADDRESSES',
	);
	assert.equal(column(bridge, 'bridge'), column(header, 'KIND'));
	assert.equal(column(bridge, 'UP'), column(header, 'STATE'));
	// At 120 columns the peer is whole (it comes before the addresses), but for a long unnamed label.
	assert.ok(lineWith(lines, 'eth0-db@nsx-db'));
	assert.match(lineWith(lines, 'veth-e ')!, /veth-f@<unnamed/);
});

test('interfaces pane: the MTU under MTU where there is room, after the peer and one address', async () => {
	const snapshot = labSnapshot();
	const host = snapshot.namespaces.find(ns => ns.name === 'nsx-host')!;
	host.interfaces.find(link => link.name === 'veth-e')!.mtu = 1400;
	const wide = await renderTui({snapshot, columns: 160});
	await wide.press('/', ...'nsx-host', keys.enter);
	const header = lineWith(wide.lines(), 'PEER')!;
	const row = lineWith(wide.lines(), 'veth-e ')!;
	assert.match(row, /veth-e\s+veth\s+UP\s+1400\s+veth-f@/);
	assert.equal(row.indexOf('1400') + 4, header.indexOf('MTU') + 3, 'right-aligned under MTU');
	assert.match(lineWith(wide.lines(), 'lo ')!, /UNKNOWN\s+65536/);
	// At 120 columns the peer and the addresses come first: no MTU column.
	const narrow = await renderTui({snapshot, columns: 120});
	await narrow.press('/', ...'nsx-host', keys.enter);
	assert.doesNotMatch(lineWith(narrow.lines(), 'PEER')!, /MTU/);
});

test('IPv6 link-local addresses are folded away; A shows them and folds them again (#5)', async () => {
	const tui = await renderTui({snapshot: labSnapshot(), columns: 160});
	await tui.press('/', ...'nsx-db', keys.enter);
	const row = () => lineWith(tui.lines(), 'eth0-db ')!;
	assert.match(row(), /192\.168\.15\.6\/24/);
	assert.doesNotMatch(row(), /fe80:/);
	assert.match(lineWith(tui.lines(), 'ADDRESSES')!, /A: link-local too/);
	await tui.press('A');
	await tui.waitForFrame('the link-local address', frame =>
		/192\.168\.15\.6\/24 fe80:/.test(frame),
	);
	await tui.press('A');
	await tui.waitForFrame(
		'folded again',
		frame => !/fe80:/.test(lineWith(frame.split('\n'), 'eth0-db ')!),
	);
});

test('routes pane: default routes first, both families', async () => {
	const tui = await renderTui({snapshot: labSnapshot()});
	const lines = tui.lines();
	const start = lines.findIndex(line => line.includes('3 Routes'));
	const routes = lines.slice(start + 2, start + 7).map(line => line.slice(0, 60));
	assert.match(routes[0]!, /›v4 default via 192\.0\.2\.1 dev eth0/);
	assert.match(routes[1]!, /v6 default via fd00::1 dev eth0/);
	assert.match(routes[2]!, /v4 192\.0\.2\.0\/24 dev eth0 proto kernel scope link/);
});

test("processes pane: the selected namespace's processes, and all of them with *", async () => {
	const tui = await renderTui({snapshot: labSnapshot()});
	assert.match(lineWith(tui.lines(), 'sshd')!, /812 root\s+<host>\s+sshd: \/usr\/sbin\/sshd/);
	assert.equal(lineWith(tui.lines(), 'http.server'), undefined);
	await tui.press('4', '*');
	assert.match(tui.frame(), /4 Processes \(all namespaces\) {2}1\/7/);
	assert.match(
		lineWith(tui.lines(), 'http.server')!,
		/2410 www-data\s+nsx-web\s+python3 -m http\.server/,
	);
	assert.match(lineWith(tui.lines(), '2324 root')!, /2324 root\s+<unnamed> pid…\s+sleep infinity/);
});

test('an empty namespace says so instead of showing nothing', async () => {
	const tui = await renderTui({snapshot: labSnapshot()});
	await tui.press('j');
	assert.match(tui.frame(), /no process in this namespace/);
});

test('fits 80x24: at most 23 lines of at most 80 columns, every pane on screen', async () => {
	const tui = await renderTui({snapshot: labSnapshot(), columns: 80, rows: 24});
	const lines = tui.lines();
	assert.ok(lines.length <= 23, `${lines.length} lines`);
	for (const line of lines) assert.ok(line.length <= 80, `too wide: ${line}`);
	for (const title of ['1 Namespaces', '2 Interfaces', '3 Routes', '4 Processes'])
		assert.match(tui.frame(), new RegExp(title));
	assert.match(lineWith(lines, 'nsx-router')!, /nsx-router\s+0\s+3 v4/);
});

test('re-lays out on resize', async () => {
	const tui = await renderTui({snapshot: labSnapshot(), columns: 120, rows: 40});
	assert.match(lineWith(tui.lines(), 'nsx-a')!, /4026532315/);
	Object.defineProperty(tui.stdout, 'columns', {value: 80, configurable: true});
	Object.defineProperty(tui.stdout, 'rows', {value: 24, configurable: true});
	tui.stdout.emit('resize');
	// A resize changes nothing in the store: wait for the frame itself.
	// Narrower: the inode column goes first, the name stays.
	await tui.waitForFrame('the 80-column layout', frame => /^ nsx-a(?!.*4026532315)/m.test(frame));
	assert.ok(tui.lines().length <= 23);
});

test('read-only sessions show a banner with the reason', async () => {
	const tui = await renderTui({
		snapshot: labSnapshot(),
		readOnly: 'not running as root (uid 1000), so nstui cannot change namespaces',
	});
	assert.match(
		tui.lines()[1]!,
		/READ-ONLY: not running as root \(uid 1000\), so nstui cannot change namespaces; actions are disabled/,
	);
});

test('a namespace whose reading timed out keeps its last reading, marked ~ (stale), not ! (failed); the help says what ~ means', async () => {
	const snapshot = labSnapshot();
	const router = snapshot.namespaces.find(ns => ns.name === 'nsx-router')!;
	router.stale = true;
	const tui = await renderTui({snapshot, columns: 160});
	const row = lineWith(tui.lines(), 'nsx-router')!;
	assert.match(row, /~nsx-router\s+4026532384\s+0\s+3 v4/, 'its counts from the last reading');
	assert.doesNotMatch(row, /!/);
	await tui.press('/', ...'nsx-router', keys.enter);
	assert.ok(lineWith(tui.lines(), 'veth-router1'), 'its interfaces are listed');
	await tui.press(keys.escape, '?');
	const help = await tui.waitForFrame('the help', frame => /Keys {2}\(Esc/.test(frame));
	let all = help;
	for (let page = 0; page < 8 && !/~\s+stale: reading it again/.test(all); page++) {
		await tui.press(keys.pageDown);
		await tui.settle();
		all += tui.frame();
	}
	assert.match(all, /~\s+stale: reading it again/);
});
