// The discovery engine: every network namespace on the host, each once, by
// inode, with its interfaces, routes, forwarding and processes. This file
// coordinates; each step is a module of its own:
//   mount-table.ts      the namespaces that have a mount, and /run/netns by inotify
//   process-scan.ts     which process is in which namespace (/proc), kept while quiet
//   holder-cache.ts     threads, descriptors, other mount namespaces (holders.ts)
//   reading-cache.ts    the last reading of each namespace, and which to read again
//   read-namespaces.ts  reading them (the kept readers, or one-off ones)
//   peer-proofs.ts      veth peers the kernel proves (nsid-query.ts)
//   namespace-builder.ts  the snapshot's Namespace objects, the same while unchanged
import {existsSync} from 'node:fs';
import {mtuMismatches, mtuMismatchText} from '../../model/mtu-mismatch.js';
import type {NamespaceTarget} from '../../model/namespace-target.js';
import {unreadableProcessesNote} from '../../model/procfs.js';
import type {Owner, Snapshot} from '../../model/snapshot.js';
import {heldElsewhere, onlyDescriptors, type Found} from '../held-namespaces.js';
import type {Holders} from '../holders.js';
import {OwnerFinder, type OwnerOptions} from '../owners/index.js';
import {namespaceOfPid, type ProcessCache, type ProcScan} from '../procfs.js';
import type {Readers} from '../readers/reader-pool.js';
import {slicer} from '../slicing.js';
import {HolderCache} from './holder-cache.js';
import {MissingToolError} from './missing-tool.js';
import {MountTable} from './mount-table.js';
import {NamespaceBuilder, type Kept, type Proven} from './namespace-builder.js';
import {PeerProver} from './peer-proofs.js';
import type {RefreshPlan} from './plan.js';
import {ProcessScanner, scanStart, type ProcessNews} from './process-scan.js';
import {readNamespaces} from './read-namespaces.js';
import {ReadingCache, unread} from './reading-cache.js';
import {entryPathOf, nsfsPathOf} from './ways-in.js';

export {MissingToolError} from './missing-tool.js';
export type {RefreshPlan} from './plan.js';
export {sameScan, type ProcessNews} from './process-scan.js';
export {compareNamespaces} from './namespace-builder.js';

export type DiscoverOptions = {
	/** Kept between calls so a refresh reads comm/cmdline only for new processes. */
	processCache?: ProcessCache;
	concurrency?: number;
	timeoutMs?: number;
	/** Readers kept running between refreshes (the TUI); without them each refresh starts its own. */
	readers?: Readers;
	/** The nice value of the readers a refresh starts (the TUI's are in the background); unset: nstui's own. */
	readerNice?: number;
	/** Called when /run/netns changes (inotify), so the TUI refreshes at once rather than at its next tick. */
	onNetnsChange?: () => void;
	/** How owners (containers, services) are looked up; false: not at all. */
	owners?: OwnerOptions | false;
	/** A read that timed out is tried again, twice, before it is reported (discover() sets it: one reading to give). */
	retryTimedOut?: boolean;
	/** What time it is (tests drive the backoff of timed-out reads with their own); unset: Date.now. */
	clock?: () => number;
};

export type Discovery = {
	snapshot: Snapshot;
	/** What could not be read and why (for stderr, or the status bar). */
	warnings: string[];
};

/** Reads every namespace once: what `nstui snapshot` and the other commands use. */
export async function discover(options: DiscoverOptions = {}): Promise<Discovery> {
	return new Discoverer({retryTimedOut: true, ...options}).refresh();
}

/**
 * Discovery that remembers. New namespaces, ones that failed, and the ones a
 * plan asks for are read on every refresh; the rest keep their last reading
 * until it is old, so a host with a thousand namespaces costs little per refresh.
 * A refresh that changed nothing returns the same snapshot, so the UI has
 * nothing to redraw.
 */
export class Discoverer {
	private readonly mountTable: MountTable;
	private readonly processes: ProcessScanner;
	private readonly holderCache = new HolderCache();
	private readonly readings = new ReadingCache();
	private readonly prover: PeerProver;
	private readonly builder = new NamespaceBuilder();
	private readonly owners: OwnerFinder | null;
	/** Each namespace of the last refresh that can be entered, and the nsfs path it is entered by (what the watcher subscribes to). */
	private entries = new Map<number, string>();
	/** The last result and what it was made from, handed back whole when nothing changed. */
	private last: {
		discovery: Discovery;
		mounted: Found[];
		scan: ProcScan;
		holders: Holders;
		errors: boolean;
		/** What its namespaces were made from, so a patch of their processes makes only the ones concerned again. */
		kept: Kept[];
		proven: Proven;
		rootInode: number | null;
	} | null = null;
	private lastSnapshot: Snapshot | null = null;
	/** The inodes of the last snapshot's namespaces. */
	private shown = new Set<number>();
	/** How many refreshes patched processes only, and how many read as a whole (tests and the bench count them). */
	readonly counts = {patched: 0, whole: 0};

