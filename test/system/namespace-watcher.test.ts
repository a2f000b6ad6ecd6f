// The namespace watcher on its own, with real namespaces: what it says for a
// path it cannot use, and that it holds exactly one descriptor per namespace.
import {after, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {readdirSync, statSync} from 'node:fs';
import {setTimeout as delay} from 'node:timers/promises';
import {NamespaceWatcher} from '../../source/system/namespace-watcher.js';
import {needsRoot} from '../helpers/root.js';
import {ip, Lab} from '../helpers/lab.js';

const skip =
	needsRoot ||
	(!NamespaceWatcher.available() && 'needs perl: the namespace watcher is a perl program');

async function until(check: () => boolean, what: string) {
	for (let i = 0; !check(); i++) {
		if (i > 1000) assert.fail(`${what}: not after 10 s`);
		await delay(10);
	}
}

describe('NamespaceWatcher', {skip}, () => {
	const lab = new Lab('watcher');
	const watchers: NamespaceWatcher[] = [];
	after(async () => {
		for (const watcher of watchers) watcher.close();
		await lab.teardown();
	});

	test('a path that cannot be opened, or leads to another namespace, fails that one only; the others are watched', async () => {
		const a = lab.ns('a');
		const b = lab.ns('b');
		const inodeA = statSync(`/run/netns/${a}`).ino;
		const inodeB = statSync(`/run/netns/${b}`).ino;
		const changed: number[] = [];
		const failed: number[] = [];
		const watcher = new NamespaceWatcher({
			changed: inodes => changed.push(...inodes),
			mounts() {},
			failed: inodes => failed.push(...inodes),
		});
		watchers.push(watcher);
		const missing = 1;
		watcher.sync(
			new Map([
				[inodeA, `/run/netns/${a}`],
				[missing, `/run/netns/${lab.prefix}-none`],
				[inodeB + 1, `/run/netns/${b}`],
			]),
		);
		await until(() => watcher.watching.has(inodeA) && failed.length === 2, 'answers');
		assert.deepEqual(new Set(failed), new Set([missing, inodeB + 1]));
		assert.deepEqual([...watcher.unwatched].sort(), [missing, inodeB + 1].sort());
		ip('-n', a, 'addr', 'add', '10.66.0.1/32', 'dev', 'lo');
		await until(() => changed.includes(inodeA), 'the change in a');
		// Kept answering; a failed one asked again with a good path is watched.
		watcher.sync(
			new Map([
				[inodeA, `/run/netns/${a}`],
				[inodeB, `/run/netns/${b}`],
			]),
		);
		await until(() => watcher.watching.has(inodeB), 'b watched');
		assert.ok(!watcher.unwatched.has(missing), 'one no longer asked for is forgotten');
	});

	test('one socket per namespace, closed when the namespace is no longer asked for', async () => {
		const names = Array.from({length: 5}, (_, i) => lab.ns(`n${i}`));
		const watcher = new NamespaceWatcher({changed() {}, mounts() {}});
		watchers.push(watcher);
		watcher.sync(new Map());
		const pid = watcher.pid!;
		const fds = () => readdirSync(`/proc/${pid}/fd`).length;
		await delay(100);
		const base = fds();
		const all = new Map(
			names.map(name => [statSync(`/run/netns/${name}`).ino, `/run/netns/${name}`] as const),
		);
		watcher.sync(all);
		await until(() => watcher.watching.size === names.length, 'all watched');
		assert.equal(fds(), base + names.length);
		// A namespace deleted by name lives on while the socket holds it, until the watcher lets go.
		ip('netns', 'del', names[0]!);
		watcher.sync(new Map([...all].slice(1)));
		await until(() => fds() === base + names.length - 1, 'its socket closed');
		watcher.sync(new Map());
		await until(() => fds() === base, 'all closed');
	});

	test("with processes: the kernel's process events, a pid started and then ended, in their order", async () => {
		const started: number[] = [];
		const ended: number[] = [];
		let on = false;
		const watcher = new NamespaceWatcher(
			{
				changed() {},
				mounts() {},
				processEvents: value => (on = value),
				processes: (s, e) => (started.push(...s), ended.push(...e)),
			},
			{processes: true},
		);
		watchers.push(watcher);
		watcher.sync(new Map());
		await until(() => on, 'procs on');
		assert.equal(watcher.processEvents, true);
		const child = await lab.sleeper();
		await until(() => started.includes(child.pid!), 'the sleeper started');
		assert.ok(!ended.includes(child.pid!), 'not ended yet');
		child.kill('SIGKILL');
		await until(() => ended.includes(child.pid!), 'the sleeper ended');
		watcher.close();
	});

	test('without processes asked for, no process events', async () => {
		let on = false;
		const pids: number[] = [];
		const watcher = new NamespaceWatcher({
			changed() {},
			mounts() {},
			processEvents: value => (on = value),
			processes: s => pids.push(...s),
		});
		watchers.push(watcher);
		watcher.sync(new Map());
		const child = await lab.sleeper();
		await delay(500);
		assert.equal(on, false);
		assert.ok(!pids.includes(child.pid!));
		child.kill('SIGKILL');
	});
});
