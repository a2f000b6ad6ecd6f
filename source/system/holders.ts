// The ways a namespace is held besides a process's main thread and nstui's own
// mount table: threads that joined another namespace, open descriptors, and
// nsfs mounts in other mount namespaces. These scans read more of /proc than
// the process scan (every descriptor of every process), so the TUI runs them
// less often (see RefreshPlan.holdersMaxAgeMs).
import {readdirSync, readlinkSync, statSync} from 'node:fs';
import type {DescriptorHolder, MountHolder, ThreadHolder} from '../model/snapshot.js';
import {parseNsfsMounts, parseNsLink} from '../model/procfs.js';
import {descriptorInodes, readText, type ProcScan} from './procfs.js';
import {slicer, type Slicing} from './slicing.js';

export type Holders = {
	/** Namespace inode -> the threads in it whose process is elsewhere. */
	threads: Map<number, ThreadHolder[]>;
	/** Namespace inode -> the descriptors open on it. */
	descriptors: Map<number, DescriptorHolder[]>;
	/** Namespace inode -> its mounts in mount namespaces other than nstui's (copies of nstui's own left out). */
	mounts: Map<number, MountHolder[]>;
	/** How long each part took (ms), and how many other mount namespaces there were, for the bench. */
	took: {threads: number; descriptors: number; mounts: number};
	mountNamespaces: number;
};

export const noHolders = (): Holders => ({
	threads: new Map(),
	descriptors: new Map(),
	mounts: new Map(),
	took: {threads: 0, descriptors: 0, mounts: 0},
	mountNamespaces: 0,
});

function mountNamespaceOf(pid: number, task: number | null): number | null {
	try {
		return parseNsLink(
			readlinkSync(task === null ? `/proc/${pid}/ns/mnt` : `/proc/${pid}/task/${task}/ns/mnt`),
			'mnt',
		);
	} catch {
		return null;
	}
}

export type HolderScanOptions = {
	/** nstui's own pid (its descriptors are not holders) and mount namespace. */
	selfPid?: number;
	selfMnt: number | null;
	/** `${inode} ${path}` of every nsfs mount in nstui's own mount table. */
	ownMounts: Set<string>;
	slicing?: Slicing;
};

const add = <T>(map: Map<number, T[]>, key: number, value: T) => {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
};

export async function scanHolders(scan: ProcScan, options: HolderScanOptions): Promise<Holders> {
	const step = slicer(options.slicing);
	const selfPid = options.selfPid ?? process.pid;
	const holders = noHolders();
	const processes: Array<{pid: number; comm: string; inode: number}> = [];
	for (const [inode, list] of scan.byNamespace) {
		for (const {pid, comm, cmdline} of list)
			if (pid !== selfPid && !transient(cmdline)) processes.push({pid, comm, inode});
	}

	// One process per mount namespace other than nstui's: its table is read through it (two more in case it ends).
	let started = performance.now();
	const mountNamespaces = new Map<number, number[]>();
	for (let index = 0; index < processes.length; index++) {
		const {pid} = processes[index]!;
		const mnt = mountNamespaceOf(pid, scan.tasks.get(pid) ?? null);
		if (mnt !== null && mnt !== options.selfMnt) {
			const pids = mountNamespaces.get(mnt);
			if (!pids) mountNamespaces.set(mnt, [pid]);
			else if (pids.length < 3) pids.push(pid);
		}
		if (index % 64 === 63) await step();
	}
	holders.mountNamespaces = mountNamespaces.size;
	for (const [mnt, pids] of mountNamespaces) {
		for (const mount of foreignMounts(mnt, pids, options.ownMounts))
			add(holders.mounts, mount.inode, mount.holder);
		await step();
	}
	holders.took.mounts = performance.now() - started;

	started = performance.now();
	for (let index = 0; index < processes.length; index++) {
		const {pid, comm, inode} = processes[index]!;
		for (const thread of threadsElsewhere(pid, inode, scan.tasks.get(pid) ?? null))
			add(holders.threads, thread.inode, {pid, tid: thread.tid, comm});
		if (index % 64 === 63) await step();
	}
	holders.took.threads = performance.now() - started;

	started = performance.now();
	const nsfs = nsfsDevice();
	// What a descriptor opened through a bind mount reads as: the mount's path, or `/` once it is unmounted.
	const mountPaths = new Set([
		'/',
		...[...options.ownMounts].map(key => key.slice(key.indexOf(' ') + 1)),
	]);
	for (const list of holders.mounts.values()) for (const mount of list) mountPaths.add(mount.path);
	for (let index = 0; index < processes.length; index++) {
		const {pid, comm} = processes[index]!;
		for (const {fd, inode} of namespaceDescriptors(
			pid,
			scan.tasks.get(pid) ?? null,
			nsfs,
			mountPaths,
		))
			add(holders.descriptors, inode, {pid, fd, comm});
		if (index % 64 === 63) await step();
	}
	holders.took.descriptors = performance.now() - started;
	return holders;
}

