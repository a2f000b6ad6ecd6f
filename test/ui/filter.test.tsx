import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {keys, labSnapshot, lineWith, paneRows, renderTui} from './tui-harness.js';

afterEach(() => cleanup());

const namespaceNames = (lines: string[]) =>
	paneRows(lines, '1 Namespaces')
		.map(line => line.slice(1, 20).trim())
		.filter(name => name !== '' && !name.startsWith('nothing'));

test('/ filters the focused pane as it is typed, shown in the title; Enter keeps it', async () => {
	const tui = await renderTui({snapshot: labSnapshot()});
	await tui.press('/', '-', 'n', 's', '1');
	assert.match(tui.frame(), /1 Namespaces {2}1\/1 of 10 {2}\/-ns1_/);
	assert.deepEqual(namespaceNames(tui.lines()), ['nsx-ns1']);
	await tui.press(keys.backspace);
	assert.deepEqual(namespaceNames(tui.lines()), ['nsx-ns1', 'nsx-ns2']);
	await tui.press(keys.enter);
	assert.match(tui.frame(), /1 Namespaces {2}1\/2 of 10 {2}\/-ns\s/);
	// Keys are the pane's again: j moves, and does not type.
	await tui.press('j');
	assert.match(lineWith(tui.lines(), '›nsx-ns2')!, /nsx-ns2/);
	assert.equal(tui.store.getState().filters.namespaces, '-ns');
});

test('Esc clears the filter, while typing and after', async () => {
	const tui = await renderTui({snapshot: labSnapshot()});
	await tui.press('/', 'r', 'o', 'u');
	assert.deepEqual(namespaceNames(tui.lines()), ['nsx-router']);
	await tui.press(keys.escape);
	await tui.settle();
	assert.equal(namespaceNames(tui.lines()).length, 10);
	await tui.press('/', ...'db', keys.enter);
	assert.deepEqual(namespaceNames(tui.lines()), ['nsx-db']);
	await tui.press(keys.escape);
	await tui.settle();
	assert.equal(namespaceNames(tui.lines()).length, 10);
});

test('each pane has its own filter; no match says so', async () => {
	const tui = await renderTui({snapshot: labSnapshot()});
	await tui.press('3', '/', ...'v6', keys.enter);
	const routes = tui.lines().filter(line => / v[46] /.test(` ${line.slice(1, 4)} `));
	assert.ok(routes.length >= 3);
	for (const line of routes) assert.match(line, /^.v6 /);
	assert.equal(tui.store.getState().filters.namespaces, '');
	await tui.press('/', 'z', 'z', 'z');
	await tui.waitForFrame('no match for the new filter', frame =>
		/nothing matches \/zzz/.test(frame),
	);
});

test('/ starts a new filter (as in less, vim, htop, k9s): the kept one goes, the selected row stays', async () => {
	const tui = await renderTui({snapshot: labSnapshot()});
	await tui.press('/', ...'-ns', keys.enter, 'j');
	await tui.waitForFrame('the kept filter', frame =>
		/1 Namespaces {2}2\/2 of 10 {2}\/-ns\s/.test(frame),
	);
	await tui.press('/');
	await tui.waitForFrame('an empty filter being typed, every namespace shown', frame =>
		/1 Namespaces {2}\d+\/10 {2}\/_/.test(frame),
	);
	assert.equal(namespaceNames(tui.lines()).length, 10);
	assert.ok(lineWith(tui.lines(), '›nsx-ns2'), 'the selection stays on the row it was on');
	await tui.press(...'rou', keys.enter);
	await tui.waitForFrame('only the new filter applied', frame =>
		/1 Namespaces {2}1\/1 of 10 {2}\/rou\s/.test(frame),
	);
	assert.deepEqual(namespaceNames(tui.lines()), ['nsx-router']);
});

test('keys that arrive together (a fast typist, tmux send-keys) are each handled: / then the text then Enter', async () => {
	const tui = await renderTui({snapshot: labSnapshot()});
	await tui.press('/rou\r');
	assert.equal(tui.store.getState().editingFilter, false);
	assert.equal(tui.store.getState().filters.namespaces, 'rou');
	assert.deepEqual(namespaceNames(tui.lines()), ['nsx-router']);
	await tui.press(keys.escape);
	await tui.settle();
	assert.match(tui.frame(), /1 Namespaces {2}8\/10/);
	await tui.press('gjjj');
	assert.match(tui.frame(), /1 Namespaces {2}4\/10/);
});
