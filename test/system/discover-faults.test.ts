import {afterEach, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {processesWhoseCmdline} from '../helpers/processes.js';
import {discover, MissingToolError} from '../../source/system/discovery/discoverer.js';
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
