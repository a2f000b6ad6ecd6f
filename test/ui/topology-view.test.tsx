import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {deriveView} from '../../source/ui/panes/derive-view.js';
import {refreshSucceeded} from '../../source/ui/app/state-updates.js';
import {fakeReader, hostFirewall} from '../fixtures/details-reader.js';
import {seedLab} from '../fixtures/synthetic-snapshots.js';
import {keys, lineWith, renderTui, selectedNamespace} from './tui-harness.js';

afterEach(() => cleanup());

const open = async (options: {columns?: number; rows?: number} = {}) => {
	const reader = fakeReader({firewalls: {host: hostFirewall}});
	const tui = await renderTui({snapshot: seedLab(), reader, ...options});
	await tui.press('t');
	await tui.natRead();
	return {tui, reader};
};

/** The label in the title of the box under the cursor (its top line starts with ›┌─). */
const cursorBox = (lines: string[]) =>
	/^›┌─ (.+?) ─/.exec(lines.find(line => line.startsWith('›┌─')) ?? '')?.[1];

test('t shows the seed topologies: ns1—ns2, a—router—b with forwarding, web and db on vnet-0 with its NAT rule', async () => {
	const {tui, reader} = await open({columns: 120, rows: 60});
	await tui.press('g');
	const lines = tui.lines();
	assert.match(lines[1]!, /^ Topology {2}10 namespaces/);
	assert.ok(lineWith(lines, 'ns1 ────── ns2'), tui.frame());
	assert.ok(lineWith(lines, 'a ────── router (forwarding) ────── b'), tui.frame());
	assert.ok(lineWith(lines, '├[vnet-0]────── db'));
	assert.ok(lineWith(lines, '├[vnet-0]────── web'));
	assert.match(lineWith(lines, '┌─ router ')!, /─ forwarding ─/);
	// The host's box: the bridge with its ports, and the NAT rule read for it, flagged.
	assert.match(lineWith(lines, '│ vnet-0 ')!, /bridge +192\.168\.15\.1\/24/);
	assert.ok(lineWith(lines, '├ veth-web-br'));
	assert.ok(lineWith(lines, 'nat  POSTROUTING -s 192.168.15.0/24 -j MASQUERADE'), tui.frame());
	assert.ok(lineWith(lines, '! masquerades traffic between ports of vnet-0 too'));
	// NAT is read once, only for the namespace with a bridge, and not again on a live refresh.
	assert.deepEqual(reader.calls.firewall, ['host']);
	refreshSucceeded(tui.store, {snapshot: seedLab(), warnings: []}, Date.now());
	await tui.settle();
	assert.deepEqual(reader.calls.firewall, ['host']);
	assert.ok(lineWith(tui.lines(), 'nat  POSTROUTING'));
});

test('the cursor starts on the selected namespace; j/k move it box by box; Enter returns with it selected', async () => {
	const reader = fakeReader();
	const tui = await renderTui({snapshot: seedLab(), reader});
	await tui.press('/', ...'router', keys.enter, keys.escape);
	await tui.press('t');
	assert.equal(cursorBox(tui.lines()), 'router');
	await tui.press('j');
	assert.equal(cursorBox(tui.lines()), 'b');
	await tui.press('k', 'k');
	assert.equal(cursorBox(tui.lines()), 'a');
	await tui.press(keys.enter);
	assert.equal(tui.store.getState().fullView, null);
	assert.equal(tui.store.getState().focus, 'namespaces');
	assert.equal(deriveView(tui.store.getState()).selectedNamespace?.name, 'a');
	assert.equal(selectedNamespace(tui.lines()), 'a');
	assert.match(tui.frame(), /2 Interfaces/);
});

test('a drawing taller than the screen scrolls: g, G, PgDn, PgUp, and the title says which lines show', async () => {
	const {tui} = await open({columns: 80, rows: 24});
	await tui.press('g');
	assert.match(tui.lines()[1]!, /lines 1-19 of \d+/);
	assert.ok(lineWith(tui.lines(), '10 namespaces · 6 veth links · 1 bridge'));
	const firstCursor = cursorBox(tui.lines());
	await tui.press(keys.pageDown);
	assert.match(tui.lines()[1]!, /lines 19-37 of/);
	assert.equal(lineWith(tui.lines(), '10 namespaces · 6 veth links'), undefined);
	assert.notEqual(cursorBox(tui.lines()), firstCursor, 'the cursor follows the page');
	await tui.press('G');
	const total = Number(/of (\d+)/.exec(tui.lines()[1]!)![1]);
	assert.match(tui.lines()[1]!, new RegExp(`lines ${total - 18}-${total} of ${total}`));
	assert.equal(cursorBox(tui.lines()), '<host>');
	await tui.press(keys.pageUp);
	assert.match(tui.lines()[1]!, new RegExp(`lines ${total - 36}-${total - 18} of`));
	// j past the bottom of the screen scrolls the next box into view.
	await tui.press('g');
	for (let i = 0; i < 5; i++) await tui.press('j');
	const cursor = cursorBox(tui.lines());
	assert.ok(cursor, `the cursor's box is on screen:\n${tui.frame()}`);
	assert.doesNotMatch(tui.lines()[1]!, /lines 1-/);
});

