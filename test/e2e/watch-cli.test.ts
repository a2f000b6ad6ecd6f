// `nstui watch --json` from the built CLI on real namespaces: each kind of
// change, made one step at a time, comes out as exactly the lines it should,
// in order, in the right namespace, and every line validates against the
// documented schema. The host's other namespaces may change meanwhile (other
// tests): only the lab's own are looked at.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {builtCli} from '../helpers/tmux.js';
import {needsRoot} from '../helpers/root.js';
import {Lab, ip, sh} from '../helpers/lab.js';
import {validateChangeLine} from '../helpers/change-schema.js';
import {WatchProcess, type WatchLine} from '../helpers/watch-process.js';

const skip =
	needsRoot ||
	(existsSync(builtCli) ? false : 'needs the build: run `npm run build` first (npm test does)');

describe('nstui watch --json', {skip}, () => {
	const lab = new Lab('tlwatch');
	let watch: WatchProcess;
	let a = '';
	let b = '';
	const ours = (line: WatchLine) =>
		line.namespace.name?.startsWith(lab.prefix) === true ||
		line.namespace.label.startsWith(lab.prefix) ||
		unnamed.has(line.namespace.inode);
	const unnamed = new Set<number>();
	let seen = 0;
	const latencies: Array<[string, number]> = [];
	/** Does `act`, then waits for exactly `expected` (namespace, text) among the lab's new lines. */
	async function step(
		what: string,
		act: () => void | Promise<void>,
		expecting: Array<[string, string]> | (() => Array<[string, string]>),
	) {
		const start = performance.now();
		await act();
		const expected = typeof expecting === 'function' ? expecting() : expecting;
		const mine = () => watch.lines.slice(seen).filter(ours);
		await watch.until(() => mine().length >= expected.length, what);
		const got = mine();
		latencies.push([what, Math.round(got[expected.length - 1]!.seenAt - start)]);
		assert.deepEqual(
			got.map(line => [line.namespace.name ?? line.namespace.label, line.text]),
			expected,
			what,
		);
		seen = watch.lines.length;
		return got;
	}
	const noIpv6 = (ns: string) =>
		sh(
			'ip',
			'netns',
			'exec',
			ns,
			'sysctl',
			'-qw',
			'net.ipv6.conf.all.disable_ipv6=1',
			'net.ipv6.conf.default.disable_ipv6=1',
		);

	before(async () => {
		a = lab.name('a');
		b = lab.name('b');
		for (const ns of [a, b]) {
			ip('netns', 'add', ns);
			lab.namespaces.push(ns);
			noIpv6(ns);
		}
		ip('-n', a, 'link', 'add', 'vx', 'type', 'veth', 'peer', 'name', 'vy');
		watch = new WatchProcess();
		await watch.ready();
	});
	after(async () => {
		const code = await watch?.stop();
		await lab.teardown();
		console.log(
			`# change to line: ${latencies.map(([what, ms]) => `${what} ${ms} ms`).join(', ')}`,
		);
		assert.equal(code, 0, watch.stderr);
	});

	test('each kind of change, one step at a time, in its words and namespace', async () => {
		const c = lab.name('c');
		// The first change after the start also waits for the re-read of every namespace once it is
		// watched (live-load.ts), so its time says nothing about a change's: it is not counted.
		await step(
			'(start-up) namespace created',
			() => {
				ip('netns', 'add', c);
				lab.namespaces.push(c);
			},
			[[c, 'namespace created']],
		);
		await step('link added', () => void ip('-n', a, 'link', 'add', 'br0', 'type', 'bridge'), [
			[a, 'link br0 appeared (bridge, DOWN, mtu 1500)'],
		]);
		await step('link renamed', () => void ip('-n', a, 'link', 'set', 'br0', 'name', 'br1'), [
			[a, 'link br0 renamed to br1'],
		]);
		await step('mtu', () => void ip('-n', a, 'link', 'set', 'br1', 'mtu', '1400'), [
			[a, 'link br1 mtu 1500 → 1400'],
		]);
		await step(
			'address added',
			() => void ip('-n', a, 'addr', 'add', '10.88.0.1/24', 'dev', 'br1'),
			[[a, 'address 10.88.0.1/24 added on br1']],
		);
		await step('route added', () => void ip('-n', a, 'route', 'add', 'blackhole', '10.99.0.0/24'), [
			[a, 'route blackhole 10.99.0.0/24 added'],
		]);
		await step(
			'route removed',
			() => void ip('-n', a, 'route', 'del', 'blackhole', '10.99.0.0/24'),
			[[a, 'route blackhole 10.99.0.0/24 removed']],
		);
		await step(
			'address removed',
			() => void ip('-n', a, 'addr', 'del', '10.88.0.1/24', 'dev', 'br1'),
			[[a, 'address 10.88.0.1/24 removed from br1']],
		);
		await step('master', () => void ip('-n', a, 'link', 'set', 'vx', 'master', 'br1'), [
			[a, 'link vx master none → br1'],
		]);
		await step('state', () => void ip('-n', a, 'link', 'set', 'vy', 'up'), [
			[a, 'link vy state DOWN → UP no-carrier'],
		]);
		await step(
			'forwarding',
			() => void sh('ip', 'netns', 'exec', a, 'sysctl', '-qw', 'net.ipv4.ip_forward=1'),
			[[a, 'forwarding ipv4 off → on']],
		);
		await step('moved', () => void ip('-n', a, 'link', 'set', 'vy', 'netns', b), [
			[a, `link vy moved out of ${a} into ${b}`],
			[b, `link vy moved into ${b} from ${a}`],
		]);
		const [entered] = await step(
			'process entered',
			async () => void (await lab.sleeper(b)),
			() => [[b, `process ${lab.processes.at(-1)!.pid} entered: sleep 600`]],
		);
		assert.equal(entered!.kind, 'process-entered');
		await step('link removed', () => void ip('-n', a, 'link', 'del', 'br1'), [
			[a, 'link vx master br1 → none'],
			[a, 'link br1 went away'],
		]);
		await step(
			'namespace deleted',
			() => {
				ip('netns', 'del', c);
				lab.namespaces.splice(lab.namespaces.indexOf(c), 1);
			},
			[[c, 'namespace deleted']],
		);
		for (const line of watch.lines.filter(ours))
			assert.deepEqual(validateChangeLine(line.raw), [], line.raw);
	});

	test('a 10 s storm of link flaps: a line per state the readings saw, a consistent chain, and watch keeps up', async () => {
		const d = lab.name('d');
		await step(
			'storm namespace',
			() => {
				ip('netns', 'add', d);
				lab.namespaces.push(d);
			},
			[[d, 'namespace created']],
		);
		noIpv6(d);
		ip('-n', d, 'link', 'add', 'fa', 'type', 'veth', 'peer', 'name', 'fb');
		await watch.until(
			() => watch.lines.slice(seen).filter(line => line.namespace.name === d).length >= 2,
			'the storm links',
		);
		seen = watch.lines.length;
		// ip -batch: a hundred flaps a process, as fast as the kernel takes them, for 10 s.
		const batch = `${Array.from({length: 100}, () => 'link set fa up\nlink set fa down').join('\n')}\n`;
		let flaps = 0;
		const end = Date.now() + 10_000;
		while (Date.now() < end) {
			execFileSync('ip', ['-n', d, '-batch', '-'], {input: batch});
			flaps += 100;
		}
		// The storm ends with fa down; one more change after it must come through.
		const calm = performance.now();
		ip('-n', d, 'link', 'set', 'fa', 'mtu', '1280');
		await watch.until(
			() => watch.lines.some(line => line.namespace.name === d && line.kind === 'link-mtu'),
			'a change after the storm',
		);
		latencies.push(['after the storm', Math.round(performance.now() - calm)]);
		seen = watch.lines.length;
		const storm = watch.lines.filter(
			line =>
				line.namespace.name === d && line.kind === 'link-state' && line.interface?.name === 'fa',
		);
		console.log(
			`# storm: ${flaps} flaps (${flaps * 2} state changes) in 10 s, ${storm.length} lines`,
		);
		assert.ok(storm.length >= 1, 'the storm shows');
		assert.ok(storm.length <= flaps * 2);
		// Each line goes from where the one before left off: no change said twice, none invented.
		let state = 'DOWN';
		for (const line of storm) {
			assert.equal(line.before, state, line.raw);
			assert.notEqual(line.after, line.before, line.raw);
			state = line.after as string;
		}
		assert.equal(state, 'DOWN');
		// Only fa's state and the lines around the storm: nothing else in d (the `ip -n d -batch`
		// processes, which enter d to do their work, are real entries and may be seen).
		const others = watch.lines.filter(
			line =>
				line.namespace.name === d &&
				!storm.includes(line) &&
				!(line.kind === 'process-entered' && (line.after as {comm: string}).comm === 'ip'),
		);
		assert.deepEqual(
			others.map(line => line.text),
			[
				'namespace created',
				'link fb appeared (veth, DOWN, mtu 1500)',
				'link fa appeared (veth, DOWN, mtu 1500)',
				'link fa mtu 1500 → 1280',
			],
		);
	});

	test('an unnamed namespace: made by a process, named, unnamed, deleted', async () => {
		let pid = 0;
		const made = await step(
			'made',
			async () => {
				pid = await lab.sleeperPid();
				unnamed.add(Number(/\d+/.exec(sh('readlink', `/proc/${pid}/ns/net`))![0]));
			},
			() => [
				[`<unnamed> pid ${pid} sleep`, 'namespace created'],
				[`<unnamed> pid ${pid} sleep`, `process ${pid} made it: sleep 600`],
			],
		);
		assert.equal(made[0]!.namespace.name, null);
		const name = lab.name('held');
		await step(
			'named',
			() => {
				ip('netns', 'attach', name, String(pid));
				lab.namespaces.push(name);
			},
			[[name, `named ${name}`]],
		);
		await step(
			'unnamed',
			() => {
				ip('netns', 'del', name);
				lab.namespaces.splice(lab.namespaces.indexOf(name), 1);
			},
			[[`<unnamed> pid ${pid} sleep`, `name ${name} removed`]],
		);
		await step('deleted', () => void process.kill(pid, 'SIGKILL'), [
			[`<unnamed> pid ${pid} sleep`, 'namespace deleted'],
		]);
	});
});
