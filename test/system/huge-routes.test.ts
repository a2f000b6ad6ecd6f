// A namespace with 100,000 routes, read by the TUI's live machinery on a real
// namespace: every route is there and counted once, and a route added and one
// deleted in it reach the store through the route events (the poller's own
// timer is an hour, so nothing else reads it again within the waits below).
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import type {Namespace} from '../../source/model/snapshot.js';
import {NamespaceWatcher} from '../../source/system/namespace-watcher.js';
import {createLiveLoad, type LiveLoad} from '../../source/ui/app/live-load.js';
import {createPoller, type Poller} from '../../source/ui/app/poller.js';
import {createTuiStore, type TuiStore} from '../../source/ui/app/tui-store.js';
import {needsRoot} from '../helpers/root.js';
import {ip, Lab} from '../helpers/lab.js';

const skip =
	needsRoot ||
	(!NamespaceWatcher.available() && 'needs perl: the namespace watcher is a perl program');
const hour = 3_600_000;
const count = 100_000;
/** Generous on a loaded machine: reading 100,000 routes is seconds of ip and JSON. */
const waitMs = 60_000;

/** The i-th of the test's host routes (ip lists a /32 by its address alone). */
const dstAt = (i: number) => `10.${10 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`;

describe('a namespace with 100,000 routes', {skip}, () => {
	const lab = new Lab('huge');
	let name = '';
	let dir = '';
	let store: TuiStore;
	let load: LiveLoad;
	let poller: Poller;
	const took: string[] = [];

	before(async () => {
		name = lab.ns('big');
		ip('-n', name, 'link', 'add', 'r0', 'type', 'veth', 'peer', 'name', 'r1');
		ip('-n', name, 'link', 'set', 'r0', 'up');
		ip('-n', name, 'link', 'set', 'r1', 'up');
		dir = mkdtempSync(path.join(tmpdir(), `${lab.prefix}-`));
		const batch = path.join(dir, 'routes.batch');
		const lines: string[] = [];
		for (let i = 0; i < count; i++) lines.push(`route add ${dstAt(i)} dev r0`);
		writeFileSync(batch, `${lines.join('\n')}\n`);
		ip('-n', name, '-batch', batch);
		store = createTuiStore();
		load = createLiveLoad(
			() => null,
			hour,
			undefined,
			() => poller.wake(),
		);
		poller = createPoller({store, intervalMs: hour, load});
		poller.start();
		took.push(
			`first read ${await until(() => (big()?.routes.length ?? 0) >= count, 'the first full read')} ms`,
		);
		await until(() => load.watcher!.watching.has(big()?.inode ?? 0), 'the watcher watching');
	});
	after(async () => {
		poller?.stop();
		load?.close();
		await lab.teardown();
		if (dir) rmSync(dir, {recursive: true, force: true});
		console.log(`${count} routes, to the store: ${took.join(', ')}`);
	});

	const big = (): Namespace | undefined =>
		store.getState().snapshot?.namespaces.find(ns => ns.name === name);
	const has = (dst: string) => big()?.routes.some(route => route.dst === dst) === true;

	async function until(check: () => boolean, what: string) {
		const started = performance.now();
		while (!check()) {
			if (performance.now() - started > waitMs)
				assert.fail(`${what}: not in the store after ${waitMs} ms`);
			await delay(20);
		}
		return Math.round(performance.now() - started);
	}

	// IPv4 only: the IPv6 link-local routes of r0 and r1 come when the kernel gets to them.
	test('every IPv4 route is read, once, as ip lists it', () => {
		const listed = (
			JSON.parse(
				execFileSync('ip', ['-4', '-n', name, '-j', 'route', 'show', 'table', 'all'], {
					encoding: 'utf8',
					maxBuffer: 1 << 28,
				}),
			) as Array<{dst?: string; table?: string}>
		).filter(route => route.table !== 'local' && route.dst !== undefined);
		const routes = big()!.routes.filter(route => route.family === 'inet');
		assert.equal(routes.length, listed.length);
		assert.equal(
			new Set(routes.map(route => `${route.dst} ${route.table} ${route.dev}`)).size,
			routes.length,
		);
		for (const i of [0, 1, 255, 256, 65_535, 65_536, count - 1])
			assert.ok(has(dstAt(i)), `${dstAt(i)} is in the reading`);
		assert.equal(
			routes.filter(route => route.dev === 'r0' && route.dst.startsWith('10.')).length,
			count,
		);
	});

	test('a route added and one deleted reach the store through events', async () => {
		const added = '172.31.7.0/24';
		const deleted = dstAt(4242);
		assert.ok(!has(added) && has(deleted));
		ip('-n', name, 'route', 'add', added, 'dev', 'r1');
		took.push(`added ${await until(() => has(added), 'the added route')} ms`);
		ip('-n', name, 'route', 'del', deleted, 'dev', 'r0');
		took.push(`deleted ${await until(() => !has(deleted), 'the deleted route gone')} ms`);
		assert.equal(big()!.routes.length >= count, true);
	});
});