test('/ keeps the namespaces that match and their direct neighbours; Esc clears, then leaves', async () => {
	const {tui} = await open({columns: 100, rows: 50});
	await tui.press('/', ...'router');
	assert.match(tui.lines()[1]!, /3 of 10 namespaces {2}\/router_/);
	await tui.press(keys.enter);
	const boxes = tui
		.lines()
		.filter(line => /^.┌─ /.test(line))
		.map(line => /┌─ (.+?) ─/.exec(line)![1])
		.sort();
	assert.deepEqual(boxes, ['a', 'b', 'router']);
	assert.match(tui.lines()[1]!, /3 of 10 namespaces {2}\/router(?!_)/);
	// `/` starts a new filter: the kept one goes at once, as in less and vim.
	await tui.press('/');
	await tui.waitForFrame('all namespaces while the new filter is empty', frame =>
		/ Topology {2}10 namespaces {2}\/_/.test(frame),
	);
	await tui.press(...'web', keys.enter);
	const webBoxes = tui
		.lines()
		.filter(line => /^.┌─ /.test(line))
		.map(line => /┌─ (.+?) ─/.exec(line)![1])
		.sort();
	assert.deepEqual(webBoxes, ['host', 'web']);
	await tui.press(keys.escape);
	assert.match(tui.lines()[1]!, /^ Topology {2}10 namespaces/);
	assert.notEqual(tui.store.getState().fullView, null, 'the first Esc only clears the filter');
	await tui.press(keys.escape);
	assert.equal(tui.store.getState().fullView, null);
	assert.match(tui.frame(), /1 Namespaces/);
});

test('q and t go back to the panes (q does not quit from inside the view); the key line says so', async () => {
	const {tui} = await open();
	assert.match(tui.lines().at(-1)!, /Enter select .*q back/);
	await tui.press('q');
	assert.equal(tui.store.getState().fullView, null);
	assert.match(tui.frame(), /1 Namespaces/);
	await tui.press('t');
	assert.match(tui.frame(), / Topology /);
	await tui.press('t');
	assert.equal(tui.store.getState().fullView, null);
});

test('a namespace whose NAT cannot be read says why in its box', async () => {
	const reader = fakeReader({
		firewallError: 'iptables-save is not installed: install the Debian package iptables',
	});
	const tui = await renderTui({snapshot: seedLab(), reader, columns: 100, rows: 60});
	await tui.press('t', 'g');
	await tui.natRead();
	assert.ok(lineWith(tui.lines(), 'nat: iptables-save is not installed'), tui.frame());
});

test('? lists t, F and i with the other keys', async () => {
	const tui = await renderTui({snapshot: seedLab(), reader: fakeReader(), columns: 160, rows: 60});
	await tui.press('?');
	const lines = tui.lines();
	assert.ok(
		lines.some(line => /\bt +topology of all namespaces/.test(line)),
		tui.frame(),
	);
	assert.ok(lines.some(line => /\bF +find anything/.test(line)));
	assert.ok(lines.some(line => /\bi +selected namespace's/.test(line)));
});

test('t opens at the top, the overview first, with the selected namespace marked there even when its box is further down (#15)', async () => {
	const reader = fakeReader();
	const tui = await renderTui({snapshot: seedLab(), reader, rows: 30});
	await tui.press('/', ...'web', keys.enter);
	const web = deriveView(tui.store.getState()).selectedNamespace!;
	assert.equal(web.name, 'web');
	await tui.press('t');
	const frame = await tui.waitForFrame('the topology', text => / Topology /.test(text));
	assert.match(
		frame.split('\n')[1]!,
		/ Topology {2}10 namespaces {2}lines 1-/,
		'scrolled to the top',
	);
	assert.ok(lineWith(tui.lines(), 'ns1 ────── ns2'), 'the overview is on screen');
	assert.match(lineWith(tui.lines(), '────── web')!, /^›/, 'web is marked in the overview');
	assert.equal(cursorBox(tui.lines()), undefined, "web's box is further down");
	const overviewMarks = tui.lines().filter(line => line.startsWith('›'));
	assert.equal(overviewMarks.length, 1, 'only web is marked');
	// j goes on from web: the next box comes into view with the cursor on it.
	await tui.press('j');
	await tui.waitForFrame(
		'the cursor on the box after web',
		text => cursorBox(text.split('\n')) !== undefined,
	);
	assert.notEqual(cursorBox(tui.lines()), 'web');
});
