// The sockets of a namespace and the processes that hold them.
// Tables: the socket reader (system/sockets-program.ts), one perl for any number of
// namespaces, enters each and asks the kernel with sock_diag as ss does
// (bench/sockets.ts: faster than reading /proc/PID/net/tcp, which walks the
// whole host's hash table, and than one ss each); without perl, or where it
// cannot enter, /proc/PID/net/* of a process (or thread) in the namespace,
// which shows that namespace's sockets without entering it. Owners: the socket inodes matched with the
// /proc/PID/fd links of the processes in the namespace (or, asked for, of
// every process: a socket may be held from another namespace).
import {readdirSync, statSync} from 'node:fs';
import {namespaceTargetOf, nsfsPathOf, type NamespaceWays} from '../model/namespace-target.js';
import {parsePasswd} from '../model/procfs.js';
import {
	inetTables,
	parseInetTable,
	parseSocketLink,
	parseSocketsOutput,
	parseUnixTable,
	sortSockets,
	type Socket,
	type SocketProcess,
	type SocketTable,
} from '../model/sockets.js';
import {perlAvailable, setnsSyscall} from './perl.js';
import {socketsProgram} from './sockets-program.js';
import {readProcNet} from './proc-net.js';
import {descriptorInodes, namespaceOfPid, readText} from './procfs.js';
import {defaultTimeoutMs, run} from './run.js';

/** What a namespace's sockets are read from: the parts of a snapshot's namespace that lead into it. */
export type SocketSource = NamespaceWays;

export type SocketReading = {
	inode: number;
	sockets: Socket[];
	/** Why nothing could be read; null when it was. */
	error: string | null;
	/** How the tables were read: a process's /proc/PID/net, nstui's own, or by entering the namespace. */
	via: 'process' | 'self' | 'reader' | null;
};

export type SocketOptions = {
	/** Also the unix sockets (behind a toggle in the TUI). */
	unix?: boolean;
	/**
	 * Look for the holders of sockets no process in the namespace holds among
	 * every process on the host (one scan of every descriptor: ~0.1–0.6 s on a
	 * host with 10,000 processes). Off: only the namespace's own processes.
	 */
	ownersEverywhere?: boolean;
	timeoutMs?: number;
	/** false: only through /proc/PID/net of a process in the namespace (what happens without perl). */
	enter?: boolean;
};

const tablesFor = (unix: boolean): SocketTable[] =>
	unix ? [...inetTables, 'unix'] : [...inetTables];

/** The sockets of one namespace. */
export async function readSockets(
	ns: SocketSource,
	options: SocketOptions = {},
): Promise<SocketReading> {
	return (await readSocketsOf([ns], options))[0]!;
}

/**
 * The sockets of many namespaces: those a process is in from /proc, the rest
 * by one socket reader for all of them; owners in one pass over the descriptors.
 */
export async function readSocketsOf(
	namespaces: readonly SocketSource[],
	options: SocketOptions = {},
): Promise<SocketReading[]> {
	const tables = tablesFor(options.unix ?? false);
	const self = namespaceOfPid('self');
	const readings: SocketReading[] = namespaces.map(ns => ({
		inode: ns.inode,
		sockets: [],
		error: null,
		via: null,
	}));
	const entering: Array<{index: number; path: string}> = [];
	namespaces.forEach((ns, index) => {
		const path = options.enter === false ? null : nsfsPath(ns, self);
		if (path) entering.push({index, path});
	});
	if (entering.length > 0) {
		const answers = await readByEntering(
			entering.map(entry => entry.path),
			tables,
			options.timeoutMs,
		);
		entering.forEach(({index}, position) => {
			const reading = readings[index]!;
			const answer = answers[position];
			if (!answer || 'error' in answer)
				reading.error = answer?.error ?? 'the socket reader stopped before this namespace';
			else if (answer.inode !== reading.inode)
				reading.error = 'the way into this namespace leads elsewhere now';
			else Object.assign(reading, {sockets: parseTables(answer.tables, tables), via: 'reader'});
		});
	}
	// Without perl, or where it could not enter (not root): through a process that is in the namespace.
	namespaces.forEach((ns, index) => {
		const reading = readings[index]!;
		if (reading.via !== null) return;
		const direct = readThroughProc(ns, tables, self);
		if (direct) Object.assign(reading, {sockets: direct.sockets, error: null, via: direct.via});
		else
			reading.error ??= 'no way into this namespace (no process, name or mount that leads to it)';
	});
	addOwners(namespaces, readings, options.ownersEverywhere ?? false);
	for (const reading of readings) reading.sockets = sortSockets(reading.sockets);
	return readings;
}

