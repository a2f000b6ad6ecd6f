// Sockets read from real namespaces: a listener started inside one, a
// connection from a peer namespace, and a namespace no process is in.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, type ChildProcess} from 'node:child_process';
import {statSync} from 'node:fs';
import {setTimeout as sleep} from 'node:timers/promises';
import {localText, remoteText, type Socket} from '../../source/model/sockets.js';
import {readSockets, readSocketsOf, type SocketSource} from '../../source/system/sockets.js';
import {Lab, needsRootAnd, sh} from '../helpers/lab.js';

const port = 18765;

/** The inode of a namespace file (a bind mount in /run/netns, or /proc/PID/ns/net). */
const inodeOf = (path: string) => statSync(path).ino;

/** A namespace as discovery would describe it, from its name and the processes the test knows are in it. */
function source(name: string, pids: number[] = []): SocketSource {
	return {
		inode: inodeOf(`/run/netns/${name}`),
		name,
		root: false,
		paths: [`/run/netns/${name}`],
		processes: pids.map(pid => ({pid, comm: '?', cmdline: '', user: 'root'})),
	};
}

/** Starts argv inside `ns` (ip netns exec execs it in the same pid) and keeps it for teardown. */
function startIn(lab: Lab, ns: string, argv: string[]): ChildProcess {
	const child = spawn('ip', ['netns', 'exec', ns, ...argv], {stdio: ['ignore', 'pipe', 'inherit']});
	lab.processes.push(child);
	return child;
}

const waitForLine = (child: ChildProcess, text: string) =>
	new Promise<void>((resolve, reject) => {
		let seen = '';
		child.stdout!.on('data', chunk => {
			seen += String(chunk);
			if (seen.includes(text)) resolve();
		});
		child.once('exit', code =>
			reject(new Error(`exited with ${code} before printing ${text}: ${seen}`)),
		);
	});

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
	for (let tries = 0; tries < 100; tries++) {
		const found = await probe();
		if (found !== undefined) return found;
		await sleep(50);
	}
	throw new Error(`timed out waiting for ${what}`);
}

/** What ss says listens in a namespace (TCP and UDP, numeric): the independent check. */
const ssLocal = (ns: string, flags: string) =>
	sh('ip', 'netns', 'exec', ns, 'ss', '-H', '-n', flags)
		.split('\n')
		.filter(line => line.trim() !== '')
		.map(line => line.trim().split(/\s+/)[3]!)
		.sort();

