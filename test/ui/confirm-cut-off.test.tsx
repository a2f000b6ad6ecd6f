// Confirmations on hand-made snapshots: a long one wrapped to the width and
// shown whole (never cut with "…"), and the question before a change that can
// cut the operator off, naming the SSH session. The namespaces here do not
// exist (names nstui-guard-fake-*), so even a key that ran would change nothing.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import type {Snapshot} from '../../source/model/snapshot.js';
import {commandLog} from '../../source/system/command-log.js';
import {createTuiStore} from '../../source/ui/app/tui-store.js';
import {keys, renderTui} from './tui-harness.js';
import {link, namespace} from '../fixtures/synthetic-snapshots.js';

afterEach(() => cleanup());

const snapshotOf = (...namespaces: Snapshot['namespaces']): Snapshot =>
	({
		version: 1,
		hostname: 'testhost',
		takenAt: new Date(0).toISOString(),
		namespaces,
	}) as unknown as Snapshot;

test('a long confirmation is wrapped to the width and shown whole, the question last', async () => {
	const names = Array.from({length: 14}, (_, i) => `bridge-port-number-${i}`);
	const ns = namespace(4026539001, 'nstui-guard-fake-many', {
		interfaces: [link(1, 'lo', 'loopback'), ...names.map((name, i) => link(i + 2, name, 'bridge'))],
	});
	const tui = await renderTui({snapshot: snapshotOf(ns), columns: 80, rows: 50});
	await tui.press('d');
	const frame = await tui.waitForFrame('the confirmation', text =>
		text.includes('Delete namespace nstui-guard-fake-many?'),
	);
	const lines = frame.split('\n');
	const first = lines.findIndex(line => line.includes('Delete namespace'));
	const last = lines.findIndex(line => line.includes('y confirms'));
	const dialog = lines.slice(first, last + 1).join('\n');
	const flat = dialog.replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');
	for (const name of names) assert.ok(flat.includes(name), `${name} is in the confirmation`);
	assert.doesNotMatch(dialog, /…/);
	assert.ok(last - first > 3, 'wrapped over several lines');
	assert.match(frame, /y confirms · n, Esc or Enter cancel/);
	assert.ok(
		frame.split('\n').every(line => [...line].length <= 80),
		'no line wider than the terminal',
	);
	await tui.press('n');
	assert.equal(tui.store.getState().modal, null);
});

test('u on the interface that carries the SSH session asks and names the client; n runs nothing', async () => {
	const host = namespace(4026539002, 'nstui-guard-fake-host', {
		root: true,
		interfaces: [link(1, 'lo', 'loopback'), link(2, 'nstuifake0', 'device')],
	});
	const store = createTuiStore({
		sshSession: {client: '203.0.113.7', links: [{namespace: host.inode, device: 'nstuifake0'}]},
	});
	const tui = await renderTui({snapshot: snapshotOf(host), store, columns: 120, rows: 40});
	const logged = commandLog.getSnapshot().length;
	await tui.press('2', 'j', 'u');
	const frame = await tui.waitForFrame('the question', text =>
		text.includes('Take nstuifake0 down in nstui-guard-fake-host?'),
	);
	assert.match(
		frame,
		/nstuifake0 carries your SSH session from 203\.0\.113\.7: taking it down can cut you off/,
	);
	assert.match(frame, /This is the host's own namespace/);
	await tui.press(keys.escape);
	assert.equal(tui.store.getState().modal, null);
	assert.equal(commandLog.getSnapshot().length, logged, 'nothing ran');
	// Up is harmless: no question (it would run at once; here it is only the form without a confirmation).
});

test('f on the host asks either way; on another namespace it does not', async () => {
	const host = namespace(4026539003, 'nstui-guard-fake-root', {root: true});
	const store = createTuiStore();
	const tui = await renderTui({snapshot: snapshotOf(host), store});
	const logged = commandLog.getSnapshot().length;
	await tui.press('f');
	await tui.waitForFrame('the question', text =>
		text.includes('Turn IPv4 forwarding on in nstui-guard-fake-root?'),
	);
	assert.match(tui.frame(), /the host starts routing between all its networks/);
	await tui.press('n');
	assert.equal(commandLog.getSnapshot().length, logged, 'nothing ran');
});