	constructor(private readonly options: DiscoverOptions = {}) {
		this.mountTable = new MountTable(options.onNetnsChange);
		this.processes = new ProcessScanner(options.processCache);
		this.prover = new PeerProver({
			timeoutMs: options.timeoutMs,
			nice: options.readerNice,
			prover: options.readers?.nsids,
		});
		// NSTUI_OWNERS=0: no owner lookup at all (no cgroup reads, no engine sockets).
		const off =
			options.owners === false ||
			(options.owners === undefined && process.env['NSTUI_OWNERS'] === '0');
		this.owners = off ? null : new OwnerFinder(options.owners || {});
	}

	async refresh(plan: RefreshPlan = {}): Promise<Discovery> {
		const now = (this.options.clock ?? Date.now)();
		// A routine tick with no event waiting and no safety net due: nothing to read, nothing to compare.
		if (this.settled(plan, now)) return this.last!.discovery;
		const patched = await this.patchProcesses(plan, now);
		if (patched) return patched;
		this.counts.whole++;
		const warnings: string[] = [];
		const selfInode = namespaceOfPid('self');
		const selfMnt = namespaceOfPid('self', 'mnt');
		const rootInode = namespaceOfPid(1) ?? selfInode;
		let budget = plan.staleBudget ?? Number.POSITIVE_INFINITY;
		const readGroup = async (group: Found[], targets: NamespaceTarget[]) => {
			const chosen = this.readings.choose(group, plan, now, budget);
			budget -= chosen.stale;
			const indexes = group.flatMap((item, index) =>
				chosen.inodes.has(item.inode) || (item.inode === rootInode && plan.listOnly) ? [index] : [],
			);
			const fresh = await readNamespaces(
				indexes.map(index => group[index]!),
				indexes.map(index => targets[index]!),
				rootInode,
				this.options,
			);
			return indexes.map((index, i) => [group[index]!.inode, fresh[i]!] as const);
		};

		// Taken before nstui starts anything, so its own processes can be told apart (see ProcessScanner).
		const start = scanStart();
		// Namespaces with a mount (named ones, the host's) are read while /proc is scanned.
		const located = this.mountTable.locate(
			{rootInode, selfInode, selfMnt},
			plan.mountsMaxAgeMs,
			now,
			warnings,
		);
		// A namespace only covered mounts hold is entered some other way, if there is one (below).
		const visible = located.found.flatMap((item, index) => (item.hidden ? [] : [index]));
		const mounted = visible.map(index => located.found[index]!);
		const mountedTargets = visible.map(index => located.targets[index]!);
		const mountedRead = readGroup(mounted, mountedTargets);
		const scan = await this.processes.scan(plan, now, start);
		if (scan.unreadable.length > 0) warnings.push(unreadableProcessesNote(scan.unreadable));
		const holders = await this.holderCache.scan(scan, plan, now, selfMnt, located.keys);
		const {
			others,
			otherTargets,
			unreachable,
			mounted: withHolders,
		} = heldElsewhere(located.found, scan, holders);
		const fresh = (await Promise.all([mountedRead, readGroup(others, otherTargets)])).flat();
		const missing = fresh.find(([, reading]) => reading.missing)?.[1].missing;
		if (missing) throw new MissingToolError(missing);
		const step = slicer(plan.slicing);
		const changed = await this.readings.record(fresh, now, step);
		const {last} = this;
		if (
			last &&
			changed === 0 &&
			!last.errors &&
			!plan.listOnly &&
			last.mounted === located.found &&
			last.scan === scan &&
			last.holders === holders
		) {
			this.processes.noteQuiet();
			return last.discovery;
		}

		const kept = this.keep(
			[...mounted.map(item => withHolders.get(item.inode) ?? item), ...others],
			[...mountedTargets, ...otherTargets],
			unreachable,
			plan,
		);
		const reachable = kept.filter(({item}) => !unreachable.includes(item));
		this.entries = new Map(
			reachable.map(({item, target}) => [item.inode, entryPathOf(target)] as const),
		);
		const peers = await this.prover.resolve(reachable, selfInode, plan);
		const nsidFromRoot = this.prover.nsidsOfRoot(kept, rootInode);
		const owners = await this.lookUpOwners(kept, scan, rootInode, plan, warnings);
		const proven = {peers, nsidFromRoot, owners};
		const namespaces = await this.builder.build(kept, scan, proven, rootInode, step);
		// A namespace that could not be read matters more than the general notes gathered above.
		warnings.unshift(
			...namespaces
				.filter(ns => ns.error)
				.map(ns => `${ns.name ?? `net:[${ns.inode}]`}: ${ns.error}`),
		);
		warnings.push(...mtuMismatches(namespaces).map(mtuMismatchText));

		const unchanged =
			this.lastSnapshot !== null &&
			this.lastSnapshot.namespaces.length === namespaces.length &&
			this.lastSnapshot.namespaces.every((ns, index) => ns === namespaces[index]);
		if (!unchanged) {
			this.lastSnapshot = {version: 1, takenAt: new Date(now).toISOString(), namespaces};
			this.shown = new Set(namespaces.map(ns => ns.inode));
		}
		this.processes.noteQuiet();
		const discovery = {snapshot: this.lastSnapshot!, warnings};
		this.last = {
			discovery,
			mounted: located.found,
			scan,
			holders,
			errors: namespaces.some(ns => ns.error !== null || ns.pending),
			kept,
			proven,
			rootInode,
		};
		return discovery;
	}

