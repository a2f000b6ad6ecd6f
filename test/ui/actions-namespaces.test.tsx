// n, d, N, f, s and l driven through the App against real namespaces this test
// creates (nstui-ui-<pid>-*), checked with ip -j; bad input runs nothing.
import assert from 'node:assert/strict';
import {needsPrograms} from '../helpers/ci-packages.js';
import {statSync} from 'node:fs';
import {after, afterEach, describe, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {keys} from './tui-harness.js';
import {logLength, renderLive} from './live-harness.js';
import {Lab, namespaceExists, needsRoot, outputIn} from '../helpers/lab.js';

const spaces = new Lab('ui');

describe('namespace actions from the keyboard', {skip: needsRoot}, () => {
	afterEach(() => cleanup());
	after(() => spaces.teardown());

	test('n creates a namespace and selects it; bad names are refused in place and run nothing', async () => {
		const tui = await renderLive();
		const name = spaces.name();
		for (const [bad, reason] of [
			['a/b', /cannot contain "\/"/],
			['..', /cannot be "\.\."/],
			['123', /only digits/],
			['x'.repeat(256), /at most 255 bytes/],
			['', /cannot be empty/],
		] as const) {
			const before = logLength();
			await tui.press('1', 'n');
			assert.equal(tui.modalKind(), 'form');
			await tui.answer(bad);
			assert.match(tui.frame(), reason);
			assert.equal(tui.modalKind(), 'form', 'the prompt stays open');
			assert.equal(logLength(), before, 'nothing ran');
			await tui.press(keys.escape);
			assert.equal(tui.modalKind(), null);
		}
		// The reason shows while typing, before Enter.
		await tui.press('n');
		await tui.until('the prompt', () => tui.frame().includes('Name of the new namespace'));
		await tui.settle();
		await tui.press('with space');
		await tui.until('the reason while typing', () => /cannot contain a space/.test(tui.frame()));
		await tui.press(keys.escape);

		await tui.press('n');
		await tui.answer(name);
		await tui.until('the namespace', () => namespaceExists(name));
		await tui.until('the selection on it', () => tui.view().selectedNamespace?.name === name);
		assert.match(tui.message(), new RegExp(`Namespace ${name} created`));
		// A name taken is refused before ip is asked.
		const before = logLength();
		await tui.press('n');
		await tui.answer(name);
		assert.match(tui.frame(), /exists already/);
		assert.equal(logLength(), before);
		await tui.press(keys.escape);
	});

	test('d on a namespace asks first, naming what goes; n, Esc and Enter cancel, y deletes', async () => {
		const name = spaces.ns();
		const tui = await renderLive();
		await tui.selectNamespace(name);
		const before = logLength();
		for (const cancel of ['n', keys.escape, keys.enter]) {
			await tui.press('d');
			await tui.until('the question', () =>
				new RegExp(`Delete namespace ${name}\\?`).test(tui.frame()),
			);
			assert.match(tui.frame(), /nothing but lo/);
			await tui.confirm(cancel);
			assert.equal(tui.modalKind(), null);
		}
		assert.equal(logLength(), before);
		assert.ok(namespaceExists(name));
		await tui.press('d');
		await tui.confirm('y');
		await tui.until('the namespace to go', async () => !namespaceExists(name));
	});

	test(
		'f toggles IPv4 forwarding inside the selected namespace',
		{skip: needsPrograms('sysctl')},
		async () => {
			const name = spaces.ns();
			const tui = await renderLive();
			await tui.selectNamespace(name);
			await tui.press('f');
			await tui.until(
				'forwarding on',
				async () => (await outputIn(name, ['sysctl', '-n', 'net.ipv4.ip_forward'])).trim() === '1',
			);
			await tui.until(
				'the pane to show it',
				() => tui.view().selectedNamespace?.forwarding.ipv4 === true,
			);
			await tui.press('f');
			await tui.until(
				'forwarding off',
				async () => (await outputIn(name, ['sysctl', '-n', 'net.ipv4.ip_forward'])).trim() === '0',
			);
		},
	);

	test('N names the namespace of a process; a bad name runs nothing', async () => {
		const pid = await spaces.sleeperPid();
		const tui = await renderLive();
		await tui.press('1', '/', `pid ${pid}`, keys.enter);
		assert.equal(tui.view().selectedNamespace?.processes[0]?.pid, pid);
		const before = logLength();
		await tui.press('N');
		await tui.answer('bad/name');
		assert.match(tui.frame(), /cannot contain "\/"/);
		assert.equal(logLength(), before);
		await tui.press(keys.escape);
		const name = spaces.name();
		await tui.press('N');
		await tui.answer(name);
		await tui.until('the name', () => namespaceExists(name));
		const inode = statSync(`/proc/${pid}/ns/net`).ino;
		await tui.until(
			'the named namespace selected',
			() =>
				tui.view().selectedNamespace?.name === name &&
				tui.view().selectedNamespace?.inode === inode,
		);
	});

	test("a failed command shows ip's own message, and the log (l) shows it with its exit status and stderr", async () => {
		const name = spaces.ns();
		const tui = await renderLive();
		await tui.selectNamespace(name);
		// A gateway no interface can reach: the kernel refuses it.
		await tui.press('r');
		await tui.answer('default via 10.250.0.1 dev lo');
		await tui.until('the failure', () => tui.store.getState().message?.kind === 'error');
		assert.match(tui.message(), /Nexthop has invalid gateway|Network is unreachable/);
		assert.match(tui.lines().at(-2)!, /Nexthop has invalid gateway|Network is unreachable/);
		// The prompt stays open with what was typed, to correct it.
		assert.equal(tui.modalKind(), 'form');
		await tui.closeForm();
		await tui.press('l');
		const frame = tui.frame();
		assert.match(frame, /Command log/);
		assert.match(
			frame,
			new RegExp(`^ip -n ${name} -4 route add default via 10\\.250\\.0\\.1 dev lo$`, 'm'),
		);
		assert.match(frame, /# \d\d:\d\d:\d\d {2}exit 2/);
		assert.match(frame, /^# {3}Error: /m);
		await tui.press(keys.escape);
		assert.match(tui.frame(), /1 Namespaces/);
	});

	test('s hands the terminal over for a shell in the selected namespace and comes back to the same selection', async () => {
		const name = spaces.ns();
		let handedOver = 0;
		// No terminal here: the stand-in runs nothing (the tmux test runs a real shell).
		const tui = await renderLive({suspend: async () => void handedOver++});
		await tui.selectNamespace(name);
		await tui.press('s');
		await tui.until('the hand-over', () => handedOver === 1);
		await tui.until('the status line', () => /the shell did not start/.test(tui.message()));
		assert.equal(tui.view().selectedNamespace?.name, name);
	});

	test('read-only: the action keys run nothing and say why', async () => {
		const tui = await renderLive({readOnly: 'started with --read-only'});
		const before = logLength();
		for (const key of ['n', 'd', 's', 'm', 'v', 'a', 'u', 'r', 'f', 'N', 'b', 'M', 'V', 'p', 'L']) {
			await tui.press(key);
			assert.equal(tui.modalKind(), null, key);
			assert.match(tui.message(), /read-only session: ".+" is not available/, key);
		}
		assert.equal(logLength(), before);
		// The log is not an action: it opens.
		await tui.press('l');
		assert.match(tui.frame(), /Command log/);
	});
});
