import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {setTimeout as delay} from 'node:timers/promises';
import {cleanup} from 'ink-testing-library';
import type {Namespace, Snapshot} from '../../source/model/snapshot.js';
import type {Discovery} from '../../source/system/discovery/discoverer.js';
import {createPoller, type RefreshKind} from '../../source/ui/app/poller.js';
import {refreshSucceeded} from '../../source/ui/app/state-updates.js';
import {createTuiStore} from '../../source/ui/app/tui-store.js';
import {namespace} from '../fixtures/synthetic-snapshots.js';
import {FakeClock} from '../helpers/fake-clock.js';
import {keys, labSnapshot, lineWith, renderTui, selectedNamespace} from './tui-harness.js';

afterEach(() => cleanup());

function withNamespaces(snapshot: Snapshot, ...names: string[]): Snapshot {
	const added: Namespace[] = names.map((name, index) =>
		namespace(4026539000 + index, name, {interfaces: []}),
	);
	const [host, ...rest] = snapshot.namespaces;
	return {...snapshot, namespaces: [host!, ...added, ...rest]};
}

const discovery = (snapshot: Snapshot): Discovery => ({snapshot, warnings: []});

test('the selection stays on the same namespace when rows appear above it, and the new rows are highlighted', async () => {
	const tui = await renderTui({snapshot: labSnapshot()});
	await tui.press('/', 'r', 'o', 'u', keys.enter, keys.escape);
	await tui.settle();
	assert.equal(selectedNamespace(tui.lines()), 'nsx-router');
	await tui.press('2', 'j');
	refreshSucceeded(
		tui.store,
		discovery(withNamespaces(labSnapshot(), 'aaa-new-1', 'aaa-new-2')),
		Date.now(),
	);
	await tui.settle();
	assert.equal(selectedNamespace(tui.lines()), 'nsx-router');
	assert.match(tui.frame(), /1 Namespaces {2}10\/12/);
	// The interface selection was kept as well (veth-router1, second row).
	assert.match(lineWith(tui.lines(), '›veth-router1')!, /192\.168\.1\.254/);
	assert.deepEqual(
		[...tui.store.getState().changed].filter(id => id.startsWith('ns:')),
		['ns:4026539000', 'ns:4026539001'],
	);
});

test('when the selected namespace disappears, the selection stays at its position', async () => {
	const tui = await renderTui({snapshot: labSnapshot()});
	await tui.press('j', 'j');
	assert.equal(selectedNamespace(tui.lines()), 'nsx-b');
	const snapshot = labSnapshot();
	snapshot.namespaces = snapshot.namespaces.filter(ns => ns.name !== 'nsx-b');
	refreshSucceeded(tui.store, discovery(snapshot), Date.now());
	await tui.settle();
	assert.equal(selectedNamespace(tui.lines()), 'nsx-db');
});

test('changed values are highlighted, and only for a moment', async () => {
	const tui = await renderTui({snapshot: labSnapshot()});
	const next = labSnapshot();
	next.namespaces.find(ns => ns.name === 'nsx-a')!.forwarding.ipv4 = true;
	refreshSucceeded(tui.store, discovery(next), Date.now());
	await tui.settle();
	assert.deepEqual([...tui.store.getState().changed], ['ns:4026532315']);
	assert.match(lineWith(tui.lines(), 'nsx-a')!, /v4/);
	await delay(1700);
	assert.equal(tui.store.getState().changed.size, 0);
});

test('live updates: the poller refreshes on its interval, Space pauses, Ctrl-R refreshes once while paused', async () => {
	const clock = new FakeClock();
	const loads: RefreshKind[] = [];
	let snapshot = labSnapshot();
	const store = createTuiStore();
	const poller = createPoller({
		store,
		intervalMs: 60,
		clock,
		load: async kind => (loads.push(kind), discovery(snapshot)),
	});
	const tui = await renderTui({store, poller});
	await clock.advance(0);
	await tui.settle();
	assert.deepEqual(loads, ['first', 'full'], 'a quick list, then everything');
	assert.match(tui.frame(), /10 namespaces/);
	snapshot = withNamespaces(labSnapshot(), 'late-arrival');
	await clock.advance(59);
	await tui.settle();
	assert.equal(loads.length, 2, 'not before the interval');
	assert.match(tui.frame(), /10 namespaces/);
	await clock.advance(1);
	await tui.settle();
	assert.deepEqual(loads, ['first', 'full', 'tick']);
	assert.match(tui.frame(), /11 namespaces/);
	assert.ok(lineWith(tui.lines(), 'late-arrival'));

	await tui.press(keys.space);
	assert.match(tui.lines()[0]!, /PAUSED/);
	snapshot = labSnapshot();
	await clock.advance(600);
	await tui.settle();
	assert.equal(loads.length, 3, 'ten intervals while paused: no load');
	assert.match(tui.frame(), /11 namespaces/);
	await tui.press(keys.ctrlR);
	await clock.advance(0);
	await tui.settle();
	assert.deepEqual(loads.slice(3), ['full']);
	assert.match(tui.frame(), /10 namespaces/);
	await tui.press(keys.space);
	assert.match(tui.lines()[0]!, /live 2s/);
	tui.unmount();
	poller.stop();
	assert.equal(clock.timers, 0, 'stopped: no timer left');
});

