import {needsPrograms} from '../helpers/ci-packages.js';
import {after, afterEach, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {
	accessSync,
	chmodSync,
	constants,
	mkdtempSync,
	readdirSync,
	rmSync,
	statSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import {cmdlineOf, niceOf, parentOf, processesWhoseCmdline} from '../helpers/processes.js';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {readNamespacesAt, readWithPerl} from '../../source/system/readers/namespace-reader.js';
import {PersistentReader} from '../../source/system/readers/persistent-reader.js';
import {createReaders, ReaderPool} from '../../source/system/readers/reader-pool.js';
import {readerCommand} from '../../source/system/readers/reader-program.js';
import {readWithNsenter, type NamespaceReading} from '../../source/system/ip-query.js';
import {run, runningChildren} from '../../source/system/run.js';
import {scratchPath} from '../../source/system/scratch.js';
import {needsRoot} from '../helpers/root.js';
import {ip, ipJson, Lab, sh} from '../helpers/lab.js';

// ---- helpers ---------------------------------------------------------------

const realPath = process.env.PATH ?? '';

/** The absolute path of `program` on the PATH this test started with. */
function which(program: string): string {
	for (const dir of realPath.split(':')) {
		const candidate = path.join(dir || '.', program);
		try {
			accessSync(candidate, constants.X_OK);
			return candidate;
		} catch {}
	}
	throw new Error(`${program} is not on PATH`);
}

/** A directory for a PATH of our own; removed in afterEach. */
const tempDirs: string[] = [];
function tempDir(): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'nstui-reader-test-'));
	tempDirs.push(dir);
	return dir;
}

/**
 * A stand-in `ip` (first on PATH) that hangs, as a perl sleeping with `marker`
 * in its command line, inside the namespaces whose inodes are given (every
 * namespace when none are), and otherwise execs the real ip.
 */
function hangingIp(marker: string, inodes: number[] = []): string {
	const dir = tempDir();
	const hang = `exec ${which('perl')} -e 'sleep 30' ${marker}`;
	const test = inodes.map(inode => `[ "$here" = "net:[${inode}]" ]`).join(' || ');
	const body =
		inodes.length === 0
			? hang
			: `here=$(readlink /proc/self/ns/net)\nif ${test}; then ${hang}; fi\nexec ${which('ip')} "$@"`;
	writeFileSync(path.join(dir, 'ip'), `#!/bin/sh\n${body}\n`);
	chmodSync(path.join(dir, 'ip'), 0o755);
	return `${dir}:${realPath}`;
}

/** Waits (briefly) until `condition` holds; false if it never did. */
async function eventually(condition: () => boolean, ms = 3000): Promise<boolean> {
	for (const end = Date.now() + ms; Date.now() < end; await sleep(20)) if (condition()) return true;
	return condition();
}

const netnsPath = (name: string) => `/run/netns/${name}`;

/** The fields that matter when two readings of the same namespace are compared. */
const meaningful = (reading: NamespaceReading) => ({
	links: reading.links.map(link => ({
		name: link.name,
		ifindex: link.ifindex,
		addresses: link.addresses,
	})),
	routes: routeLines(reading),
	forwarding: reading.forwarding,
	error: reading.error,
});

const routeLines = (reading: NamespaceReading) =>
	reading.routes
		.map(
			route =>
				`${route.family} ${route.table} ${route.dst} via ${route.gateway ?? '-'} dev ${route.dev ?? '-'}`,
		)
		.sort();

type IpAddr = {
	ifname: string;
	ifindex: number;
	addr_info: Array<{family: string; local: string; prefixlen: number}>;
};
type IpRoute = {dst: string; gateway?: string; dev?: string; table?: string};

/** What `ip -j -n NAME addr` shows, in the reading's shape. */
const linksFromIp = (name: string) =>
	ipJson<IpAddr[]>('-n', name, 'addr').map(link => ({
		name: link.ifname,
		ifindex: link.ifindex,
		addresses: link.addr_info
			.filter(info => info.family === 'inet' || info.family === 'inet6')
			.map(({family, local, prefixlen}) => ({family, address: local, prefixlen})),
	}));

