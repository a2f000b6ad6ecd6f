// Containers started on a real dockerd (the test's own, test/helpers/engines.ts,
// running inside a test namespace with its default bridge there) show whole in
// the TUI's store through events alone: eth0 up with its address, the default
// route, and the bridge-side veth as its proven peer. The engine makes the
// namespace first and moves eth0 in after, so a namespace read when it appears
// shows only `lo`; nothing but an event (or Ctrl-R) reads it again. The
// poller's timer is an hour and the safety nets are 10 and 30 minutes, so what
// reaches the store within the wait came through events.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {readlinkSync, statSync} from 'node:fs';
import {setTimeout as delay} from 'node:timers/promises';
import type {Namespace} from '../../source/model/snapshot.js';
import {NamespaceWatcher} from '../../source/system/namespace-watcher.js';
import {createLiveLoad, type LiveLoad} from '../../source/ui/app/live-load.js';
import {createPoller, type Poller} from '../../source/ui/app/poller.js';
import {createTuiStore, type TuiStore} from '../../source/ui/app/tui-store.js';
import {needsEngine, PrivateDocker} from '../helpers/engines.js';
import {ip, Lab} from '../helpers/lab.js';

const skip =
	needsEngine('dockerd', 'docker') ||
	(!NamespaceWatcher.available() && 'needs perl: the namespace watcher is a perl program');
const hour = 3_600_000;
/** Far below every timer in play; generous on a loaded machine. What it took is printed. */
const eventWaitMs = 15_000;
const starts = 20;

describe('containers started one after another on a real dockerd', {skip}, () => {
	const lab = new Lab('starts');
	let docker: PrivateDocker;
	const tag = `nstui-starts-${process.pid}`;
	let engineNs: string;
	let store: TuiStore;
	let load: LiveLoad;
	let poller: Poller;

	before(async () => {
		engineNs = lab.ns('engine');
		ip('-n', engineNs, 'link', 'set', 'lo', 'up');
		docker = new PrivateDocker(engineNs);
		await docker.start();
		await docker.importImage(`${tag}:1`);
		store = createTuiStore();
		load = createLiveLoad(
			() => null,
			hour,
			undefined,
			() => poller.wake(),
		);
		poller = createPoller({store, intervalMs: hour, load});
		poller.start();
		const deadline = Date.now() + 60_000;
		while (
			!store
				.getState()
				.snapshot?.namespaces.some(
					ns => ns.name === engineNs && !ns.pending && ns.interfaces.length > 1,
				)
		) {
			if (Date.now() > deadline)
				assert.fail('the first full read, with the engine namespace and its bridge');
			await delay(20);
		}
	});
	after(async () => {
		poller?.stop();
		load?.close();
		await docker?.stop();
		await lab.teardown();
		assert.equal(docker?.forwardChanged, false, "dockerd left the host's ip_forward alone");
	});

	const byInode = (inode: number): Namespace | undefined =>
		store.getState().snapshot?.namespaces.find(ns => ns.inode === inode);

	/** What is missing for the container's namespace to be whole, or null. */
	function missing(inode: number, engine: number): string | null {
		const ns = byInode(inode);
		if (!ns) return 'its namespace is not listed';
		if (ns.pending) return 'its namespace is not read yet';
		const eth0 = ns.interfaces.find(link => link.name === 'eth0');
		if (!eth0) return `no eth0 (interfaces: ${ns.interfaces.map(link => link.name).join(', ')})`;
		if (!eth0.flags.includes('UP')) return 'eth0 is not up';
		if (!eth0.addresses.some(address => address.family === 'inet'))
			return 'eth0 has no IPv4 address';
		if (!ns.routes.some(route => route.dst === 'default' && route.dev === 'eth0'))
			return 'no default route through eth0';
		if (eth0.peer?.namespace !== engine)
			return `eth0's peer is ${eth0.peerUnresolved ? 'unresolved' : JSON.stringify(eth0.peer)}, not in the engine's namespace`;
		return null;
	}

	test(`${starts} of ${starts} show their eth0, address, route and proven peer without Ctrl-R`, async () => {
		const engine = statSync(`/run/netns/${engineNs}`).ino;
		const took: number[] = [];
		for (let i = 0; i < starts; i++) {
			const name = `${tag}-${i}`;
			await docker.docker('run', '-d', '--name', name, `${tag}:1`, '/bin/sleep', '600');
			// docker run returns once the container runs: from here on it is nstui's part.
			const started = performance.now();
			const pid = await docker.pidOf(name);
			const inode = Number(/\[(\d+)\]/.exec(readlinkSync(`/proc/${pid}/ns/net`))![1]);
			const deadline = performance.now() + eventWaitMs;
			for (let why = missing(inode, engine); why !== null; why = missing(inode, engine)) {
				if (performance.now() > deadline)
					assert.fail(
						`container ${name} (start ${i + 1} of ${starts}, net:[${inode}]) not whole in the store after ${eventWaitMs} ms: ${why}`,
					);
				await delay(10);
			}
			took.push(Math.round(performance.now() - started));
		}
		console.log(`# docker run returned to whole in the store, ms: ${took.join(' ')}`);
	});
});
