// The timeline view (H): the TUI's changes newest first, how many were let go, Enter to the namespace.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import type {Change} from '../../source/model/timeline/change.js';
import {Timeline} from '../../source/model/timeline/timeline.js';
import {createTuiStore} from '../../source/ui/app/tui-store.js';
import {keys, labSnapshot, lineWith, renderTui} from './tui-harness.js';

afterEach(() => cleanup());

const change = (time: string, inode: number, label: string, after: string): Change => ({
	time,
	namespace: {inode, name: label, label, owner: null},
	kind: 'namespace-named',
	interface: null,
	before: null,
	after,
});

test('H lists the changes newest first, says how many were let go, and Enter goes to the namespace', async () => {
	const snapshot = labSnapshot();
	const a = snapshot.namespaces.find(ns => ns.name === 'nsx-a')!;
	const b = snapshot.namespaces.find(ns => ns.name === 'nsx-b')!;
	const timeline = new Timeline(2);
	timeline.add([
		change('2026-12-07T03:10:00.000Z', b.inode, 'nsx-b', 'nsx-b'),
		change('2026-12-07T03:11:00.000Z', a.inode, 'nsx-a', 'nsx-a'),
		change('2026-12-07T03:12:00.000Z', b.inode, 'nsx-b\u001b[2J', 'nsx-b'),
	]);
	const tui = await renderTui({snapshot, store: createTuiStore({timeline}), columns: 120});
	await tui.press('H');
	await tui.waitForFrame('the timeline view', frame => frame.includes('Timeline: what changed'));
	const lines = tui.lines();
	const newest = lines.findIndex(line => line.includes('03:12:00'));
	const older = lines.findIndex(line => line.includes('03:11:00'));
	assert.ok(newest > 0 && older > newest, 'newest first');
	assert.equal(lineWith(lines, '03:10:00'), undefined, 'beyond the limit');
	assert.ok(!tui.frame().includes('\u001b[2J'), 'system text is shown escaped');
	assert.match(lineWith(lines, '03:12:00')!, /nsx-b\\e\[2J/);
	assert.match(tui.frame(), /1 older change was let go \(the last 2 are kept\)/);
	await tui.press('j', keys.enter);
	await tui.waitForFrame('back in the panes', () => tui.store.getState().fullView === null);
	assert.match(lineWith(tui.lines(), '›nsx-a')!, /nsx-a/);
});

test('an empty timeline says nothing has changed; q goes back', async () => {
	const tui = await renderTui({snapshot: labSnapshot()});
	await tui.press('H');
	await tui.waitForFrame('the empty timeline', frame =>
		frame.includes('nothing has changed since the first full reading'),
	);
	await tui.press('q');
	await tui.waitForFrame('back in the panes', () => tui.store.getState().fullView === null);
});