/** What `ip -j -n NAME route show table all` (both families) shows, as routeLines does. */
const routesFromIp = (name: string) =>
	(['inet', 'inet6'] as const)
		.flatMap(family =>
			ipJson<IpRoute[]>(
				'-n',
				name,
				family === 'inet' ? '-4' : '-6',
				'route',
				'show',
				'table',
				'all',
			)
				.filter(route => (route.table ?? 'main') !== 'local')
				.map(
					route =>
						`${family} ${route.table ?? 'main'} ${route.dst} via ${route.gateway ?? '-'} dev ${route.dev ?? '-'}`,
				),
		)
		.sort();

const names = (reading: NamespaceReading) => reading.links.map(link => link.name);

// ---- the lab ---------------------------------------------------------------

/**
 * Three namespaces: ns1 <-veth-> ns2 (192.168.1.0/24), ns1 <-veth-> ns3
 * (10.9.0.0/24 and 2001:db8:9::/64), ns3 routes by default through ns1, which forwards.
 */
describe(
	'namespace readers on real namespaces',
	{skip: needsRoot || needsPrograms('sysctl')},
	() => {
		const lab = new Lab('reader');
		let ns1 = '';
		let ns2 = '';
		let ns3 = '';
		let paths: string[] = [];
		const readers: PersistentReader[] = [];
		const reader = (options?: ConstructorParameters<typeof PersistentReader>[0]) => {
			const made = new PersistentReader(options);
			readers.push(made);
			return made;
		};

		before(async () => {
			({ns1, ns2} = lab.direct());
			ns3 = lab.ns('ns3');
			ip('-n', ns1, 'link', 'add', 'veth2', 'type', 'veth', 'peer', 'name', 'veth3', 'netns', ns3);
			ip('-n', ns1, 'addr', 'add', '10.9.0.1/24', 'dev', 'veth2');
			ip('-n', ns3, 'addr', 'add', '10.9.0.2/24', 'dev', 'veth3');
			ip('-n', ns3, 'addr', 'add', '2001:db8:9::2/64', 'dev', 'veth3', 'nodad');
			ip('-n', ns1, 'link', 'set', 'veth2', 'up');
			ip('-n', ns3, 'link', 'set', 'veth3', 'up');
			ip('-n', ns3, 'route', 'add', 'default', 'via', '10.9.0.1');
			sh('ip', 'netns', 'exec', ns1, 'sysctl', '-qw', 'net.ipv4.ip_forward=1');
			paths = [ns1, ns2, ns3].map(netnsPath);
			// The kernel adds IPv6 link-local addresses once the carrier is up, a little later:
			// wait for them so that every reading below sees the same addresses.
			const settled = () =>
				[ns1, ns2, ns3].every(name =>
					ipJson<IpAddr[]>('-n', name, 'addr')
						.filter(link => link.ifname.startsWith('veth'))
						.every(link => link.addr_info.some(info => info.local.startsWith('fe80:'))),
				);
			assert.ok(await eventually(settled, 5000), 'veth links got their link-local addresses');
		});

		afterEach(() => {
			process.env.PATH = realPath;
			for (const dir of tempDirs.splice(0)) rmSync(dir, {recursive: true, force: true});
		});

		after(async () => {
			process.env.PATH = realPath;
			for (const made of readers) made.close();
			await lab.teardown();
		});

		describe('readNamespacesAt', () => {
			test('reads each path, in order, as ip -j -n NAME shows it', async () => {
				const readings = await readNamespacesAt([ns3, ns1, ns2].map(netnsPath), 5000);
				assert.equal(readings.length, 3);
				for (const [index, name] of [ns3, ns1, ns2].entries()) {
					const reading = readings[index]!;
					assert.equal(reading.error, null, name);
					assert.equal(reading.missing, null, name);
					assert.deepEqual(meaningful(reading).links, linksFromIp(name), name);
					assert.deepEqual(routeLines(reading), routesFromIp(name), name);
				}
				assert.deepEqual(names(readings[0]!), ['lo', 'veth3']);
				assert.deepEqual(names(readings[1]!), ['lo', 'veth0', 'veth2']);
				assert.deepEqual(names(readings[2]!), ['lo', 'veth1']);
				assert.ok(routeLines(readings[0]!).includes('inet main default via 10.9.0.1 dev veth3'));
				assert.ok(
					readings[0]!.links[1]!.addresses.some(
						address =>
							address.family === 'inet6' &&
							address.address === '2001:db8:9::2' &&
							address.prefixlen === 64,
					),
				);
				assert.deepEqual(
					readings.map(reading => reading.forwarding.ipv4),
					[false, true, false],
				);
			});

			test('reads the same as readWithNsenter', async () => {
				const [perl, nsenter] = await Promise.all([
					readNamespacesAt(paths, 5000),
					readWithNsenter(paths, 5000),
				]);
				assert.equal(nsenter.length, 3);
				assert.deepEqual(perl.map(meaningful), nsenter.map(meaningful));
				assert.deepEqual(perl.map(names), [
					['lo', 'veth0', 'veth2'],
					['lo', 'veth1'],
					['lo', 'veth3'],
				]);
			});

			test('readWithPerl reads too (perl is here), and an empty list reads nothing', async () => {
				const readings = await readWithPerl([netnsPath(ns2)], 5000);
				assert.ok(readings);
				assert.deepEqual(readings.map(names), [['lo', 'veth1']]);
				assert.deepEqual(await readNamespacesAt([]), []);
			});

			test('a path that does not exist gets an error naming it; the paths around it are read', async () => {
				const missing = `/run/netns/${lab.prefix}-gone`;
				const readings = await readNamespacesAt([netnsPath(ns1), missing, netnsPath(ns2)], 5000);
				assert.equal(readings.length, 3);
				assert.deepEqual(names(readings[0]!), ['lo', 'veth0', 'veth2']);
				assert.equal(readings[0]!.error, null);
				assert.ok(
					readings[1]!.error?.includes(missing),
					`error mentions the path: ${readings[1]!.error}`,
				);
				assert.deepEqual(readings[1]!.links, []);
				assert.equal(readings[1]!.missing, null);
				assert.deepEqual(names(readings[2]!), ['lo', 'veth1']);
				assert.equal(readings[2]!.error, null);
			});

			// The hanging namespace comes last here; the test after this one puts it first.
			test('an ip that hangs in one namespace times out there alone, and is not left running', async () => {
				const marker = `${lab.prefix}-hang-one`;
				process.env.PATH = hangingIp(marker, [statSync(netnsPath(ns3)).ino]);
				const readings = await readNamespacesAt(paths, 1000);
				assert.deepEqual(
					readings.map(reading => reading.error),
					[null, null, 'ip timed out'],
				);
				assert.deepEqual(names(readings[0]!), ['lo', 'veth0', 'veth2']);
				assert.deepEqual(names(readings[1]!), ['lo', 'veth1']);
				assert.deepEqual(readings[2]!.links, []);
				assert.deepEqual(processesWhoseCmdline(marker), [], 'no stand-in ip is left running');
			});

			// Each namespace gets ceil(timeoutMs / 1000) s inside the reader, so the
			// whole read must allow at least that for a hanging one plus the rest.
			test('the namespaces after a hanging one are still read, whatever timeoutMs is', async () => {
				const marker = `${lab.prefix}-hang-first`;
				process.env.PATH = hangingIp(marker, [statSync(netnsPath(ns1)).ino]);
				const readings = await readNamespacesAt(paths, 1500);
				assert.deepEqual(
					readings.map(reading => reading.error),
					['ip timed out', null, null],
				);
				assert.deepEqual(names(readings[1]!), ['lo', 'veth1']);
				assert.deepEqual(names(readings[2]!), ['lo', 'veth3']);
				assert.deepEqual(processesWhoseCmdline(marker), [], 'no stand-in ip is left running');
			});

			test('ip missing (perl is there): every reading says so', async () => {
				const dir = tempDir();
				symlinkSync(which('perl'), path.join(dir, 'perl'));
				process.env.PATH = dir;
				const readings = await readNamespacesAt([netnsPath(ns1), netnsPath(ns2)], 5000);
				assert.deepEqual(
					readings.map(reading => reading.missing),
					['ip', 'ip'],
				);
				assert.ok(readings.every(reading => reading.error !== null && reading.links.length === 0));
			});
		});

		describe('PersistentReader', () => {
			/** PIDs that `action` added to runningChildren and that are still there. */
			const newChildren = async (action: () => Promise<unknown>) => {
				const before = new Set(runningChildren);
				await action();
				return [...runningChildren].filter(pid => !before.has(pid));
			};

			test('two reads issued at once are answered in order, each with its own namespaces', async () => {
				const kept = reader();
				const order: string[] = [];
				const first = kept
					.read([netnsPath(ns1), netnsPath(ns2)])
					.then(readings => (order.push('first'), readings));
				const second = kept
					.read([netnsPath(ns3), netnsPath(ns1)])
					.then(readings => (order.push('second'), readings));
				const [a, b] = await Promise.all([first, second]);
				assert.deepEqual(order, ['first', 'second']);
				assert.deepEqual(a.map(names), [
					['lo', 'veth0', 'veth2'],
					['lo', 'veth1'],
				]);
				assert.deepEqual(b.map(names), [
					['lo', 'veth3'],
					['lo', 'veth0', 'veth2'],
				]);
				assert.ok([...a, ...b].every(reading => reading.error === null));
				assert.deepEqual(
					a.map(meaningful),
					(await readWithNsenter([netnsPath(ns1), netnsPath(ns2)])).map(meaningful),
				);
				assert.deepEqual(await kept.read([]), []);
				kept.close();
			});

			test('its process is in runningChildren while alive; a read after close() starts a new one', async () => {
				const kept = reader();
				const started = await newChildren(() => kept.read([netnsPath(ns2)]));
				assert.equal(started.length, 1, 'one reader process was started and is still running');
				const pid = started[0]!;
				assert.equal(
					cmdlineOf(pid),
					'nstui namespace reader\0',
					'the reader names itself in its command line',
				);
				const again = await newChildren(() => kept.read([netnsPath(ns3)]));
				assert.deepEqual(again, [], 'a second read uses the same reader');
				assert.ok(runningChildren.has(pid));

				kept.close();
				assert.ok(
					await eventually(() => !runningChildren.has(pid)),
					'closed: the reader left runningChildren',
				);
				assert.ok(
					await eventually(() => cmdlineOf(pid) === ''),
					'closed: the reader process is gone',
				);

				let readings: NamespaceReading[] = [];
				const restarted = await newChildren(
					async () => (readings = await kept.read([netnsPath(ns1), netnsPath(ns3)])),
				);
				assert.equal(restarted.length, 1);
				assert.notEqual(restarted[0], pid);
				assert.deepEqual(readings.map(names), [
					['lo', 'veth0', 'veth2'],
					['lo', 'veth3'],
				]);
				assert.ok(readings.every(reading => reading.error === null));
				kept.close();
			});

			test('after an overall timeout, pending reads get errors and the next read works again', async () => {
				const marker = `${lab.prefix}-hang-all`;
				const kept = reader({timeoutMs: 300});
				process.env.PATH = hangingIp(marker);
				let timedOut: NamespaceReading[] = [];
				// Each namespace's own alarm allows for two that hang; the third outlasts the whole read.
				const started = await newChildren(
					async () =>
						(timedOut = await kept.read([netnsPath(ns1), netnsPath(ns2), netnsPath(ns3)])),
				);
				assert.deepEqual(
					timedOut.map(reading => reading.error),
					['ip timed out', 'ip timed out', 'ip timed out'],
				);
				assert.ok(
					await eventually(() => started.every(pid => !runningChildren.has(pid))),
					'the stopped reader left runningChildren',
				);
				assert.ok(
					await eventually(() => processesWhoseCmdline(marker).length === 0),
					'no stand-in ip is left running',
				);

				process.env.PATH = realPath;
				const readings = await kept.read([netnsPath(ns3)]);
				assert.equal(readings[0]!.error, null);
				assert.deepEqual(readings.map(names), [['lo', 'veth3']]);
				kept.close();
			});

			test("createReaders: the host's reader also lists nsids, the other does not", async () => {
				const readers = createReaders({timeoutMs: 5000});
				try {
					const [withNsids, without] = await Promise.all([
						readers.host.read([netnsPath(ns1)]),
						readers.namespaces.read([netnsPath(ns1)]),
					]);
					const expected = ipJson<Array<{nsid: number; name?: string}>>(
						'-n',
						ns1,
						'netns',
						'list-id',
					).map(entry => ({nsid: entry.nsid, name: entry.name ?? null}));
					assert.equal(expected.length, 2, 'ns1 has given nsids to ns2 and ns3');
					assert.deepEqual(withNsids[0]!.nsids, expected);
					assert.deepEqual(withNsids[0]!.nsids.map(entry => entry.name).sort(), [ns2, ns3].sort());
					assert.equal(withNsids[0]!.error, null);
					assert.deepEqual(without[0]!.nsids, []);
					assert.deepEqual(meaningful(withNsids[0]!), meaningful(without[0]!));
				} finally {
					readers.host.close();
					readers.namespaces.close();
				}
			});
		});

		test('ReaderPool: a big read is shared by its readers, in order; a routine one goes to the first alone', async () => {
			// Readers of earlier tests may still be on their way out: count the new ones.
			const before = new Set(processesWhoseCmdline(/^nstui namespace reader/));
			const newReaders = () =>
				processesWhoseCmdline(/^nstui namespace reader/).filter(
					pid => !before.has(pid) && parentOf(pid) === process.pid,
				).length;
			const routine = new ReaderPool(2, {timeoutMs: 5000});
			const big = new ReaderPool(2, {timeoutMs: 5000});
			try {
				assert.deepEqual((await routine.read(paths)).map(names), [
					['lo', 'veth0', 'veth2'],
					['lo', 'veth1'],
					['lo', 'veth3'],
				]);
				assert.equal(newReaders(), 1, 'three paths: one reader');
				// More paths than a routine refresh reads: the pool splits them.
				const many = Array.from({length: 70}, (_, index) => paths[index % 3]!);
				const readings = await big.read(many);
				assert.equal(newReaders(), 3, 'seventy paths: both readers of the second pool');
				assert.equal(readings.length, 70);
				const expected = (await readWithNsenter(paths, 5000)).map(meaningful);
				readings.forEach((reading, index) =>
					assert.deepEqual(
						meaningful(reading),
						expected[index % 3],
						`reading ${index} is of its own path`,
					),
				);
			} finally {
				routine.close();
				big.close();
			}
		});

		test('a held reader answers only once it is released', async () => {
			const kept = reader({timeoutMs: 5000});
			kept.warm();
			kept.hold();
			let answered = false;
			const pending = kept.read(paths).then(readings => {
				answered = true;
				return readings;
			});
			await sleep(500);
			assert.equal(answered, false, 'nothing is taken from a held reader');
			kept.release();
			assert.deepEqual((await pending).map(names), [
				['lo', 'veth0', 'veth2'],
				['lo', 'veth1'],
				['lo', 'veth3'],
			]);
		});

		test('readers run at the nice value they are given, and so does the ip they run', async () => {
			const marker = `nice-${process.pid}`;
			process.env.PATH = hangingIp(marker);
			const kept = reader({timeoutMs: 5000, nice: 7});
			const pending = kept.read([netnsPath(ns1)]);
			assert.ok(
				await eventually(() => processesWhoseCmdline(marker).length === 1),
				'the stand-in ip hangs',
			);
			const [hanging] = processesWhoseCmdline(marker);
			assert.equal(niceOf(hanging!), 7, 'the ip under a kept reader');
			const keptProcess = processesWhoseCmdline(/^nstui namespace reader/).find(
				pid => parentOf(pid) === process.pid && niceOf(pid) === 7,
			);
			assert.ok(keptProcess, 'the kept reader itself');
			kept.close();
			await pending;

			const oneShot = readNamespacesAt([netnsPath(ns1)], 5000, 5);
			assert.ok(
				await eventually(() => processesWhoseCmdline(marker).length === 1),
				'the stand-in ip hangs again',
			);
			assert.equal(niceOf(processesWhoseCmdline(marker)[0]!), 5, 'the ip under a one-shot reader');
			const killed = processesWhoseCmdline(marker);
			for (const pid of killed) process.kill(Number(pid), 'SIGKILL');
			await oneShot;
		});

		// Whether perl is there is known for the PATH it was looked for on: once PATH
		// is put back (after each test), perl is looked for again.
		describe('when perl is missing', () => {
			/** A PATH with ip, nsenter and xargs, but no perl. */
			const pathWithoutPerl = () => {
				const dir = tempDir();
				for (const program of ['ip', 'nsenter', 'xargs'])
					symlinkSync(which(program), path.join(dir, program));
				return dir;
			};

			test(
				'readNamespacesAt falls back to nsenter and reads the same',
				{timeout: 15_000},
				async () => {
					const expected = (await readWithNsenter(paths, 5000)).map(meaningful);
					process.env.PATH = pathWithoutPerl();
					const readings = await readNamespacesAt(paths, 5000);
					assert.equal(readerCommand(5000), null, 'later reads go straight to nsenter');
					// perl's failed start also ends in a 'close' event: let it happen inside this test.
					await sleep(50);
					assert.deepEqual(readings.map(meaningful), expected);
					assert.deepEqual(readings.map(names), [
						['lo', 'veth0', 'veth2'],
						['lo', 'veth1'],
						['lo', 'veth3'],
					]);
				},
			);

			test('PersistentReader falls back to nsenter and reads the same', async () => {
				const expected = (await readWithNsenter(paths, 5000)).map(meaningful);
				const kept = new PersistentReader();
				readers.push(kept);
				process.env.PATH = pathWithoutPerl();
				const [first, second] = await Promise.all([kept.read(paths), kept.read([netnsPath(ns2)])]);
				assert.equal(readerCommand(5000), null, 'later reads go straight to nsenter');
				assert.deepEqual(first.map(meaningful), expected);
				assert.deepEqual(second.map(names), [['lo', 'veth1']]);
				const again = await kept.read([netnsPath(ns3)]);
				assert.deepEqual(again.map(names), [['lo', 'veth3']]);
				assert.equal(again[0]!.error, null);
				kept.close();
			});
		});
	},
);