	/**
	 * A refresh for which nothing is due but the processes the kernel named:
	 * they are read again (recheckPids), and only the namespaces whose list of
	 * processes changed are made again; nothing else is read, located or
	 * proven. null when it cannot be done so: something else is due, or a
	 * process is in a namespace not shown yet, or the way into a namespace
	 * held by processes went with one (the whole refresh handles those).
	 */
	private async patchProcesses(plan: RefreshPlan, now: number): Promise<Discovery | null> {
		const last = this.last;
		if (
			!last ||
			plan.listOnly ||
			!plan.keepProcesses ||
			!this.processes.waiting ||
			!this.holderCache.fresh(plan, now)
		)
			return null;
		for (const _ of plan.focus ?? []) return null;
		// Read again if it is due (inotify, its age); what changed there is for a whole refresh.
		const located = this.mountTable.locate(
			{
				rootInode: last.rootInode,
				selfInode: namespaceOfPid('self'),
				selfMnt: namespaceOfPid('self', 'mnt'),
			},
			plan.mountsMaxAgeMs,
			now,
			[],
		);
		if (located.found !== last.mounted) return null;
		const inodes = last.discovery.snapshot.namespaces.map(ns => ns.inode);
		if (!this.readings.allFresh(inodes, plan, now)) return null;
		const scan = await this.processes.scan(plan, now, scanStart());
		if (scan === last.scan) {
			this.counts.patched++;
			return last.discovery;
		}
		const touched = new Set<number>();
		for (const [inode, list] of scan.byNamespace)
			if (last.scan.byNamespace.get(inode) !== list) touched.add(inode);
		for (const inode of last.scan.byNamespace.keys())
			if (!scan.byNamespace.has(inode)) touched.add(inode);
		const mounted = new Set(last.mounted.flatMap(item => (item.hidden ? [] : [item.inode])));
		for (const inode of touched) {
			if (!this.shown.has(inode)) return null;
			if (mounted.has(inode)) continue;
			// Entered through its first process (heldElsewhere): that must still be the way in.
			const before = last.scan.byNamespace.get(inode)?.[0];
			const after = scan.byNamespace.get(inode)?.[0];
			if (!before || !after || before !== after) return null;
			if (last.scan.tasks.get(before.pid) !== scan.tasks.get(after.pid)) return null;
		}
		const warnings: string[] = [];
		const owners = await this.lookUpOwners(last.kept, scan, last.rootInode, plan, warnings);
		const proven = {...last.proven, owners};
		const remade = this.builder.remake(
			last.kept.filter(
				({item}) =>
					touched.has(item.inode) || owners.get(item.inode) !== last.proven.owners.get(item.inode),
			),
			scan,
			proven,
			last.rootInode,
		);
		const namespaces = last.discovery.snapshot.namespaces.map(ns => remade.get(ns.inode) ?? ns);
		const unchanged = namespaces.every(
			(ns, index) => ns === last.discovery.snapshot.namespaces[index],
		);
		const known = last.discovery.warnings;
		const discovery = {
			snapshot: unchanged
				? last.discovery.snapshot
				: {version: 1 as const, takenAt: new Date(now).toISOString(), namespaces},
			warnings: warnings.some(note => !known.includes(note))
				? [...known, ...warnings.filter(note => !known.includes(note))]
				: known,
		};
		this.lastSnapshot = discovery.snapshot;
		this.last = {...last, discovery, scan, proven};
		this.processes.noteQuiet();
		this.counts.patched++;
		return discovery;
	}

