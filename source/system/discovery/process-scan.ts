// Which process is in which namespace: a /proc scan, or the last one kept when
// nothing says processes came or went. /proc/loadavg tells in one read whether
// any task started or ended on the host (the last pid handed out and the number
// of tasks); the processes nstui itself ran are told apart by counting them
// (run.ts's startedCount). Where the kernel says which processes started and
// ended (the watcher's proc connector), only those are read again.
import {
	namespaceOfPid,
	readTaskMarker,
	recheckPids,
	scanProcesses,
	scanProcessesInSlices,
	type ProcessCache,
	type ProcScan,
} from '../procfs.js';
import {runningChildren, startedCount} from '../run.js';
import type {RefreshPlan} from './plan.js';

type TaskMarker = {tasks: number; lastPid: number};

/**
 * What process events ask of the next refresh: nothing (each started process
 * has gone already, none that ended was shown), a refresh soon (processes
 * came or went in namespaces that are shown: batched), or one now (a process
 * is in a namespace not shown yet, such as one `unshare -n` made).
 */
export type ProcessNews = 'none' | 'soon' | 'now';
/** Taken before a refresh starts anything. */
export type ScanStart = {tasks: TaskMarker | null; started: number};

export const scanStart = (): ScanStart => ({
	tasks: readTaskMarker(),
	started: startedCount.processes,
});

export class ProcessScanner {
	private last: {
		scan: ProcScan;
		at: number;
		before: TaskMarker | null;
		startedBefore: number;
		/** Set when nothing but nstui's own processes ran between the scan and the end of its refresh. */
		after: TaskMarker | null;
	} | null = null;
	/** Pids the kernel said started or ended since the last scan: read again at the next refresh that keeps the scan. */
	private pending = new Set<number>();

	/** Kept between calls so a refresh reads comm/cmdline only for new processes. */
	constructor(private readonly cache: ProcessCache = new Map()) {}

	/**
	 * Scans /proc, or keeps the last scan when no task has started or ended on
	 * the host since (other than the ones nstui itself ran). Even then it scans
	 * again after recheckProcessesAfterMs.
	 */
	async scan(plan: RefreshPlan, now: number, start: ScanStart): Promise<ProcScan> {
		const marker = start.tasks;
		const quiet = this.last;
		if (
			plan.keepProcesses &&
			quiet &&
			!plan.listOnly &&
			now - quiet.at < (plan.recheckProcessesAfterMs ?? Number.POSITIVE_INFINITY)
		) {
			if (this.pending.size === 0) return quiet.scan;
			const pids = this.pending;
			this.pending = new Set();
			const scan = recheckPids(this.cache, quiet.scan, pids, now);
			// The loadavg shortcut below no longer holds for it: a scan next time events are not there.
			if (scan !== quiet.scan)
				this.last = {scan, at: quiet.at, before: null, startedBefore: 0, after: null};
			return scan;
		}
		// A whole scan sees whatever the kernel said until now.
		this.pending = new Set();
		if (
			plan.trustProcessesAfterMs &&
			quiet?.after &&
			marker &&
			marker.lastPid === quiet.after.lastPid &&
			marker.tasks === quiet.after.tasks &&
			now - quiet.at < (plan.recheckProcessesAfterMs ?? 0)
		) {
			// Still true at the end of this refresh if, again, only nstui's own processes ran.
			Object.assign(quiet, {before: marker, startedBefore: start.started, after: null});
			return quiet.scan;
		}
		const options = {
			now,
			trustAfterMs: plan.trustProcessesAfterMs,
			recheckAfterMs: plan.recheckProcessesAfterMs,
			details: !plan.listOnly,
		};
		const fresh = plan.slicing
			? await scanProcessesInSlices(this.cache, options, plan.slicing)
			: scanProcesses(this.cache, options);
		// Processes came and went elsewhere (a busy host always has some) but none here moved: the last scan
		// stands, so a refresh that read nothing new can hand back the last result whole.
		const scan = quiet && sameScan(quiet.scan, fresh) ? quiet.scan : fresh;
		this.last = {scan, at: now, before: marker, startedBefore: start.started, after: null};
		return scan;
	}

	/** Would scan() keep the last scan as it is: it is kept, young enough, and no pid is waiting. */
	fresh(plan: RefreshPlan, now: number): boolean {
		return (
			this.last !== null &&
			plan.keepProcesses === true &&
			this.pending.size === 0 &&
			now - this.last.at < (plan.recheckProcessesAfterMs ?? Number.POSITIVE_INFINITY)
		);
	}

	/**
	 * The kernel said these processes started (or exec'd) or ended. Each
	 * started one is looked at at once (one readlink): most of a busy host's
	 * are gone already, and those change nothing; one in a namespace that
	 * `shown` does not know makes a new namespace to show at once.
	 */
	note(
		started: Iterable<number>,
		ended: Iterable<number>,
		shown: (inode: number) => boolean,
	): ProcessNews {
		let news: ProcessNews = 'none';
		for (const pid of started) {
			if (runningChildren.has(pid)) continue;
			const inode = namespaceOfPid(pid);
			if (inode === null && !this.cache.has(pid)) continue;
			this.pending.add(pid);
			news = inode !== null && !shown(inode) ? 'now' : news === 'now' ? 'now' : 'soon';
		}
		for (const pid of ended) {
			if (!this.cache.has(pid)) continue;
			this.pending.add(pid);
			if (news === 'none') news = 'soon';
		}
		return news;
	}

	/** Pids are waiting to be read again (a refresh that keeps the scan reads them). */
	get waiting(): boolean {
		return this.pending.size > 0;
	}

	/** After a refresh: if only nstui's own processes came and went since the scan, the scan still holds. */
	noteQuiet() {
		const last = this.last;
		if (!last || last.after || !last.before) return;
		const marker = readTaskMarker();
		const ours = startedCount.processes - last.startedBefore;
		if (
			marker &&
			marker.lastPid === last.before.lastPid + ours &&
			marker.tasks === last.before.tasks
		)
			last.after = marker;
	}
}

const sameList = <T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean) =>
	a.length === b.length && a.every((x, index) => same(x, b[index]!));

/** The same processes in the same namespaces (the cache keeps one object per pid), in the same order. */
export function sameScan(a: ProcScan, b: ProcScan): boolean {
	if (
		!sameList(a.unreadable, b.unreadable, (x, y) => x === y) ||
		a.byNamespace.size !== b.byNamespace.size
	)
		return false;
	if (
		a.tasks.size !== b.tasks.size ||
		[...b.tasks].some(([pid, task]) => a.tasks.get(pid) !== task)
	)
		return false;
	for (const [inode, list] of b.byNamespace) {
		const other = a.byNamespace.get(inode);
		if (!other || !sameList(other, list, (x, y) => x === y)) return false;
	}
	return true;
}
