// `nstui trace FROM TO[:PORT] [--json]` from the built CLI: exit 0 when the path
// works both ways, 1 when a hop breaks it, 2 on bad usage; text and JSON.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {existsSync, statSync} from 'node:fs';
import {builtCli} from '../helpers/tmux.js';
import {needsPrograms} from '../helpers/ci-packages.js';
import {needsRoot} from '../helpers/root.js';
import {Lab, ip, sh} from '../helpers/lab.js';

const skip =
	needsRoot ||
	needsPrograms('iptables', 'iptables-save', 'sysctl') ||
	(existsSync(builtCli) ? false : 'needs the build: run `npm run build` first (npm test does)');
const nstui = (...args: string[]) =>
	spawnSync(process.execPath, [builtCli, ...args], {
		stdio: ['ignore', 'pipe', 'pipe'],
		encoding: 'utf8',
		timeout: 60_000,
	});

describe('nstui trace', {skip}, () => {
	const lab = new Lab('tracecli');
	let names: ReturnType<Lab['router']>;
	before(() => {
		names = lab.router();
	});
	after(() => lab.teardown());

	test('a path that works both ways: the hops in text, exit 0', () => {
		const result = nstui('trace', names.a, '192.168.2.1');
		assert.equal(result.status, 0, result.stdout + result.stderr);
		assert.match(
			result.stdout,
			new RegExp(`✓ ${names.router} \\(transit, in veth-router1, out veth-router2\\)`),
		);
		assert.match(result.stdout, /^return:$/m);
		assert.match(result.stdout, /✓ .* reaches 192\.168\.2\.1 and the replies come back/);
	});

	test('FROM by inode and TO as a namespace, --json', () => {
		const result = nstui('trace', String(statSync(`/run/netns/${names.a}`).ino), names.b, '--json');
		assert.equal(result.status, 0, result.stderr);
		const trace = JSON.parse(result.stdout);
		assert.equal(trace.to.address, '192.168.2.1');
		assert.equal(trace.to.label, names.b);
		assert.deepEqual(
			trace.forward.map((hop: {label: string}) => hop.label),
			[names.a, names.router, names.b],
		);
		assert.equal(trace.ok, true);
		assert.equal(trace.broken, null);
	});

	test('a broken hop: exit 1 and the sentence last', () => {
		sh('ip', 'netns', 'exec', names.router, 'sysctl', '-qw', 'net.ipv4.ip_forward=0');
		try {
			const result = nstui('trace', names.a, '192.168.2.1');
			assert.equal(result.status, 1, result.stderr);
			assert.equal(
				result.stdout.trim().split('\n').at(-1),
				`✗ ${names.router} forwards no IPv4 (net.ipv4.ip_forward=0): press f there`,
			);
		} finally {
			sh('ip', 'netns', 'exec', names.router, 'sysctl', '-qw', 'net.ipv4.ip_forward=1');
		}
	});

	test('an interface named with an escape sequence is shown escaped, and traced through all the same', async () => {
		const hostile = 'e\u001b[31mx';
		const other = new Lab('tracehostile');
		try {
			const {ns1, ns2} = other.direct();
			ip('-n', ns1, 'link', 'set', 'veth0', 'down');
			ip('-n', ns1, 'link', 'set', 'veth0', 'name', hostile);
			ip('-n', ns1, 'link', 'set', hostile, 'up');
			const result = nstui('trace', ns1, ns2);
			assert.equal(result.status, 0, result.stdout + result.stderr);
			assert.ok(!result.stdout.includes('\u001b'), 'no raw ESC reaches the terminal');
			assert.match(result.stdout, /out e\\e\[31mx\)/);
			const json = JSON.parse(nstui('trace', ns1, ns2, '--json').stdout);
			assert.equal(json.forward[0].out, hostile, '--json keeps the exact name');
		} finally {
			await other.teardown();
		}
	});

	test('bad usage exits 2 with one line', () => {
		for (const args of [
			['trace'],
			['trace', names.a],
			['trace', `${names.a}-nowhere`, '192.168.2.1'],
			['trace', names.a, '192.168.2.1:99999'],
		]) {
			const result = nstui(...args);
			assert.equal(result.status, 2, args.join(' '));
			assert.equal(result.stdout, '');
			assert.match(result.stderr, /^nstui: trace/m);
		}
	});

	test('a route out of a device that is not wired to a namespace leaves the host, claimed no further', () => {
		// A VXLAN tunnel: its far end is another host.
		ip('-n', names.b, 'link', 'add', 'vx0', 'type', 'vxlan', 'id', '77', 'dstport', '4789');
		ip('-n', names.b, 'addr', 'add', '10.77.0.1/24', 'dev', 'vx0');
		ip('-n', names.b, 'link', 'set', 'vx0', 'up');
		const result = nstui('trace', names.b, '10.77.0.9', '--json');
		assert.equal(result.status, 0, result.stderr);
		const trace = JSON.parse(result.stdout);
		assert.equal(trace.leavesHost, true);
		assert.equal(trace.forward.at(-1).role, 'outside');
		assert.deepEqual(trace.return, []);
	});
});