test('a hanging refresh: input still works, stale data stay, the status bar says so, no second refresh starts', async () => {
	const clock = new FakeClock();
	let loads = 0;
	let release: (value: Discovery) => void = () => {};
	const store = createTuiStore();
	refreshSucceeded(store, discovery(labSnapshot()), clock.now());
	const poller = createPoller({
		store,
		intervalMs: 50,
		clock,
		load: () => {
			loads++;
			return new Promise<Discovery>(resolve => (release = resolve));
		},
	});
	const tui = await renderTui({store, poller});
	await clock.advance(49);
	await tui.settle();
	assert.equal(loads, 1);
	assert.doesNotMatch(tui.lines()[0]!, /refresh slow/, 'not slow before the interval');
	await clock.advance(1);
	await tui.settle();
	assert.match(tui.lines()[0]!, /refresh slow/);
	assert.match(tui.frame(), /refresh running for \d+s; showing data as of \d\d:\d\d:\d\d/);
	await clock.advance(1450);
	assert.equal(loads, 1, '30 intervals later no second refresh has started');
	await tui.press('j', 'j');
	assert.equal(selectedNamespace(tui.lines()), 'nsx-b');
	await tui.press(keys.ctrlR);
	assert.equal(loads, 1);
	assert.match(tui.frame(), /a refresh is already running \(2s\)/);
	release(discovery(withNamespaces(labSnapshot(), 'after-the-wait')));
	await clock.advance(0);
	await tui.settle();
	assert.doesNotMatch(tui.frame(), /refresh running for/);
	assert.match(tui.frame(), /11 namespaces/);
	tui.unmount();
	poller.stop();
});

test('a failed refresh shows its error and keeps the last data', async () => {
	const clock = new FakeClock();
	const store = createTuiStore();
	refreshSucceeded(store, discovery(labSnapshot()), clock.now());
	const poller = createPoller({
		store,
		intervalMs: 10_000,
		clock,
		load: async () => Promise.reject(new Error('nstui needs `ip`, which is not installed')),
	});
	const tui = await renderTui({store, poller});
	await clock.advance(0);
	await tui.settle();
	assert.match(tui.frame(), /refresh failed: nstui needs `ip`, which is not installed/);
	assert.match(tui.frame(), /10 namespaces/);
	tui.unmount();
	poller.stop();
});

test('unmounting and mounting again (as the exec-shell does) keeps selection, focus, filters and data', async () => {
	const first = await renderTui({snapshot: labSnapshot()});
	await first.press('/', 'n', 's', keys.enter, 'j', 'j', keys.tab, '4', '*');
	const before = first.frame();
	first.unmount();
	const second = await renderTui({store: first.store});
	assert.equal(second.frame(), before);
	assert.equal(selectedNamespace(second.lines()), 'nsx-db');
	assert.equal(second.store.getState().focus, 'processes');
});

test('a refresh that finds nothing new leaves the store alone (no redraw); the header says when the data last changed', async () => {
	const store = createTuiStore();
	let notified = 0;
	store.subscribe(() => notified++);
	const snapshot = labSnapshot();
	refreshSucceeded(store, {snapshot, warnings: []}, Date.parse('2026-01-01T10:00:00'));
	assert.equal(notified, 1);
	const changedAt = store.getState().refresh.dataChangedAt;
	refreshSucceeded(store, {snapshot, warnings: []}, Date.parse('2026-01-01T10:00:02'));
	assert.equal(notified, 1, 'the same snapshot again: no update');
	assert.equal(store.getState().refresh.dataChangedAt, changedAt);
	refreshSucceeded(store, {snapshot, warnings: ['a new note']}, Date.parse('2026-01-01T10:00:04'));
	assert.equal(notified, 2, 'a new warning is news');
	assert.equal(store.getState().refresh.dataChangedAt, changedAt, 'but the data did not change');
	refreshSucceeded(
		store,
		{snapshot: withNamespaces(snapshot, 'fresh-ns'), warnings: ['a new note']},
		Date.parse('2026-01-01T10:00:06'),
	);
	assert.equal(notified, 3);
	assert.equal(store.getState().refresh.dataChangedAt, Date.parse('2026-01-01T10:00:06'));
	const tui = await renderTui({store});
	assert.match(tui.frame(), /changed 10:00:06/);
});