	/**
	 * Would a refresh with this plan find nothing to do: nothing focused, no
	 * process event waiting, and the mount table, the /proc scan, the holder
	 * scans and every reading young enough; the last result had no error.
	 */
	private settled(plan: RefreshPlan, now: number): boolean {
		const last = this.last;
		if (!last || last.errors || plan.listOnly) return false;
		for (const _ of plan.focus ?? []) return false;
		return (
			this.mountTable.fresh(plan.mountsMaxAgeMs, now) &&
			this.processes.fresh(plan, now) &&
			this.holderCache.fresh(plan, now) &&
			this.readings.allFresh(
				last.discovery.snapshot.namespaces.map(ns => ns.inode),
				plan,
				now,
			)
		);
	}

	/** inode -> the path each namespace of the last refresh is entered by; hidden ones are left out. */
	ways(): ReadonlyMap<number, string> {
		return this.entries;
	}

	/** Whether a reading of this namespace is kept (it has been read and is still there). */
	hasReading(inode: number): boolean {
		return this.readings.get(inode) !== undefined;
	}

	/** The mount table changed (the namespace watcher saw it): read it again at the next refresh. */
	mountsChanged() {
		this.mountTable.markChanged();
	}

	/**
	 * The kernel said these processes started or ended (the watcher's proc
	 * connector): a refresh that keeps the last /proc scan reads just them again.
	 * Whether that may change what the next refresh shows, and how soon.
	 */
	processesChanged(started: Iterable<number>, ended: Iterable<number>): ProcessNews {
		return this.processes.note(started, ended, inode => this.shown.has(inode));
	}

	/**
	 * The namespaces this refresh shows. One whose way in has gone while it was
	 * read no longer exists: dropped. One held only by covered mounts, with no
	 * other way in, is listed, and nothing made up about what is inside.
	 */
	private keep(
		list: Found[],
		targets: NamespaceTarget[],
		unreachable: Found[],
		plan: RefreshPlan,
	): Kept[] {
		const kept: Kept[] = [];
		list.forEach((item, index) => {
			const reading = this.readings.get(item.inode);
			const target = targets[index]!;
			if (!reading) {
				if (plan.listOnly) kept.push({item, reading: unread, target});
				return;
			}
			const way = target === 'current' ? null : nsfsPathOf(target);
			if (reading.error && way && !existsSync(way)) return;
			// A descriptor read through an unmounted path (`/`) may be another kind of namespace: setns says.
			if (
				onlyDescriptors(item) &&
				reading.error &&
				/^cannot enter .*: Invalid argument$/.test(reading.error)
			)
				return;
			kept.push({item, reading, target});
		});
		this.readings.keepOnly(new Set(kept.map(({item}) => item.inode)));
		for (const item of unreachable) {
			this.readings.delete(item.inode);
			const covered = item.mounts.map(mount => mount.path).join(', ');
			kept.push({
				item,
				reading: {
					...unread,
					error: `hidden under a mount: another mount covers ${covered}, and no process, thread or descriptor leads into it`,
				},
				target: 'current',
			});
		}
		return kept;
	}

	/**
	 * Owners (system/owners/): looked up only for namespaces that are new or whose
	 * processes changed, within a budget; not on a list-only refresh (the first frame).
	 */
	private async lookUpOwners(
		kept: Kept[],
		scan: ProcScan,
		rootInode: number | null,
		plan: RefreshPlan,
		warnings: string[],
	): Promise<Map<number, Owner | null>> {
		if (!this.owners || plan.listOnly) return new Map();
		const inputs = kept.map(({item}) => ({
			inode: item.inode,
			root: item.inode === rootInode,
			processes: scan.byNamespace.get(item.inode) ?? [],
			paths: item.paths,
		}));
		const {owners, notes} = await this.owners.lookup(inputs);
		warnings.push(...notes);
		return owners;
	}
}
