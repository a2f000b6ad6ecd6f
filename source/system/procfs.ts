// Reading /proc and /etc: which process is in which network namespace, and the
// nsfs bind mounts that keep namespaces alive without a process.
import {readdirSync, readFileSync, readlinkSync} from 'node:fs';
import type {Process} from '../model/snapshot.js';
import {parseCmdline, parseNsfsMounts, parseNsLink, parsePasswd, parseStatusUid, type NsfsMount} from '../model/procfs.js';

/** What a scan learnt of a pid, kept between scans. */
export type KnownProcess = {
	/** null for a kernel thread. */
	process: Process | null;
	inode: number;
	/** When the pid was first seen and when its namespace was last read (ms). */
	firstSeen: number;
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
};

export type ProcScan = {
	/** Namespace inode -> the processes in it, by pid. */
	byNamespace: Map<number, Process[]>;
	/** Processes whose namespace could not be read (not root), for the note on stderr. */
	unreadable: number;
};

const readText = (path: string): string | null => {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return null;
	}
};

export function namespaceOfPid(pid: number | 'self'): number | null {
	try {
		return parseNsLink(readlinkSync(`/proc/${pid}/ns/net`));
	} catch {
		return null;
	}
}

/**
 * Scans /proc. Details (comm, cmdline, user) are read once per pid and kept in
 * `cache` between scans, so a repeated scan costs one readlink per process.
 */
export function scanProcesses(cache: ProcessCache = new Map(), options: ScanOptions = {}): ProcScan {
	const now = options.now ?? Date.now();
	const trustAfterMs = options.trustAfterMs ?? 0;
	const recheckAfterMs = options.recheckAfterMs ?? 0;
	// Read lazily: a warm scan with no new process needs no user names.
	let usersRead: Map<number, string> | undefined;
	const users = () => (usersRead ??= parsePasswd(readText('/etc/passwd') ?? ''));
	const byNamespace = new Map<number, Process[]>();
	const seen = new Set<number>();
	let unreadable = 0;
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		const pid = Number(entry);
		let known = cache.get(pid);
		const trusted =
			known !== undefined && trustAfterMs > 0 && now - known.firstSeen >= trustAfterMs && now - known.checkedAt < recheckAfterMs;
		if (!trusted) {
			let target: string;
			try {
				target = readlinkSync(`/proc/${pid}/ns/net`);
			} catch (error) {
				// ENOENT: gone since readdir. EACCES: another user's process, when not root.
				if ((error as NodeJS.ErrnoException).code === 'EACCES') unreadable++;
				continue;
			}
			const inode = parseNsLink(target);
			if (inode === null) continue;
			if (known === undefined) {
				known = {process: readProcess(pid, users), inode, firstSeen: now, checkedAt: now};
				cache.set(pid, known);
			} else {
				known.inode = inode;
				known.checkedAt = now;
			}
		}
		seen.add(pid);
		const {process, inode} = known!;
		if (process === null) continue;
		const list = byNamespace.get(inode);
		if (list) list.push(process);
		else byNamespace.set(inode, [process]);
	}
	for (const pid of cache.keys()) if (!seen.has(pid)) cache.delete(pid);
	return {byNamespace, unreadable};
}

/** Kernel threads (empty cmdline) are null: they are in the host's namespace and would only crowd it. */
function readProcess(pid: number, users: () => Map<number, string>): Process | null {
	const comm = readText(`/proc/${pid}/comm`);
	const cmdline = readText(`/proc/${pid}/cmdline`);
	if (comm === null || !cmdline) return null;
	const uid = parseStatusUid(readText(`/proc/${pid}/status`) ?? '');
	return {
		pid,
		comm: comm.replace(/\n$/, ''),
		cmdline: parseCmdline(cmdline),
		user: uid === null ? '?' : (users().get(uid) ?? String(uid)),
	};
}

export function readNsfsMounts(): NsfsMount[] {
	return parseNsfsMounts(readText('/proc/self/mountinfo') ?? '');
}

export const netnsDir = '/run/netns';

/** Names in /run/netns (what `ip netns list` shows). */
export function listNetnsNames(): string[] {
	try {
		return readdirSync(netnsDir).sort();
	} catch {
		return [];
	}
}
