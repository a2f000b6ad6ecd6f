// Friction #1 at the keyboard: the namespace nstui runs in (here the lab's host,
// given this process's own inode) gets the same prompts as any other, not a
// status bar that says "current". Nothing is submitted: every prompt is left with Esc.
import assert from 'node:assert/strict';
import {readlinkSync} from 'node:fs';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {keys, labSnapshot, renderTui} from './tui-harness.js';

afterEach(() => cleanup());

function snapshotRunningInHost() {
	const snapshot = labSnapshot();
	const self = Number(/net:\[(\d+)\]/.exec(readlinkSync('/proc/self/ns/net'))![1]);
	const host = snapshot.namespaces.find(ns => ns.root)!;
	for (const ns of snapshot.namespaces) {
		for (const link of ns.interfaces)
			if (link.peer?.namespace === host.inode) link.peer.namespace = self;
	}
	host.inode = self;
	return snapshot;
}

test('on the host namespace nstui runs in, p, r, V and a open their prompts as anywhere else; d stays refused', async () => {
	const tui = await renderTui({snapshot: snapshotRunningInHost(), columns: 140});
	assert.match(tui.frame(), /›<host>/, 'the host is selected');
	for (const [key, prompt] of [
		['p', /Address to ping/],
		['r', /Route, as for ip route/],
		['V', /VRF name/],
	] as const) {
		await tui.press(key);
		await tui.waitForFrame(`the prompt of ${key}`, frame => prompt.test(frame));
		assert.doesNotMatch(tui.frame(), /current/);
		await tui.press(keys.escape);
		await tui.waitForFrame('the panes again', frame => !prompt.test(frame));
	}
	await tui.press('2', 'j', 'j', 'j', 'a');
	await tui.waitForFrame('the address prompt for a host interface', frame =>
		/Add an address to \S+ in <host>/.test(frame),
	);
	await tui.press(keys.escape);
	await tui.press('1', 'd');
	await tui.waitForFrame('deleting the host stays refused', frame =>
		/the host's namespace cannot be deleted/.test(frame),
	);
});
