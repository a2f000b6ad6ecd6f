import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {manyNamespaces} from '../fixtures/many-namespaces.js';
import {
	keys,
	labSnapshot,
	lineWith,
	renderTui,
	selectedNamespace,
	paneRows,
} from './tui-harness.js';

afterEach(() => cleanup());

const keyLine = (lines: string[]) => lines.at(-1) ?? '';

test('j/k, arrows, g/G move the selection in the Namespaces pane', async () => {
	const tui = await renderTui({snapshot: labSnapshot()});
	assert.equal(selectedNamespace(tui.lines()), '<host>');
	await tui.press('j', 'j');
	assert.equal(selectedNamespace(tui.lines()), 'nsx-b');
	await tui.press(keys.down);
	assert.equal(selectedNamespace(tui.lines()), 'nsx-db');
	await tui.press('k', keys.up);
	assert.equal(selectedNamespace(tui.lines()), 'nsx-a');
	await tui.press('G');
	assert.match(tui.frame(), /1 Namespaces {2}10\/10/);
	await tui.press('g');
	assert.equal(selectedNamespace(tui.lines()), '<host>');
});

test('the other panes follow the selected namespace', async () => {
	const tui = await renderTui({snapshot: labSnapshot()});
	await tui.press('G', 'k', 'k');
	assert.equal(selectedNamespace(tui.lines()), 'nsx-router');
	assert.match(lineWith(tui.lines(), 'veth-router1')!, /192\.168\.1\.254\/24/);
	assert.equal(lineWith(tui.lines(), 'eth0 '), undefined);
});

test('Tab, Shift-Tab and 1-5 move the focus; the key line follows it', async () => {
	const tui = await renderTui({snapshot: labSnapshot()});
	assert.match(keyLine(tui.lines()), /^Enter interfaces/);
	await tui.press(keys.tab);
	assert.equal(tui.store.getState().focus, 'interfaces');
	assert.match(keyLine(tui.lines()), /^Enter veth peer/);
	await tui.press(keys.tab, keys.tab);
	assert.match(keyLine(tui.lines()), /^Enter go to ns {2}\* all ns/);
	// The Sockets pane takes the Processes pane's place while it has the focus (a tab), and gives it back.
	await tui.press(keys.tab);
	assert.equal(tui.store.getState().focus, 'sockets');
	assert.match(tui.frame(), / 5 Sockets /);
	assert.doesNotMatch(tui.frame(), / 4 Processes /);
	await tui.press(keys.tab);
	assert.equal(tui.store.getState().focus, 'namespaces');
	assert.match(tui.frame(), / 5 Sockets /);
	await tui.press(keys.shiftTab, keys.shiftTab);
	assert.equal(tui.store.getState().focus, 'processes');
	assert.match(tui.frame(), / 4 Processes /);
	assert.doesNotMatch(tui.frame(), / 5 Sockets /);
	await tui.press('3');
	assert.equal(tui.store.getState().focus, 'routes');
	// The Routes pane's own keys first, then the keys of every pane.
	assert.match(keyLine(tui.lines()), /^d delete {2}r add {2}Tab pane/);
	await tui.press('2');
	assert.equal(tui.store.getState().focus, 'interfaces');
	// j now moves in Interfaces, not in Namespaces.
	await tui.press('j');
	assert.match(tui.frame(), /2 Interfaces {2}2\/4/);
	assert.equal(selectedNamespace(tui.lines()), '<host>');
});

test('Enter: a namespace focuses its interfaces, a veth jumps to its peer, a process selects its namespace', async () => {
	const tui = await renderTui({snapshot: labSnapshot()});
	await tui.press('/', ...'nsx-web', keys.enter, keys.enter);
	assert.equal(tui.store.getState().focus, 'interfaces');
	await tui.press('j', keys.enter);
	// The peer of eth0-web is veth-web-br in nsx-host; the filter that hid nsx-host is gone.
	assert.equal(tui.store.getState().filters.namespaces, '');
	assert.equal(selectedNamespace(tui.lines()), 'nsx-host');
	assert.match(lineWith(tui.lines(), '›veth-web-br')!, /UP +eth0-web@nsx-web/);
	await tui.press('4', '*', '/', ...'http', keys.enter, keys.enter);
	assert.equal(tui.store.getState().focus, 'namespaces');
	assert.equal(selectedNamespace(tui.lines()), 'nsx-web');
});

// How fast each key is, `npm run bench` measures (as a ratio, never asserted here).
test('1,000 namespaces: only the visible rows are rendered, PgDn/G scroll', async () => {
	const tui = await renderTui({snapshot: manyNamespaces(1000)});
	assert.match(tui.frame(), /1001 namespaces/);
	// The pane is as tall as the screen lets it be (the panes below need few lines): its rows and no more are drawn.
	const listRows = paneRows(tui.lines(), '1 Namespaces').length;
	assert.ok(listRows > 16, `the namespaces take the free lines (${listRows})`);
	assert.ok(
		!tui.frame().includes(`bulk-${String(listRows).padStart(4, '0')}`),
		'rows below the pane are not rendered',
	);
	await tui.press(keys.pageDown);
	// A page moves by the list's rows less one.
	assert.match(tui.frame(), new RegExp(`1 Namespaces {2}${listRows}/1001`));
	await tui.press('G');
	assert.equal(selectedNamespace(tui.lines()), 'bulk-0999');
	assert.ok(!tui.frame().includes('bulk-0000'));
	await tui.press(keys.pageUp, 'k');
	assert.match(tui.frame(), new RegExp(`1 Namespaces {2}${1001 - listRows}/1001`));
	const nsLines = tui.lines().filter(line => /bulk-\d{4}/.test(line.slice(0, 40)));
	assert.equal(nsLines.length, listRows);
});
