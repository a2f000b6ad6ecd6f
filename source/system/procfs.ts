// Reading /proc and /etc: which process is in which network namespace, and the
// nsfs bind mounts that keep namespaces alive without a process.
import {closeSync, openSync, readdirSync, readlinkSync, readSync, statSync} from 'node:fs';
import {readdir} from 'node:fs/promises';
import {decodeBytes} from '../model/byte-text.js';
import type {Process} from '../model/snapshot.js';
import {
	parseCmdline,
	parseLoadavg,
	parseNsfsMounts,
	parseNsLink,
	parsePasswd,
	parseStat,
	type NsfsMount,
} from '../model/procfs.js';
import {runningChildren} from './run.js';
import {slicer, type Slicing} from './slicing.js';

/** What a scan learnt of a pid, kept between scans. */
export type KnownProcess = {
	/** null for a kernel thread. */
	process: Process | null;
	inode: number;
	/** Set when its main thread has exited: the task through which its namespace is reached. */
	task: number | null;
	/** When the pid was first seen and when its namespace was last read (ms). */
	firstSeen: number;
	/** false while only the namespace is known (a scan with details: false). */
	detailed: boolean;
	checkedAt: number;
};
export type ProcessCache = Map<number, KnownProcess>;

export type ScanOptions = {
	now?: number;
	/**
	 * A process that has lived this long and whose namespace was read within
	 * `recheckAfterMs` keeps its namespace without a readlink. Processes change
	 * namespace (setns) almost only right after they start (nsenter, ip netns
	 * exec), so young ones are always read. 0 (the default) reads every one.
	 */
	trustAfterMs?: number;
	recheckAfterMs?: number;
	/**
	 * false: read only each process's namespace, not its comm, command line and
	 * user (they show as "…" until a scan with details), so the first frame on a
	 * host with 10,000 processes does not wait for 30,000 file reads.
	 */
	details?: boolean;
};

export type ProcScan = {
	/** Namespace inode -> the processes in it, sorted by pid. */
	byNamespace: Map<number, Process[]>;
	/** PIDs of the processes whose namespace could not be read (not root), for the warnings. */
	unreadable: number[];
	/** pid -> the task (thread id) its namespace is reached through, for processes whose main thread has exited. */
	tasks: Map<number, number>;
};

// One buffer for every /proc file: readFileSync's fstat and fresh buffer per
// call cost more than the read itself when a scan reads 30,000 files. It grows
// to the largest file read (mountinfo with a thousand namespaces is ~200 KB,
// read every refresh) and keeps that size, up to a limit a huge command line
// would pass.
let buffer = Buffer.allocUnsafe(64 * 1024);
const keptBufferLimit = 1024 * 1024;

export function readText(path: string): string | null {
	let fd: number;
	try {
		fd = openSync(path, 'r');
	} catch {
		return null;
	}
	try {
		let into = buffer;
		let length = 0;
		for (;;) {
			if (length === into.length) {
				const bigger = Buffer.allocUnsafe(into.length * 2);
				into.copy(bigger, 0, 0, length);
				into = bigger;
			}
			const read = readSync(fd, into, length, into.length - length, null);
			if (read === 0) break;
			length += read;
		}
		if (into.length <= keptBufferLimit) buffer = into;
		return decodeBytes(into.subarray(0, length));
	} catch {
		return null;
	} finally {
		closeSync(fd);
	}
}

export function namespaceOfPid(pid: number | 'self', kind: 'net' | 'mnt' = 'net'): number | null {
	try {
		return parseNsLink(readlinkSync(`/proc/${pid}/ns/${kind}`), kind);
	} catch {
		return null;
	}
}

/**
 * A process whose main thread has exited while others run: its own ns links
 * cannot be read, a remaining thread's can. The first such thread, or null.
 */
function throughTask(pid: number): {task: number; inode: number} | null {
	let tasks: string[];
	try {
		tasks = readdirSync(`/proc/${pid}/task`);
	} catch {
		return null;
	}
	for (const task of tasks) {
		if (task === String(pid)) continue;
		try {
			const inode = parseNsLink(readlinkSync(`/proc/${pid}/task/${task}/ns/net`));
			if (inode !== null) return {task: Number(task), inode};
		} catch {}
	}
	return null;
}

/**
 * Scans /proc. Details (comm, cmdline, user) are read once per pid and kept in
 * `cache` between scans, so a repeated scan costs one readlink per process.
 */
export function scanProcesses(
	cache: ProcessCache = new Map(),
	options: ScanOptions = {},
): ProcScan {
	const scan = startScan(cache, options);
	for (const entry of scan.entries) scan.visit(entry);
	return scan.finish();
}

