import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {deriveView} from '../../source/ui/panes/derive-view.js';
import {fakeReader} from '../fixtures/details-reader.js';
import {seedLab} from '../fixtures/synthetic-snapshots.js';
import {keys, lineWith, renderTui} from './tui-harness.js';

afterEach(() => cleanup());

const find = async (term: string) => {
	const tui = await renderTui({snapshot: seedLab(), reader: fakeReader()});
	await tui.press('F', ...term);
	return tui;
};

/** What is selected in the panes after a jump. */
function selected(tui: Awaited<ReturnType<typeof find>>) {
	const state = tui.store.getState();
	const view = deriveView(state);
	return {
		focus: state.focus,
		namespace: view.selectedNamespace?.name ?? null,
		interface: view.interfaces.rows[view.interfaces.selected]?.link.name,
		pid: view.processes.rows[view.processes.selected]?.process.pid,
		route: view.routes.rows[view.routes.selected]?.text,
	};
}

test('F by IP: the address, where it is; Enter selects the interface in its namespace', async () => {
	const tui = await find('192.168.15.6');
	const lines = tui.lines();
	assert.match(lines[1]!, /Find anything {2}1\/\d+/);
	assert.match(lineWith(lines, 'Find: 192.168.15.6')!, /Find: 192\.168\.15\.6/);
	assert.match(
		lines.find(line => line.startsWith('›'))!,
		/^›address +db +192\.168\.15\.6\/24 on eth0-db/,
	);
	await tui.press(keys.enter);
	assert.equal(tui.store.getState().fullView, null);
	assert.deepEqual(
		{...selected(tui), pid: undefined, route: undefined},
		{focus: 'interfaces', namespace: 'db', interface: 'eth0-db', pid: undefined, route: undefined},
	);
	assert.ok(lineWith(tui.lines(), '›eth0-db'), tui.frame());
});

test('F by MAC: the interface that has it', async () => {
	const tui = await find('06:13:c8:de:3a:17');
	assert.match(
		tui.lines().find(line => line.startsWith('›'))!,
		/^›mac +router +06:13:c8:de:3a:17 on veth-router1/,
	);
	await tui.press(keys.enter);
	const now = selected(tui);
	assert.equal(now.focus, 'interfaces');
	assert.equal(now.namespace, 'router');
	assert.equal(now.interface, 'veth-router1');
});

test('F by PID: the process; Enter selects it in Processes, in its namespace', async () => {
	const tui = await find('2324');
	const line = tui.lines().find(item => item.startsWith('›'))!;
	assert.match(line, /^›process +<unnamed> pid 2324 sleep +pid 2324 sleep/);
	await tui.press(keys.enter);
	const now = selected(tui);
	assert.equal(now.focus, 'processes');
	assert.equal(now.pid, 2324);
	assert.equal(deriveView(tui.store.getState()).selectedNamespace?.inode, 4026532729);
	assert.ok(
		tui.lines().some(line => /›\s*2324 root/.test(line)),
		tui.frame(),
	);
});

test('F by name: namespace first, then interfaces; ↓ chooses another result; Enter goes there', async () => {
	const tui = await find('router');
	const lines = tui.lines();
	assert.match(
		lines.find(line => line.startsWith('›'))!,
		/^›namespace +router +router/,
	);
	assert.ok(lineWith(lines, 'veth-router1 (veth, UP, 192.168.1.254/24'), tui.frame());
	await tui.press(keys.enter);
	assert.deepEqual([selected(tui).focus, selected(tui).namespace], ['namespaces', 'router']);

	await tui.press('F', ...'veth-router');
	assert.match(
		tui.lines().find(line => line.startsWith('›'))!,
		/^›interface +router +veth-router1/,
	);
	await tui.press(keys.down);
	assert.match(
		tui.lines().find(line => line.startsWith('›'))!,
		/^›interface +router +veth-router2/,
	);
	assert.match(tui.lines()[1]!, /Find anything {2}2\/2/);
	await tui.press(keys.down, keys.up);
	assert.match(
		tui.lines().find(line => line.startsWith('›'))!,
		/^›interface +router +veth-router1/,
		'the last result stays the last',
	);
	await tui.press(keys.down);
	await tui.press(keys.enter);
	assert.equal(selected(tui).interface, 'veth-router2');
});

test('a jump clears a pane filter that would hide the target', async () => {
	const tui = await renderTui({snapshot: seedLab(), reader: fakeReader()});
	await tui.press('/', ...'ns1', keys.enter);
	await tui.press('F', ...'192.168.2.1');
	await tui.press(keys.enter);
	assert.equal(tui.store.getState().filters.namespaces, '');
	assert.deepEqual([selected(tui).namespace, selected(tui).interface], ['b', 'veth-ns2']);
});

test('Esc closes find without moving anything; nothing found says so', async () => {
	const tui = await find('no-such-thing');
	assert.match(tui.lines()[1]!, /nothing found/);
	assert.match(tui.lines().at(-1)!, /Enter go there {2}Esc back/);
	await tui.press(keys.escape);
	assert.equal(tui.store.getState().fullView, null);
	assert.deepEqual([selected(tui).focus, selected(tui).namespace], ['namespaces', null]);
});
