// Friction #8: discovery's warnings are counted in the header and listed with
// w, naming the PIDs; the status bar keeps the last result.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {unreadableProcessesNote} from '../../source/model/procfs.js';
import {refreshSucceeded, showMessage} from '../../source/ui/app/state-updates.js';
import {vrfBridgeAndOddities} from '../fixtures/synthetic-snapshots.js';
import {keys, labSnapshot, renderTui} from './tui-harness.js';

afterEach(() => cleanup());

test('warnings: a counter in the header, the list with w (naming the PIDs), and the status bar free for results', async () => {
	const tui = await renderTui({snapshot: labSnapshot(), columns: 120});
	const warnings = [
		unreadableProcessesNote([1, 4242]),
		'nsx-gone: Cannot open network namespace: No such file or directory',
	];
	refreshSucceeded(tui.store, {snapshot: labSnapshot(), warnings}, Date.now());
	showMessage(tui.store, {text: 'Route default via 192.0.2.1 added', kind: 'info'});
	const frame = await tui.waitForFrame('the counter', text =>
		/2 warnings \(w\)/.test(text.split('\n')[0]!),
	);
	const statusLine = frame.split('\n').at(-2)!;
	assert.match(statusLine, /Route default via 192\.0\.2\.1 added/);
	assert.doesNotMatch(frame, /could not be read/, 'no warning text in the panes or the status bar');

	await tui.press('w');
	const popup = await tui.waitForFrame('the list', text => /Warnings \(2\)/.test(text));
	// Wrapped to fit 80 columns: the PIDs may go over two lines.
	assert.match(popup.replaceAll(/[\s│]+/g, ' '), /PIDs 1, 4242\)/);
	assert.match(popup, /nsx-gone: Cannot open network namespace/);
	await tui.press(keys.escape);
	await tui.waitForFrame('the panes again', text => !/Warnings \(2\)/.test(text));

	refreshSucceeded(tui.store, {snapshot: labSnapshot(), warnings: []}, Date.now());
	await tui.waitForFrame('no counter', text => !/warning/.test(text.split('\n')[0]!));
	await tui.press('w');
	await tui.waitForFrame('the word that there are none', text => /no warnings/.test(text));
});

test('a namespace that could not be read says why in the Interfaces pane when selected, not in the status bar', async () => {
	const tui = await renderTui({snapshot: vrfBridgeAndOddities(), columns: 120});
	refreshSucceeded(
		tui.store,
		{snapshot: vrfBridgeAndOddities(), warnings: ['broken: ip: timed out after 5000 ms']},
		Date.now(),
	);
	await tui.press('/', ...'broken', keys.enter);
	const frame = await tui.waitForFrame('the reason in place', text =>
		/! could not read: ip: timed out after 5000 ms/.test(text),
	);
	assert.match(frame.split('\n')[0]!, /1 warning \(w\)/);
	assert.doesNotMatch(frame.split('\n').at(-2)!, /timed out/);
});
