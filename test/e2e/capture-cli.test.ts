// The headless commands of issue 16, run as a user runs them (dist/cli.js):
// nstui capture, snapshot --sockets, find :PORT, and the note when tcpdump is missing.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {
	existsSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	statSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {findProgram} from '../../source/system/programs.js';
import {Lab, sh, needsRootAnd} from '../helpers/lab.js';
import {builtCli} from '../helpers/tmux.js';

const skip =
	needsRootAnd('tcpdump', 'ping', 'python3') ||
	(existsSync(builtCli) ? false : 'needs the build: run `npm run build` first (npm test does)');
const nstui = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
	spawnSync(process.execPath, [builtCli, ...args], {
		stdio: ['ignore', 'pipe', 'pipe'],
		encoding: 'utf8',
		timeout: 60_000,
		env,
		maxBuffer: 256 * 1024 * 1024,
	});
const port = 18123;

describe('headless capture, sockets and ports', {skip}, () => {
	const lab = new Lab('capcli');
	const dir = mkdtempSync(path.join(tmpdir(), `${lab.prefix}-`));
	let ns1: string;
	let ns2: string;
	let server: ReturnType<typeof spawn>;
	before(async () => {
		({ns1, ns2} = lab.direct());
		lab.processes.push(
			spawn('ip', ['netns', 'exec', ns1, 'ping', '-q', '-i', '0.01', '-c', '3000', '192.168.1.2'], {
				stdio: 'ignore',
			}),
		);
		server = spawn(
			'ip',
			['netns', 'exec', ns2, 'python3', '-m', 'http.server', '--bind', '192.168.1.2', String(port)],
			{stdio: 'ignore'},
		);
		lab.processes.push(server);
		for (
			let tries = 0;
			tries < 100 && !sh('ip', 'netns', 'exec', ns2, 'ss', '-Htln').includes(`:${port}`);
			tries++
		)
			await sleep(50);
	});
	after(async () => {
		await lab.teardown();
		rmSync(dir, {recursive: true, force: true});
	});

	test('nstui capture NS IF --count 5 --write FILE -- icmp: five ICMP lines, and the pcap reads back with tcpdump -r', () => {
		const file = path.join(dir, 'five.pcap');
		const result = nstui(['capture', ns2, 'veth1', '--count', '5', '--write', file, '--', 'icmp']);
		assert.equal(result.status, 0, result.stderr);
		const lines = result.stdout.trim().split('\n');
		assert.equal(lines.length, 5, result.stdout);
		assert.ok(
			lines.every(line => /ICMP echo (request|reply)/.test(line)),
			result.stdout,
		);
		assert.match(result.stderr, /5 packets written to/);
		assert.equal(sh('tcpdump', '-nn', '-r', file).trim().split('\n').length, 5);
		assert.equal(statSync(file).mode & 0o777, 0o600);
	});

	test('--write refuses a file that exists (--force overwrites a regular one) and never writes through a link', () => {
		const file = path.join(dir, 'exists.pcap');
		writeFileSync(file, 'keep me\n');
		const refused = nstui(['capture', ns2, 'veth1', '--count', '1', '--write', file]);
		assert.equal(refused.status, 1);
		assert.match(refused.stderr, /exists already: --force overwrites it/);
		assert.equal(readFileSync(file, 'utf8'), 'keep me\n');
		const forced = nstui(['capture', ns2, 'veth1', '--count', '2', '--write', file, '--force']);
		assert.equal(forced.status, 0, forced.stderr);
		assert.equal(sh('tcpdump', '-nn', '-r', file).trim().split('\n').length, 2);
		const link = path.join(dir, 'link.pcap');
		const target = path.join(dir, 'target');
		writeFileSync(target, 'untouched\n');
		symlinkSync(target, link);
		const viaLink = nstui(['capture', ns2, 'veth1', '--count', '1', '--write', link, '--force']);
		assert.equal(viaLink.status, 1);
		assert.match(viaLink.stderr, /is a symbolic link: nstui writes no file through one/);
		assert.equal(readFileSync(target, 'utf8'), 'untouched\n');
	});

	test("the namespace by its inode; a bad filter is refused with tcpdump's message, exit 1, nothing written", () => {
		const inode = String(statSync(`/run/netns/${ns2}`).ino);
		const file = path.join(dir, 'never.pcap');
		const result = nstui(['capture', inode, 'veth1', '--write', file, '--', 'icmp', 'and', '(((']);
		assert.equal(result.status, 1);
		assert.match(result.stderr, /syntax error/);
		assert.equal(result.stdout, '');
		assert.equal(existsSync(file), false);
		const ok = nstui(['capture', `net:[${inode}]`, 'veth1', '--count', '1']);
		assert.equal(ok.status, 0, ok.stderr);
	});

	test('a namespace or interface that is not there, and bad usage', () => {
		assert.equal(nstui(['capture', `${lab.prefix}-nothere`, 'veth1']).status, 1);
		const noInterface = nstui(['capture', ns2, 'nope0']);
		assert.equal(noInterface.status, 1);
		assert.match(noInterface.stderr, /has no interface "nope0" \(it has lo, veth1\)/);
		assert.equal(nstui(['capture', ns2]).status, 2);
		assert.equal(nstui(['capture', ns2, 'veth1', '--count', 'many']).status, 2);
	});

	test('without tcpdump: a note naming the Debian package, exit 2', () => {
		const bin = path.join(dir, 'bin');
		spawnSync('mkdir', [bin]);
		for (const tool of ['ip', 'nsenter', 'xargs', 'perl'])
			symlinkSync(findProgram(tool)!, path.join(bin, tool));
		const result = nstui(['capture', ns2, 'veth1'], {...process.env, PATH: bin});
		assert.equal(result.status, 2);
		assert.match(
			result.stderr,
			/tcpdump is not installed: install the Debian package tcpdump \(apt-get install tcpdump\)/,
		);
	});

	test('snapshot --json --sockets lists the listener with its pid; find :PORT finds its namespace', () => {
		const snapshot = JSON.parse(nstui(['snapshot', '--json', '--sockets']).stdout);
		const there = snapshot.namespaces.find((ns: {name: string}) => ns.name === ns2);
		const listener = there.sockets.find(
			(socket: {localPort: number; state: string}) =>
				socket.localPort === port && socket.state === 'LISTEN',
		);
		assert.deepEqual(
			listener.processes.map((owner: {pid: number}) => owner.pid),
			[server.pid],
		);
		assert.equal(there.socketsError, null);
		const text = nstui(['snapshot', '--sockets']).stdout;
		assert.match(
			text,
			new RegExp(`tcp +LISTEN +0/0 +192\\.168\\.1\\.2:${port} +\\* +python3 \\(${server.pid}\\)`),
		);
		const found = JSON.parse(nstui(['find', `:${port}`, '--json']).stdout);
		assert.deepEqual(
			found.results.map((result: {namespaceLabel: string; match: string; pid: number}) => [
				result.namespaceLabel,
				result.match,
				result.pid,
			]),
			[[ns2, 'socket', server.pid]],
		);
		// Without --sockets the snapshot has no sockets at all.
		assert.equal(JSON.parse(nstui(['snapshot', '--json']).stdout).namespaces[0].sockets, undefined);
	});
});
