// The TUI's live updates through events (namespace watcher, inotify, the
// kernel's process events), on real namespaces: the poller's own timer is set to an
// hour and the safety nets are 10 and 30 minutes, so whatever reaches the store within
// the waits below came through an event.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {readdirSync, readlinkSync} from 'node:fs';
import {spawn} from 'node:child_process';
import {setTimeout as delay} from 'node:timers/promises';
import type {Namespace} from '../../source/model/snapshot.js';
import {NamespaceWatcher} from '../../source/system/namespace-watcher.js';
import {createLiveLoad, type LiveLoad} from '../../source/ui/app/live-load.js';
import {createPoller, type Poller} from '../../source/ui/app/poller.js';
import {createTuiStore, type TuiStore} from '../../source/ui/app/tui-store.js';
import {needsPrograms} from '../helpers/ci-packages.js';
import {needsRoot} from '../helpers/root.js';
import {ip, Lab} from '../helpers/lab.js';

const skip =
	needsRoot ||
	needsPrograms('sysctl') ||
	(!NamespaceWatcher.available() && 'needs perl: the namespace watcher is a perl program');
const hour = 3_600_000;
/** Far below every timer in play (an hour, and the safety nets of 10 and 30 minutes), and generous on a loaded machine. */
const eventWaitMs = 15_000;