function parseTables(texts: readonly string[], tables: readonly SocketTable[]): Socket[] {
	return tables.flatMap((table, index) =>
		table === 'unix'
			? parseUnixTable(texts[index] ?? '')
			: parseInetTable(texts[index] ?? '', table, littleEndian),
	);
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The tables through /proc/PID/net of a process (or thread) in the namespace; null when none is. */
function readThroughProc(
	ns: SocketSource,
	tables: readonly SocketTable[],
	self: number | null,
): {sockets: Socket[]; via: 'process' | 'self'} | null {
	const reading = readProcNet(ns, tables, self);
	return (
		reading && {
			sockets: parseTables(
				reading.texts.map(text => text ?? ''),
				tables,
			),
			via: reading.via,
		}
	);
}

/** The nsfs file the socket reader opens. */
function nsfsPath(ns: SocketSource, self: number | null): string | null {
	const target = namespaceTargetOf(ns, self);
	return target === null ? null : nsfsPathOf(target);
}

async function readByEntering(
	paths: string[],
	tables: readonly SocketTable[],
	timeoutMs = defaultTimeoutMs,
) {
	if (!perlAvailable())
		return paths.map(() => ({
			error: 'perl is needed to read the sockets of a namespace no process is in',
		}));
	const result = await run(
		'perl',
		['-e', socketsProgram, String(setnsSyscall[process.arch]), ...tables],
		{
			input: `${paths.join('\0')}\0`,
			timeoutMs: timeoutMs + paths.length * 5,
		},
	);
	const answers = parseSocketsOutput(result.stdout, tables.length);
	const reason = result.timedOut
		? 'the socket reader did not finish in time'
		: result.stderr.trim() || `the socket reader exited with ${result.exitCode}`;
	return paths.map((_, index) => answers[index] ?? {error: reason});
}

/**
 * Fills in each socket's processes: the descriptors of the namespace's own
 * processes (and threads' and descriptors' holders), then, with `everywhere`,
 * those of every process for sockets still without one.
 */
function addOwners(
	namespaces: readonly SocketSource[],
	readings: SocketReading[],
	everywhere: boolean,
) {
	const byInode = new Map<number, Socket>();
	for (const reading of readings)
		for (const socket of reading.sockets) if (socket.inode !== 0) byInode.set(socket.inode, socket);
	if (byInode.size === 0) return;
	const known = new Map<number, {comm: string; user: string}>();
	const pids = new Set<number>();
	for (const ns of namespaces) {
		for (const process of ns.processes) {
			pids.add(process.pid);
			known.set(process.pid, {comm: process.comm, user: process.user});
		}
		for (const holder of [...(ns.threads ?? []), ...(ns.descriptors ?? [])]) pids.add(holder.pid);
	}
	const users = lazyUsers();
	const scanned = new Set<number>();
	const scan = (pid: number) => {
		scanned.add(pid);
		for (const {fd, inode} of socketDescriptors(pid)) {
			const socket = byInode.get(inode);
			if (!socket) continue;
			const info = known.get(pid) ?? describe(pid, users);
			if (!socket.processes.some(owner => owner.pid === pid))
				socket.processes.push({pid, fd, ...info} satisfies SocketProcess);
		}
	};
	for (const pid of pids) scan(pid);
	if (!everywhere || [...byInode.values()].every(socket => socket.processes.length > 0)) return;
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry) || scanned.has(Number(entry))) continue;
		scan(Number(entry));
	}
}

/** The socket descriptors of a process: fd number and socket inode. */
export function socketDescriptors(pid: number): Array<{fd: number; inode: number}> {
	return descriptorInodes(`/proc/${pid}/fd`, parseSocketLink);
}

function lazyUsers() {
	let users: Map<number, string> | undefined;
	return () => (users ??= parsePasswd(readText('/etc/passwd') ?? ''));
}

/** comm and user of a process outside the namespace's own list. */
function describe(pid: number, users: () => Map<number, string>): {comm: string; user: string} {
	const comm = (readText(`/proc/${pid}/comm`) ?? '?').replace(/\n$/, '');
	let user = '?';
	try {
		const uid = statSync(`/proc/${pid}`).uid;
		user = users().get(uid) ?? String(uid);
	} catch {}
	return {comm, user};
}