/**
 * The same scan in slices: the first detailed scan of 10,000 processes takes
 * ~0.75 s, and the TUI must answer key presses meanwhile. Callers must not run
 * two scans of one cache at once.
 */
export async function scanProcessesInSlices(
	cache: ProcessCache,
	options: ScanOptions,
	slicing: Slicing,
): Promise<ProcScan> {
	// Listing /proc with 10,000 processes alone takes tens of ms: off the main thread.
	const scan = startScan(cache, options, await readdir('/proc'));
	const step = slicer(slicing);
	for (let index = 0; index < scan.entries.length; index++) {
		scan.visit(scan.entries[index]!);
		// Reading the clock costs more than a warm visit: look every 64 processes.
		if (index % 64 === 63) await step();
	}
	return scan.finish();
}

function startScan(cache: ProcessCache, options: ScanOptions, entries = readdirSync('/proc')) {
	const now = options.now ?? Date.now();
	const trustAfterMs = options.trustAfterMs ?? 0;
	const recheckAfterMs = options.recheckAfterMs ?? 0;
	const details = options.details ?? true;
	// Read lazily: a warm scan with no new process needs no user names.
	let usersRead: Map<number, string> | undefined;
	const users = () => (usersRead ??= parsePasswd(readText('/etc/passwd') ?? ''));
	const byNamespace = new Map<number, Process[]>();
	const tasks = new Map<number, number>();
	const seen = new Set<number>();
	const unreadable: number[] = [];

	const visit = (entry: string) => {
		if (!/^\d+$/.test(entry)) return;
		const pid = Number(entry);
		let known = cache.get(pid);
		const trusted =
			known !== undefined &&
			trustAfterMs > 0 &&
			now - known.firstSeen >= trustAfterMs &&
			now - known.checkedAt < recheckAfterMs;
		if (!trusted) {
			let inode: number | null;
			let task: number | null = null;
			try {
				inode = parseNsLink(readlinkSync(`/proc/${pid}/ns/net`));
			} catch (error) {
				// EACCES: another user's process, when not root. ENOENT: gone since readdir, or its main thread has exited.
				if ((error as NodeJS.ErrnoException).code === 'EACCES') unreadable.push(pid);
				const through =
					(error as NodeJS.ErrnoException).code === 'ENOENT' ? throughTask(pid) : null;
				if (!through) return;
				({inode, task} = through);
			}
			if (inode === null) return;
			if (known === undefined) {
				known = details
					? {
							process: readProcess(pid, users, task),
							inode,
							task,
							firstSeen: now,
							checkedAt: now,
							detailed: true,
						}
					: {
							process: runningChildren.has(pid) ? null : {pid, comm: '…', cmdline: '…', user: '…'},
							inode,
							task,
							firstSeen: now,
							checkedAt: now,
							detailed: false,
						};
				cache.set(pid, known);
			} else {
				Object.assign(known, {inode, task, checkedAt: now});
			}
		}
		if (details && !known!.detailed) {
			known!.process = readProcess(pid, users, known!.task);
			known!.detailed = true;
		}
		seen.add(pid);
		const {process, inode, task} = known!;
		if (process === null) return;
		const list = byNamespace.get(inode);
		if (list) list.push(process);
		else byNamespace.set(inode, [process]);
		if (task !== null) tasks.set(pid, task);
	};

	const finish = (): ProcScan => {
		for (const pid of cache.keys()) if (!seen.has(pid)) cache.delete(pid);
		// /proc lists pids in order, but nothing promises it; sorted here once, not by each reader on each refresh.
		for (const list of byNamespace.values()) list.sort((a, b) => a.pid - b.pid);
		return {byNamespace, unreadable, tasks};
	};

	return {entries, visit, finish};
}

/**
 * The last scan brought up to date for these pids only (the kernel said they
 * started, exec'd or ended): each is read again, or dropped when it has gone.
 * Namespaces whose processes did not change keep their lists, and when none
 * did the last scan itself is handed back. Costs a readlink (and, for one
 * that lives, its comm, command line and owner) per pid, where a scan reads
 * every process on the host.
 */