/** nstui's readers (its own or another nstui's) hold a namespace only while they read it. */
const transient = (cmdline: string) =>
	cmdline === 'nstui namespace reader' || cmdline === 'nstui nsid reader';

/**
 * The threads of `pid` that are in a namespace other than its own. A stat of
 * /proc/PID/task tells the number of threads (its link count is that plus 2),
 * so single-threaded processes, most of them, cost one stat.
 */
function threadsElsewhere(
	pid: number,
	inode: number,
	task: number | null,
): Array<{tid: number; inode: number}> {
	try {
		if (statSync(`/proc/${pid}/task`).nlink <= 3) return [];
	} catch {
		return [];
	}
	const found: Array<{tid: number; inode: number}> = [];
	let tids: string[];
	try {
		tids = readdirSync(`/proc/${pid}/task`);
	} catch {
		return [];
	}
	for (const tid of tids) {
		if (tid === String(pid) || Number(tid) === task) continue;
		try {
			const other = parseNsLink(readlinkSync(`/proc/${pid}/task/${tid}/ns/net`));
			if (other !== null && other !== inode) found.push({tid: Number(tid), inode: other});
		} catch {}
	}
	return found;
}

/** The device of nsfs, the file system of namespace files. */
function nsfsDevice(): number | null {
	try {
		return (nsfsDev ??= statSync('/proc/self/ns/net').dev);
	} catch {
		return null;
	}
}
let nsfsDev: number | undefined;

/**
 * The descriptors of `pid` open on a network namespace (through `task` when its
 * main thread has exited). One opened through /proc/PID/ns/net reads as
 * `net:[INODE]`; one opened through a bind mount reads as the mount's path (or
 * `/` once unmounted), so those paths are looked at with a stat.
 */
function namespaceDescriptors(
	pid: number,
	task: number | null,
	nsfs: number | null,
	mountPaths: Set<string>,
): Array<{fd: number; inode: number}> {
	const dir = task === null ? `/proc/${pid}/fd` : `/proc/${pid}/task/${task}/fd`;
	return descriptorInodes(dir, (link, fdPath) => {
		const inode = parseNsLink(link);
		if (inode !== null || nsfs === null || !mountPaths.has(link)) return inode;
		const stat = statSync(fdPath);
		return stat.dev === nsfs && (stat.mode & 0o170000) === 0o100000 ? stat.ino : null;
	});
}

/**
 * The nsfs mounts of another mount namespace, read through one of its
 * processes; each is reached through /proc/PID/root. A mount that is also in
 * nstui's own table at the same path (what `ip netns exec` copies) is left out.
 */
function foreignMounts(
	mnt: number,
	pids: number[],
	ownMounts: Set<string>,
): Array<{inode: number; holder: MountHolder}> {
	for (const pid of pids) {
		const mountinfo = readText(`/proc/${pid}/mountinfo`);
		if (mountinfo === null) continue;
		const found: Array<{inode: number; holder: MountHolder}> = [];
		const seen = new Set<string>();
		for (const {inode, path} of parseNsfsMounts(mountinfo)) {
			const key = `${inode} ${path}`;
			if (ownMounts.has(key) || seen.has(key)) continue;
			seen.add(key);
			found.push({
				inode,
				holder: {
					path,
					mountNamespace: mnt,
					pid,
					covered: coveredAt(`/proc/${pid}/root${path}`, inode),
				},
			});
		}
		return found;
	}
	return [];
}

/**
 * Does `path`, where a mount of namespace `inode` is, lead elsewhere now (a
 * mount on top of it)? Only a stat that answers says so: one that fails (a
 * directory nstui may not enter, a mount gone since) leaves it uncovered.
 */
export function coveredAt(path: string, inode: number): boolean {
	try {
		const stat = statSync(path);
		return stat.ino !== inode || stat.dev !== nsfsDevice();
	} catch {
		return false;
	}
}