describe('live updates through events', {skip}, () => {
	const lab = new Lab('live');
	let store: TuiStore;
	let load: LiveLoad;
	let poller: Poller;
	const latencies: Array<[string, number]> = [];

	before(async () => {
		lab.ns('a');
		lab.ns('b');
		store = createTuiStore();
		const wake = () => poller.wake();
		load = createLiveLoad(() => null, hour, undefined, wake);
		poller = createPoller({store, intervalMs: hour, load});
		poller.start();
		await until(
			() =>
				nsNamed(`${lab.prefix}-a`)?.pending === undefined &&
				nsNamed(`${lab.prefix}-a`) !== undefined,
			'the first full read',
		);
		// Subscribed (the sync after the first reads) before anything is changed.
		await until(
			() =>
				[`${lab.prefix}-a`, `${lab.prefix}-b`].every(name =>
					load.watcher!.watching.has(nsNamed(name)?.inode ?? 0),
				),
			'the watcher watching',
		);
	});
	after(async () => {
		poller?.stop();
		load?.close();
		await lab.teardown();
		console.log(
			`# event to store: ${latencies.map(([what, ms]) => `${what} ${ms} ms`).join(', ')}`,
		);
	});

	const nsNamed = (name: string): Namespace | undefined =>
		store.getState().snapshot?.namespaces.find(ns => ns.name === name);

	async function until(check: () => boolean, what: string) {
		const started = performance.now();
		while (!check()) {
			if (performance.now() - started > eventWaitMs)
				assert.fail(`${what}: not in the store after ${eventWaitMs} ms`);
			await delay(10);
		}
		return Math.round(performance.now() - started);
	}

	async function change(what: string, act: () => void, check: () => boolean) {
		assert.ok(!check(), `${what}: already true before the change`);
		act();
		latencies.push([what, await until(check, what)]);
	}

	const linkOf = (name: string, link: string) =>
		nsNamed(name)?.interfaces.find(i => i.name === link);

	test('a change of each kind in a namespace that is not selected', async () => {
		const a = `${lab.prefix}-a`;
		assert.notEqual(store.getState().snapshot!.namespaces[0]!.name, a);
		await change(
			'link added',
			() => ip('-n', a, 'link', 'add', 'd0', 'type', 'veth', 'peer', 'name', 'p0'),
			() => linkOf(a, 'd0') !== undefined,
		);
		await change(
			'link up',
			() => ip('-n', a, 'link', 'set', 'd0', 'up'),
			() => linkOf(a, 'd0')?.flags.includes('UP') === true,
		);
		await change(
			'address',
			() => ip('-n', a, 'addr', 'add', '10.77.0.1/24', 'dev', 'd0'),
			() => linkOf(a, 'd0')?.addresses.some(x => x.address === '10.77.0.1') === true,
		);
		await change(
			'route',
			() => ip('-n', a, 'route', 'add', '10.78.0.0/16', 'via', '10.77.0.2'),
			() => nsNamed(a)!.routes.some(r => r.dst === '10.78.0.0/16'),
		);
		await change(
			'forwarding',
			() => ip('netns', 'exec', a, 'sysctl', '-qw', 'net.ipv4.ip_forward=1'),
			() => nsNamed(a)!.forwarding.ipv4,
		);
		await change(
			'link down',
			() => ip('-n', a, 'link', 'set', 'd0', 'down'),
			() => linkOf(a, 'd0')?.flags.includes('UP') === false,
		);
		await change(
			'link removed',
			() => ip('-n', a, 'link', 'del', 'd0'),
			() => linkOf(a, 'd0') === undefined,
		);
		const c = `${lab.prefix}-c`;
		await change(
			'namespace created',
			() => lab.ns('c'),
			() => nsNamed(c) !== undefined && !nsNamed(c)!.pending,
		);
		await change(
			'namespace deleted',
			() => ip('netns', 'del', c),
			() => nsNamed(c) === undefined,
		);
		const spawned = performance.now();
		const child = await lab.sleeper();
		const entered = Math.round(performance.now() - spawned);
		latencies.push([
			'process (from its start)',
			entered +
				(await until(
					() =>
						store
							.getState()
							.snapshot!.namespaces.some(ns => ns.processes.some(p => p.pid === child.pid)),
					'a new process',
				)),
		]);
	});

	test("a process that starts and then ends in a namespace that is not selected, through the kernel's process events", async () => {
		// The kernel took the subscription, so /proc/loadavg is not looked at: only events bring processes.
		await until(() => load.watcher!.processEvents, 'process events on');
		assert.equal(load.pollingProcesses, false);
		const b = `${lab.prefix}-b`;
		const inB = (pid: number | undefined) =>
			nsNamed(b)?.processes.some(p => p.pid === pid) === true;
		const child = await lab.sleeper(b);
		latencies.push(['process in b', await until(() => inB(child.pid), 'the process in b')]);
		child.kill('SIGKILL');
		latencies.push([
			'process ended',
			await until(() => !inB(child.pid), 'the process gone from b'),
		]);
	});

	test('while 20 host processes a second come and go: a process in a visible namespace shows, and one that makes a namespace shows it', async () => {
		await until(() => load.watcher!.processEvents, 'process events on');
		// Children that exit at once, as cron jobs, agents and exec probes do on a server.
		const forker = spawn(
			'python3',
			[
				'-c',
				'import os, time\nwhile True:\n    pid = os.fork()\n    if pid == 0: os._exit(0)\n    os.waitpid(pid, 0)\n    time.sleep(0.05)',
			],
			{stdio: 'ignore'},
		);
		lab.processes.push(forker);
		try {
			await delay(1000);
			const counts = {...load.counts};
			const b = `${lab.prefix}-b`;
			const inB = (pid: number | undefined) =>
				nsNamed(b)?.processes.some(p => p.pid === pid) === true;
			const child = await lab.sleeper(b);
			latencies.push([
				'process in b under churn',
				await until(() => inB(child.pid), 'the process in b, under churn'),
			]);
			const made = await lab.sleeper();
			const inode = Number(/\[(\d+)\]/.exec(readlinkSync(`/proc/${made.pid}/ns/net`))![1]);
			latencies.push([
				'unshare -n under churn',
				await until(
					() =>
						store
							.getState()
							.snapshot!.namespaces.some(
								ns =>
									ns.inode === inode && !ns.pending && ns.processes.some(p => p.pid === made.pid),
							),
					'the namespace unshare -n made, under churn',
				),
			]);
			// On a shared machine others' namespaces change too, so the counts are printed, not asserted.
			console.log(
				`# under churn: ${load.counts.patched - counts.patched} refreshes patched processes only, ${load.counts.whole - counts.whole} read as a whole`,
			);
		} finally {
			forker.kill('SIGKILL');
		}
	});

	test('a storm of link changes for 10 s: the event loop keeps turning, and the end state is right', async () => {
		const b = `${lab.prefix}-b`;
		ip('-n', b, 'link', 'add', 's0', 'type', 'veth', 'peer', 'name', 'q0');
		const script = `end=$(($(date +%s)+10)); while [ $(date +%s) -lt $end ]; do ip -n ${b} link set s0 up; ip -n ${b} link set s0 down; done; ip -n ${b} link set s0 up; ip -n ${b} addr add 10.79.0.1/24 dev s0`;
		const storm = spawn('sh', ['-c', script], {stdio: 'ignore'});
		lab.processes.push(storm);
		let turns = 0;
		const ticker = setInterval(() => turns++, 100);
		let reads = 0;
		const counting = store.subscribe(() => reads++);
		try {
			await new Promise(resolve => storm.once('exit', resolve));
		} finally {
			clearInterval(ticker);
		}
		// A 100 ms timer over 10 s: a UI that the storm starved would have turned a handful of times.
		assert.ok(turns >= 50, `the event loop turned ${turns} times in 10 s`);
		await until(
			() =>
				linkOf(b, 's0')?.flags.includes('UP') === true &&
				linkOf(b, 's0')!.addresses.some(x => x.address === '10.79.0.1'),
			'the state after the storm',
		);
		counting();
		console.log(`# storm: ${turns} timer turns, ${reads} store updates`);
	});

	test('a namespace deleted while watched: its socket is closed, nothing leaks, the watcher lives on', async () => {
		const pid = load.watcher!.pid!;
		const fds = () => readdirSync(`/proc/${pid}/fd`).length;
		const before = fds();
		const names = [lab.ns('gone1'), lab.ns('gone2'), lab.ns('gone3')];
		await until(
			() => names.every(name => load.watcher!.watching.has(nsNamed(name)?.inode ?? 0)),
			'the new ones watched',
		);
		await until(
			() => fds() === before + names.length,
			`one socket each: ${before} + ${names.length} descriptors (${readdirSync(`/proc/${pid}/fd`)
				.map(fd => {
					try {
						return readlinkSync(`/proc/${pid}/fd/${fd}`);
					} catch {
						return '?';
					}
				})
				.join(' ')})`,
		);
		// Events from one while it goes.
		const churn = spawn(
			'sh',
			[
				'-c',
				`while ip -n ${names[0]} link add x0 type veth peer name y0 2>/dev/null && ip -n ${names[0]} link del x0 2>/dev/null; do :; done`,
			],
			{stdio: 'ignore'},
		);
		lab.processes.push(churn);
		await delay(300);
		for (const name of names) ip('netns', 'del', name);
		await until(
			() => names.every(name => nsNamed(name) === undefined),
			'the deleted ones gone from the store',
		);
		await until(() => fds() === before, `the watcher's descriptors back to ${before}`);
		assert.equal(load.watcher!.pid, pid, 'the same watcher runs');
		// And it still reports.
		const a = `${lab.prefix}-a`;
		await change(
			'link after deletions',
			() => ip('-n', a, 'link', 'add', 'd1', 'type', 'veth', 'peer', 'name', 'p1'),
			() => linkOf(a, 'd1') !== undefined,
		);
	});
});