describe('run() with stdoutToFile', () => {
	const perl = (code: string) => ['-e', code];

	test('returns all of a large output, and removes its file', async () => {
		const scratchDir = path.dirname(scratchPath('probe'));
		const outputFiles = () => readdirSync(scratchDir).filter(name => name.endsWith('-output'));
		const earlier = outputFiles();
		const result = await run('perl', perl('print "x" x 1_000_000; print STDERR "done"'), {
			stdoutToFile: true,
			timeoutMs: 10_000,
		});
		assert.equal(result.ok, true);
		assert.equal(result.stdout.length, 1_000_000);
		assert.match(result.stdout, /^x+$/);
		assert.equal(result.stderr, 'done');
		assert.deepEqual(outputFiles(), earlier, 'its output file is gone');
	});

	test('keeps what was written before a timeout', async () => {
		const result = await run('perl', perl('$| = 1; print "partial"; sleep 30'), {
			stdoutToFile: true,
			timeoutMs: 300,
		});
		assert.equal(result.timedOut, true);
		assert.equal(result.ok, false);
		assert.equal(result.stdout, 'partial');
	});

	// node emits 'close' after 'error' for a program that could not start: the
	// output file must be read and closed once only (else EBADF or ENOENT, uncaught).
	for (const input of [undefined, 'some input']) {
		test(`a missing program: missing, and empty stdout (input: ${JSON.stringify(input)})`, async () => {
			const result = await run('/nonexistent/nstui-no-such-program', [], {
				stdoutToFile: true,
				input,
			});
			assert.equal(result.missing, true);
			assert.equal(result.stdout, '');
			await sleep(50);
		});
	}
});
