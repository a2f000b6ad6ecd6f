import {after, afterEach, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {processesWhoseCmdline} from '../helpers/processes.js';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {Snapshot} from '../../source/model/snapshot.js';
import {discover, Discoverer, MissingToolError} from '../../source/system/discovery/discoverer.js';
import {findProgram} from '../../source/system/programs.js';
import {needsRoot} from '../helpers/root.js';
import {ip, Lab} from '../helpers/lab.js';
import {fakeIp, type FakeIp} from '../helpers/fake-ip.js';

const cli = ['dist/cli.js', 'snapshot', '--json'];

describe('discovery when ip misbehaves', () => {
	let fake: FakeIp | undefined;
	const realPath = process.env.PATH;
	afterEach(() => {
		process.env.PATH = realPath;
		fake?.remove();
	});

	test('partial JSON (`[` and then an error) gives namespaces with an error, not a crash', async () => {
		fake = fakeIp('printf "["; echo "RTNETLINK answers: Operation not permitted" >&2; exit 2');
		const result = spawnSync(process.execPath, cli, {
			env: {...process.env, PATH: fake.path},
			encoding: 'utf8',
		});
		assert.equal(result.status, 0, result.stderr);
		const snapshot = JSON.parse(result.stdout);
		assert.ok(snapshot.namespaces.length >= 1);
		assert.equal(snapshot.namespaces[0].error, 'RTNETLINK answers: Operation not permitted');
		assert.deepEqual(snapshot.namespaces[0].interfaces, []);
		assert.match(result.stderr, /Operation not permitted/);
	});

	test('a hanging ip is cut off by the timeout and reported', async () => {
		// A marker of this test's own: another test's `sleep 30` (a shell in the e2e tests) is not ours.
		const marker = `nstui-hang-${process.pid}-${Date.now()}`;
		fake = fakeIp(`exec perl -e 'sleep 30' ${marker}`);
		process.env.PATH = fake.path;
		const {snapshot} = await discover({timeoutMs: 300});
		assert.ok(snapshot.namespaces.length >= 1);
		assert.ok(snapshot.namespaces.every(ns => ns.error === 'ip timed out'));
		assert.deepEqual(processesWhoseCmdline(marker), [], 'no stand-in is left running');
	});

	test('ip missing: a one-line error naming the Debian package, exit 2', async () => {
		fake = fakeIp('exit 0');
		fake.remove();
		const result = spawnSync(process.execPath, cli, {
			env: {...process.env, PATH: fake.dir},
			encoding: 'utf8',
		});
		assert.equal(result.status, 2);
		assert.equal(result.stdout, '');
		assert.match(result.stderr, /^nstui: .*apt-get install iproute2\)\n$/);
		process.env.PATH = fake.dir;
		await assert.rejects(discover(), MissingToolError);
	});

	test('a reader that stops early (`| head`) ends the snapshot quietly, exit 0', async () => {
		const child = spawn(process.execPath, ['dist/cli.js', 'snapshot'], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stderr = '';
		child.stderr.on('data', chunk => (stderr += chunk));
		// Closed before nstui writes: its write fails with EPIPE however short the output.
		child.stdout.destroy();
		const code = await new Promise(resolve => child.on('close', resolve));
		assert.doesNotMatch(stderr, /EPIPE|Error/);
		assert.equal(code, 0);
	});
});

describe('a read that times out on a busy host', {skip: needsRoot}, () => {
	const lab = new Lab('timeouts');
	let fake: FakeIp | undefined;
	const realPath = process.env.PATH;
	const realIp = findProgram('ip')!;
	afterEach(() => {
		process.env.PATH = realPath;
		fake?.remove();
	});
	after(() => lab.teardown());

	test('the headless commands read it again before they report a timeout', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'nstui-hang-once-'));
		try {
			// The first ip of the snapshot hangs (mkdir is atomic: one call wins), the others are the real one.
			fake = fakeIp(`mkdir "${dir}/hung" 2>/dev/null && exec sleep 30\nexec "${realIp}" "$@"`);
			process.env.PATH = fake.path;
			const {snapshot} = await discover({timeoutMs: 2000});
			assert.ok(existsSync(`${dir}/hung`), 'one read hung');
			assert.deepEqual(
				snapshot.namespaces.filter(ns => ns.error === 'ip timed out').map(ns => ns.inode),
				[],
				'no namespace reported as timed out',
			);
		} finally {
			rmSync(dir, {recursive: true, force: true});
		}
	});

	test('in the TUI it keeps its last good reading, marked stale, and is tried again with backoff, not on every refresh', async () => {
		const name = lab.ns('slow');
		ip('-n', name, 'addr', 'add', '10.93.0.1/24', 'dev', 'lo');
		// The test's own clock: the backoff is driven by it, not by how long the reads take here.
		let now = Date.now();
		const discoverer = new Discoverer({owners: false, timeoutMs: 300, clock: () => now});
		const hour = 3_600_000;
		const nsOf = (snapshot: Snapshot) => snapshot.namespaces.find(ns => ns.name === name);
		const first = nsOf((await discoverer.refresh({maxAgeMs: hour})).snapshot);
		assert.ok(first && !first.stale && first.error === null);
		const dir = mkdtempSync(path.join(tmpdir(), 'nstui-busy-reads-'));
		const log = path.join(dir, 'calls');
		// Each call says which namespace it is in: others on a shared machine make namespaces too, read meanwhile.
		const readsOfIt = () =>
			existsSync(log)
				? readFileSync(log, 'utf8')
						.split('\n')
						.filter(line => line === `net:[${first.inode}]`).length
				: 0;
		try {
			fake = fakeIp(`readlink /proc/self/ns/net >> "${log}"\nexec sleep 30`);
			process.env.PATH = fake.path;
			const slow = nsOf(
				(await discoverer.refresh({maxAgeMs: hour, focus: [first.inode]})).snapshot,
			);
			assert.equal(readsOfIt(), 1, 'read once, no retries in the TUI');
			assert.equal(slow?.stale, true, 'marked stale');
			assert.equal(slow?.error, null, 'not shown as an error');
			assert.ok(
				slow?.interfaces.some(link => link.addresses.some(a => a.address === '10.93.0.1')),
				'its last good reading is shown',
			);
			const tick = async (ms: number) => {
				now += ms;
				return nsOf((await discoverer.refresh({maxAgeMs: hour})).snapshot);
			};
			await tick(999);
			assert.equal(readsOfIt(), 1, 'not read again before 1 s');
			const retried = await tick(1);
			assert.equal(readsOfIt(), 2, 'read again after 1 s');
			assert.equal(retried?.stale, true, 'timed out again: still its last good reading');
			await tick(1999);
			assert.equal(readsOfIt(), 2, 'the second wait is longer: not read again before 2 s');
			await tick(1);
			assert.equal(readsOfIt(), 3, 'read again after 2 s');
			process.env.PATH = realPath;
			const early = await tick(3999);
			assert.equal(early?.stale, true, 'the third wait is 4 s');
			const again = await tick(1);
			assert.equal(readsOfIt(), 3, 'the real ip read it');
			assert.equal(again?.stale, undefined, 'read again: current, no longer stale');
			assert.equal(again?.error, null);
		} finally {
			rmSync(dir, {recursive: true, force: true});
		}
	});
});