describe('sockets of a namespace', {skip: needsRootAnd('python3', 'ss')}, () => {
	const lab = new Lab('sockets');
	let ns1: string;
	let ns2: string;
	let server: ChildProcess;
	let client: ChildProcess;
	before(async () => {
		({ns1, ns2} = lab.direct());
		server = startIn(lab, ns1, [
			'python3',
			'-m',
			'http.server',
			'--bind',
			'192.168.1.1',
			String(port),
		]);
		await until('the listener', async () =>
			ssLocal(ns1, '-tl').includes(`192.168.1.1:${port}`) ? true : undefined,
		);
		client = startIn(lab, ns2, [
			'python3',
			'-c',
			`import socket, time\ns = socket.create_connection(('192.168.1.1', ${port}))\nprint('connected', flush=True)\ntime.sleep(600)`,
		]);
		await waitForLine(client, 'connected');
	});
	after(() => lab.teardown());

	test('a listener started inside shows with its pid and port, first', async () => {
		const reading = await readSockets(source(ns1, [server.pid!]));
		assert.equal(reading.error, null);
		assert.equal(reading.via, 'reader');
		const listener = reading.sockets[0]!;
		assert.equal(listener.state, 'LISTEN');
		assert.equal(localText(listener), `192.168.1.1:${port}`);
		assert.deepEqual(
			listener.processes.map(owner => owner.pid),
			[server.pid],
		);
		// The same listeners as ss finds there.
		assert.deepEqual(
			reading.sockets
				.filter(socket => socket.protocol === 'tcp' && socket.listening)
				.map(localText)
				.sort(),
			ssLocal(ns1, '-tl'),
		);
	});

	test("the kernel's sock_diag answer (the reader) and /proc/PID/net/* (without perl) list the same sockets", async () => {
		const describe = (sockets: Socket[]) =>
			sockets.map(socket =>
				[
					socket.protocol,
					socket.state,
					localText(socket),
					remoteText(socket),
					socket.inode,
					socket.sendQueue,
					socket.recvQueue,
					socket.processes.map(owner => owner.pid),
				].join(' '),
			);
		for (const [ns, pid] of [
			[ns1, server.pid!],
			[ns2, client.pid!],
		] as const) {
			const [entered, throughProc] = [
				await readSockets(source(ns, [pid])),
				await readSockets(source(ns, [pid]), {enter: false}),
			];
			assert.equal(throughProc.via, 'process');
			assert.ok(entered.sockets.length >= 1);
			assert.deepEqual(describe(entered.sockets), describe(throughProc.sockets));
		}
		const none = await readSockets(source(ns1), {enter: false});
		assert.match(none.error ?? '', /no way into this namespace/);
	});

	test('a connection from the peer namespace shows as established on both ends', async () => {
		const there = await readSockets(source(ns2, [client.pid!]));
		const out = there.sockets.find(socket => remoteText(socket) === `192.168.1.1:${port}`);
		assert.equal(out?.state, 'ESTAB');
		assert.deepEqual(
			out?.processes.map(owner => [owner.pid, owner.user]),
			[[client.pid, 'root']],
		);
		const here = await readSockets(source(ns1, [server.pid!]));
		const into = here.sockets.find(
			(socket: Socket) => localText(socket) === `192.168.1.1:${port}` && socket.state === 'ESTAB',
		);
		assert.equal(into?.remoteAddress, '192.168.1.2');
		assert.equal(into?.remotePort, out?.localPort);
	});

	test('a namespace no process is in is read from inside, its sockets held from elsewhere found with ownersEverywhere', async () => {
		const empty = lab.ns('empty');
		// Binds a UDP and a TCP socket in `empty`, then moves itself to ns2: nothing is in `empty` but its sockets.
		const holder = startIn(lab, empty, [
			'python3',
			'-c',
			[
				'import ctypes, os, socket, time',
				'libc = ctypes.CDLL(None, use_errno=True)',
				"t = socket.socket(); t.bind(('127.0.0.1', 4242)); t.listen()",
				"u = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); u.bind(('::1', 5353))",
				`fd = os.open('/run/netns/${ns2}', os.O_RDONLY)`,
				"assert libc.setns(fd, 0x40000000) == 0, 'setns'",
				"print('moved', flush=True)",
				'time.sleep(600)',
			].join('\n'),
		]);
		await waitForLine(holder, 'moved');
		assert.equal(inodeOf(`/proc/${holder.pid}/ns/net`), inodeOf(`/run/netns/${ns2}`));
		const [alone, everywhere] = [
			await readSockets(source(empty)),
			await readSockets(source(empty), {ownersEverywhere: true}),
		];
		assert.equal(alone.error, null);
		assert.equal(alone.via, 'reader');
		assert.deepEqual(
			alone.sockets.map(socket => `${socket.protocol} ${socket.state} ${localText(socket)}`),
			['tcp LISTEN 127.0.0.1:4242', 'udp UNCONN [::1]:5353'],
		);
		assert.deepEqual(
			alone.sockets.map(socket => socket.processes.length),
			[0, 0],
		);
		assert.deepEqual(
			everywhere.sockets.map(socket => socket.processes.map(owner => owner.pid)),
			[[holder.pid], [holder.pid]],
		);
	});

	test('many namespaces in one call, unix sockets on request, and a way in that is gone', async () => {
		const gone: SocketSource = {
			...source(ns2),
			inode: 1,
			paths: [],
			name: `${lab.prefix}-never-made`,
		};
		const readings = await readSocketsOf([source(ns1), source(ns2), gone], {unix: true});
		assert.equal(readings[0]!.via, 'reader');
		assert.ok(readings[0]!.sockets.some(socket => socket.listening && socket.localPort === port));
		assert.ok(
			readings[1]!.sockets.some(socket => socket.state === 'ESTAB' && socket.remotePort === port),
		);
		assert.match(readings[2]!.error ?? '', /cannot open .*never-made/);
		// python's http.server holds no unix socket; the host's own namespace has some (systemd, dbus...) only on some machines:
		// what is checked is that asking for them reads the table without breaking the others.
		assert.ok(
			readings[0]!.sockets.every(socket => socket.protocol !== 'unix' || socket.family === null),
		);
	});
});