export function recheckPids(
	cache: ProcessCache,
	previous: ProcScan,
	pids: Iterable<number>,
	now = Date.now(),
): ProcScan {
	let usersRead: Map<number, string> | undefined;
	const users = () => (usersRead ??= parsePasswd(readText('/etc/passwd') ?? ''));
	const touched = new Set<number>();
	let tasksChanged = false;
	for (const pid of pids) {
		const known = cache.get(pid);
		let inode: number | null = null;
		let task: number | null = null;
		try {
			inode = parseNsLink(readlinkSync(`/proc/${pid}/ns/net`));
		} catch (error) {
			const through = (error as NodeJS.ErrnoException).code === 'ENOENT' ? throughTask(pid) : null;
			if (through) ({inode, task} = through);
		}
		const process = inode === null ? null : readProcess(pid, users, task);
		if ((known?.task ?? null) !== task) tasksChanged = true;
		if (inode === null) {
			if (known?.process) touched.add(known.inode);
			cache.delete(pid);
			continue;
		}
		// Read again after an exec: the same program with the same command line keeps its object.
		if (known?.process && process && known.inode === inode && sameProcess(known.process, process)) {
			Object.assign(known, {task, checkedAt: now});
			continue;
		}
		if (known?.process) touched.add(known.inode);
		cache.set(pid, {
			process,
			inode,
			task,
			firstSeen: known?.firstSeen ?? now,
			checkedAt: now,
			detailed: true,
		});
		if (process) touched.add(inode);
	}
	if (touched.size === 0 && !tasksChanged) return previous;
	const byNamespace = new Map(previous.byNamespace);
	for (const inode of touched) byNamespace.delete(inode);
	const tasks = new Map<number, number>();
	for (const [pid, known] of cache) {
		if (known.process === null) continue;
		if (known.task !== null) tasks.set(pid, known.task);
		if (!touched.has(known.inode)) continue;
		const list = byNamespace.get(known.inode);
		if (list) list.push(known.process);
		else byNamespace.set(known.inode, [known.process]);
	}
	for (const inode of touched) byNamespace.get(inode)?.sort((a, b) => a.pid - b.pid);
	return {byNamespace, unreadable: previous.unreadable, tasks};
}

const sameProcess = (a: Process, b: Process) =>
	a.pid === b.pid && a.comm === b.comm && a.cmdline === b.cmdline && a.user === b.user;

/**
 * null for what would only crowd the list: kernel threads (empty cmdline),
 * which are all in the host's namespace, and the ip/nsenter/xargs that nstui
 * itself is running to read namespaces.
 */
function readProcess(
	pid: number,
	users: () => Map<number, string>,
	task: number | null = null,
): Process | null {
	if (runningChildren.has(pid)) return null;
	// stat gives comm and the parent in one read; the owner of /proc/PID is the real uid.
	const stat = parseStat(readText(`/proc/${pid}/stat`) ?? '');
	if (!stat || runningChildren.has(stat.ppid)) return null;
	// A main thread that has exited has no command line of its own; the process's other threads still do.
	const cmdline = readText(
		task === null ? `/proc/${pid}/cmdline` : `/proc/${pid}/task/${task}/cmdline`,
	);
	if (!cmdline) return null;
	let uid: number | null = null;
	try {
		uid = statSync(`/proc/${pid}`).uid;
	} catch {}
	const process = {
		pid,
		comm: stat.comm,
		cmdline: parseCmdline(cmdline),
		user: uid === null ? '?' : (users().get(uid) ?? String(uid)),
	};
	parentPids.set(process, stat.ppid);
	return process;
}

/** The parent of each process a scan read in detail (not part of the snapshot: owner lookup uses it). */
export const parentPids = new WeakMap<Process, number>();

/** A marker that changes when any task starts or ends on the host (see Discoverer). */
export function readTaskMarker(): {tasks: number; lastPid: number} | null {
	return parseLoadavg(readText('/proc/loadavg') ?? '');
}

export function readNsfsMounts(): NsfsMount[] {
	return parseNsfsMounts(readMountinfo());
}

export const readMountinfo = (): string => readText('/proc/self/mountinfo') ?? '';

export const netnsDir = '/run/netns';

/** Names in /run/netns (what `ip netns list` shows). */
export function listNetnsNames(): string[] {
	try {
		return readdirSync(netnsDir).sort();
	} catch {
		return [];
	}
}

/**
 * The descriptors in `dir` (a /proc/PID/fd) that `inodeOf` recognises, from
 * each one's link text; an fd closed meanwhile is skipped, a dir gone gives none.
 */
export function descriptorInodes(
	dir: string,
	inodeOf: (link: string, fdPath: string) => number | null,
): Array<{fd: number; inode: number}> {
	let fds: string[];
	try {
		fds = readdirSync(dir);
	} catch {
		return [];
	}
	const found: Array<{fd: number; inode: number}> = [];
	for (const fd of fds) {
		try {
			const inode = inodeOf(readlinkSync(`${dir}/${fd}`), `${dir}/${fd}`);
			if (inode !== null) found.push({fd: Number(fd), inode});
		} catch {}
	}
	return found;
}
