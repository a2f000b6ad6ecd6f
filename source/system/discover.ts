// The discovery engine: every network namespace on the host, each once, by inode,
// with its interfaces, routes, forwarding and processes.
import {createHash} from 'node:crypto';
import {existsSync, watch, type FSWatcher} from 'node:fs';
import type {Namespace, Owner, Peer, Process, Snapshot} from '../model/snapshot.js';
import {endpointKey, resolveVethPeers, type NsidAnswers} from '../model/veth-peers.js';
import {listNetnsNames, namespaceOfPid, netnsDir, readMountinfo, readTaskMarker, scanProcesses, scanProcessesInSlices, type ProcessCache, type ProcScan} from './procfs.js';
import {slicer, type Slicing} from './slicing.js';
import {readNamespace, type NamespaceReading} from './ip-query.js';
import {perlReaderAvailable, readNamespacesAt, type Readers} from './namespace-reader.js';
import {namespaceTargetOf, type NamespaceTarget} from '../model/namespace-target.js';
import type {NsidEntry} from '../model/ip-json.js';
import {parseNsfsMounts, unreadableProcessesNote, type NsfsMount} from '../model/procfs.js';
import {mapLimit, startedCount} from './run.js';
import {noHolders, scanHolders, type Holders} from './holders.js';
import {heldElsewhere, locateMountedNamespaces, onlyDescriptors, type Found} from './held-namespaces.js';
import {askNsids} from './nsid-query.js';
import {debianPackageOf} from './programs.js';
import {OwnerFinder, type OwnerOptions} from './owners/index.js';

export class MissingToolError extends Error {
	constructor(readonly tool: string) {
		const pkg = debianPackageOf[tool] ?? tool;
		super(`nstui needs \`${tool}\`, which is not installed: install the Debian package ${pkg} (apt-get install ${pkg})`);
	}
}

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
};

export type Discovery = {
	snapshot: Snapshot;
	/** What could not be read and why (for stderr, or the status bar). */
	warnings: string[];
};

type TaskMarker = {tasks: number; lastPid: number};
type Kept = {item: Found; reading: NamespaceReading; target: NamespaceTarget};

/** What a namespace listed but not read yet carries (see RefreshPlan.listOnly). */
const unread: NamespaceReading = {links: [], routes: [], forwarding: {ipv4: false, ipv6: false}, nsids: [], error: null, missing: null};

/** Reads every namespace once: what `nstui snapshot` and the other commands use. */
export async function discover(options: DiscoverOptions = {}): Promise<Discovery> {
	return new Discoverer(options).refresh();
}

/** Which namespaces a refresh reads again; the others keep their last reading. */
export type RefreshPlan = {
	/** Read again whatever their age (the selected namespace, one an action changed). */
	focus?: Iterable<number>;
	/** Readings older than this are read again; 0 (the default): every one. */
	maxAgeMs?: number;
	/** Namespaces whose changes the namespace watcher reports: their readings are read again only after watchedMaxAgeMs (a safety net). */
	watched?: ReadonlySet<number>;
	watchedMaxAgeMs?: number;
	/** At most this many old readings per refresh, oldest first. */
	staleBudget?: number;
	/** Read only the focused namespaces and the host's; list the others unread (`pending`) and processes without details, to show something at once. */
	listOnly?: boolean;
	/**
	 * The mount table (~200 KB with a thousand namespaces) is read again after
	 * this long, or on the next refresh after /run/netns changed (inotify); unset:
	 * on every refresh.
	 */
	mountsMaxAgeMs?: number;
	/**
	 * Threads, open descriptors and the mount tables of other mount namespaces
	 * (scanHolders: every descriptor of every process) are scanned again after
	 * this long; unset: on every refresh. A list-only refresh does not scan them.
	 */
	holdersMaxAgeMs?: number;
	/** Keep the last /proc scan (the TUI: namespaces changed, and nothing says processes did). */
	keepProcesses?: boolean;
	/** Scan options for /proc (see scanProcesses). */
	trustProcessesAfterMs?: number;
	recheckProcessesAfterMs?: number;
	/** The /proc scan and the work on what was read in slices, with pauses between (the TUI); unset: in one go. */
	slicing?: Slicing;
};

/**
 * Discovery that remembers. New namespaces, ones that failed, and the ones a
 * plan asks for are read on every refresh; the rest keep their last reading
 * until it is old, so a host with a thousand namespaces costs little per refresh.
 * A namespace whose data did not change keeps the same object, and a refresh
 * that changed nothing returns the same snapshot, so the UI has nothing to redraw.
 */
export class Discoverer {
	private readonly processCache: ProcessCache;
	/** Digests are made only when there is something to compare with (never in a one-off snapshot). */
	private readonly readings = new Map<number, {reading: NamespaceReading; readAt: number; digest: string | null}>();
	private mounted: {
		mountinfo: string;
		names: string[];
		rootInode: number | null;
		selfInode: number | null;
		found: Found[];
		targets: NamespaceTarget[];
		/** `${inode} ${path}` of every nsfs mount in nstui's own table. */
		keys: Set<string>;
		warnings: string[];
		readAt: number;
	} | null = null;
	private holders: {holders: Holders; at: number; key: string} | null = null;
	/** The nsids the kernel said each namespace gives others, kept while that namespace's reading stays the same. */
	private readonly nsidAnswers = new Map<number, {reading: NamespaceReading; answers: Map<number, number>}>();
	/** Watches /run/netns for names added and removed; null while it cannot (no such directory yet). */
	private netnsWatcher: FSWatcher | null = null;
	private netnsChanged = true;
	/** Each namespace of the last refresh that can be entered, and the nsfs path it is entered by (what the watcher subscribes to). */
	private entries = new Map<number, string>();
	/** The last result and what it was made from, handed back whole when nothing changed. */
	private last: {discovery: Discovery; mounted: Found[]; scan: ProcScan; holders: Holders; errors: boolean} | null = null;
	private readonly previous = new Map<number, {inputs: StableInputs; digest: string | null; ns: Namespace}>();
	private lastSnapshot: Snapshot | null = null;
	private lastScan: {
		scan: ProcScan;
		at: number;
		before: TaskMarker | null;
		startedBefore: number;
		/** Set when nothing but nstui's own processes ran between the scan and the end of its refresh. */
		after: TaskMarker | null;
	} | null = null;

	private readonly owners: OwnerFinder | null;

	constructor(private readonly options: DiscoverOptions = {}) {
		this.processCache = options.processCache ?? new Map();
		// NSTUI_OWNERS=0: no owner lookup at all (no cgroup reads, no engine sockets).
		const off = options.owners === false || (options.owners === undefined && process.env['NSTUI_OWNERS'] === '0');
		this.owners = off ? null : new OwnerFinder(options.owners || {});
	}

	async refresh(plan: RefreshPlan = {}): Promise<Discovery> {
		const {options} = this;
		const now = Date.now();
		const warnings: string[] = [];
		const selfInode = namespaceOfPid('self');
		const selfMnt = namespaceOfPid('self', 'mnt');
		const rootInode = namespaceOfPid(1) ?? selfInode;
		let budget = plan.staleBudget ?? Number.POSITIVE_INFINITY;
		const readGroup = (group: Found[], targets: NamespaceTarget[]) => {
			const chosen = this.choose(group, plan, now, budget);
			budget -= chosen.stale;
			const indexes = group.flatMap((item, index) => (chosen.inodes.has(item.inode) || (item.inode === rootInode && plan.listOnly) ? [index] : []));
			return readAll(indexes.map(index => group[index]!), indexes.map(index => targets[index]!), rootInode, options).then(fresh =>
				indexes.map((index, i) => [group[index]!.inode, fresh[i]!] as const),
			);
		};

		// Taken before nstui starts anything, so its own processes can be told apart (see scan()).
		const marker = {tasks: readTaskMarker(), started: startedCount.processes};
		// Namespaces with a mount (named ones, the host's) are read while /proc is scanned.
		const located = this.locateMounted(rootInode, selfInode, selfMnt, plan, now, warnings);
		// A namespace only covered mounts hold is entered some other way, if there is one (below).
		const visible = located.found.flatMap((item, index) => (item.hidden ? [] : [index]));
		const mounted = visible.map(index => located.found[index]!);
		const mountedTargets = visible.map(index => located.targets[index]!);
		const mountedRead = readGroup(mounted, mountedTargets);
		const scan = await this.scan(plan, now, marker);
		if (scan.unreadable.length > 0) warnings.push(unreadableProcessesNote(scan.unreadable));
		const holders = await this.scanHolders(scan, plan, now, selfMnt, located.keys);
		const {others, otherTargets, unreachable, mounted: withHolders} = heldElsewhere(located.found, scan, holders);
		const fresh = (await Promise.all([mountedRead, readGroup(others, otherTargets)])).flat();
		const missing = fresh.find(([, reading]) => reading.missing)?.[1].missing;
		if (missing) throw new MissingToolError(missing);
		// A reading the same as the last keeps its object, so nothing made from it is made again.
		const step = slicer(plan.slicing);
		let changed = 0;
		for (const [inode, read] of fresh) {
			await step();
			// The reader says which namespace it opened: a path of a process that has moved or gone may lead elsewhere.
			const reading = read.opened === undefined || read.opened === inode ? read : {...unread, error: `its way in led to another namespace (net:[${read.opened}]) while it was read`};
			const known = this.readings.get(inode);
			if (known?.reading === reading) {
				known.readAt = now;
				continue;
			}
			const digest = known ? digestOf(reading) : null;
			if (known && (known.digest ??= digestOf(known.reading)) === digest) known.readAt = now;
			else {
				changed++;
				this.readings.set(inode, {reading, readAt: now, digest});
			}
		}
		const {last} = this;
		if (last && changed === 0 && !last.errors && !plan.listOnly && last.mounted === located.found && last.scan === scan && last.holders === holders) {
			this.noteQuiet();
			return last.discovery;
		}
		const list = [...mounted.map(item => withHolders.get(item.inode) ?? item), ...others];
		const targets = [...mountedTargets, ...otherTargets];

		// A namespace whose way in has gone while it was read no longer exists: drop it.
		const kept: Kept[] = [];
		list.forEach((item, index) => {
			const known = this.readings.get(item.inode);
			const target = targets[index]!;
			if (!known) {
				if (plan.listOnly) kept.push({item, reading: unread, target});
				return;
			}
			const way = target === 'current' ? null : nsfsPathOf(target);
			if (known.reading.error && way && !existsSync(way)) return;
			// A descriptor read through an unmounted path (`/`) may be another kind of namespace: setns says.
			if (onlyDescriptors(item) && known.reading.error && /^cannot enter .*: Invalid argument$/.test(known.reading.error)) return;
			kept.push({item, reading: known.reading, target});
		});
		const keptInodes = new Set(kept.map(({item}) => item.inode));
		for (const inode of this.readings.keys()) if (!keptInodes.has(inode)) this.readings.delete(inode);
		// Held only by covered mounts, with no other way in: listed, and nothing made up about what is inside.
		for (const item of unreachable) {
			this.readings.delete(item.inode);
			const covered = item.mounts.map(mount => mount.path).join(', ');
			kept.push({item, reading: {...unread, error: `hidden under a mount: another mount covers ${covered}, and no process, thread or descriptor leads into it`}, target: 'current'});
			keptInodes.add(item.inode);
		}

		this.entries = new Map(
			kept.flatMap(({item, target}) => (unreachable.includes(item) ? [] : [[item.inode, target === 'current' ? `/proc/${process.pid}/ns/net` : nsfsPathOf(target)] as const])),
		);
		const peers = await this.resolvePeers(kept.filter(({item}) => !unreachable.includes(item)), selfInode, plan);
		const nsidFromRoot = this.nsidsOfRoot(kept, rootInode);

		const owners = await this.lookUpOwners(kept, scan, rootInode, plan, warnings);

		const namespaces: Namespace[] = [];
		for (const {item, reading} of kept) {
			await step();
			const processes = (scan.byNamespace.get(item.inode) ?? []).sort((a, b) => a.pid - b.pid);
			const owner = owners.get(item.inode) ?? null;
			const linkPeers = reading.links.map(link => peers.get(endpointKey(item.inode, link.ifindex)) ?? null);
			const inputs = {reading, processes, nsid: nsidFromRoot.get(item.inode) ?? null, peers: linkPeers, item, owner};
			const ns = this.stable(item.inode, inputs, () => ({
				inode: item.inode,
				name: item.name,
				paths: item.paths,
				root: item.inode === rootInode,
				nsid: inputs.nsid,
				forwarding: reading.forwarding,
				processes,
				interfaces: reading.links.map(({linkIndex, linkNetnsid, ...link}, index) => {
					const peer = linkPeers[index]!;
					return link.kind === 'veth' && !peer ? {...link, peer, peerUnresolved: true} : {...link, peer};
				}),
				routes: reading.routes,
				error: reading.error,
				...(reading === unread ? {pending: true} : {}),
				mounts: item.mounts,
				threads: item.threads,
				descriptors: item.descriptors,
				...(item.hidden ? {hidden: true} : {}),
				owner,
			}));
			namespaces.push(ns);
		}
		namespaces.sort(compareNamespaces);
		for (const inode of this.previous.keys()) if (!keptInodes.has(inode)) this.previous.delete(inode);
		// A namespace that could not be read matters more than the general notes gathered above.
		warnings.unshift(...namespaces.filter(ns => ns.error).map(ns => `${ns.name ?? `net:[${ns.inode}]`}: ${ns.error}`));

		const unchanged =
			this.lastSnapshot !== null &&
			this.lastSnapshot.namespaces.length === namespaces.length &&
			this.lastSnapshot.namespaces.every((ns, index) => ns === namespaces[index]);
		if (!unchanged) this.lastSnapshot = {version: 1, takenAt: new Date(now).toISOString(), namespaces};
		this.noteQuiet();
		const discovery = {snapshot: this.lastSnapshot!, warnings};
		this.last = {discovery, mounted: located.found, scan, holders, errors: namespaces.some(ns => ns.error !== null || ns.pending)};
		return discovery;
	}

	/** inode -> the path each namespace of the last refresh is entered by; hidden ones are left out. */
	ways(): ReadonlyMap<number, string> {
		return this.entries;
	}

	/** The mount table changed (the namespace watcher saw it): read it again at the next refresh. */
	mountsChanged() {
		this.netnsChanged = true;
	}

	/**
	 * Owners (system/owners/): looked up only for namespaces that are new or whose
	 * processes changed, within a budget; not on a list-only refresh (the first frame).
	 */
	private async lookUpOwners(kept: Kept[], scan: ProcScan, rootInode: number | null, plan: RefreshPlan, warnings: string[]): Promise<Map<number, Owner | null>> {
		if (!this.owners || plan.listOnly) return new Map();
		const inputs = kept.map(({item}) => ({
			inode: item.inode,
			root: item.inode === rootInode,
			processes: (scan.byNamespace.get(item.inode) ?? []).sort((a, b) => a.pid - b.pid),
			paths: item.paths,
		}));
		const {owners, notes} = await this.owners.lookup(inputs);
		warnings.push(...notes);
		return owners;
	}

	/** The mounted namespaces and their ways in, worked out again only when the mount table or /run/netns changed. */
	private locateMounted(rootInode: number | null, selfInode: number | null, selfMnt: number | null, plan: RefreshPlan, now: number, warnings: string[]) {
		let known = this.mounted;
		const maxAge = plan.mountsMaxAgeMs;
		if (maxAge !== undefined) this.watchNetns();
		const reread =
			!known ||
			known.rootInode !== rootInode ||
			known.selfInode !== selfInode ||
			maxAge === undefined ||
			this.netnsChanged ||
			this.netnsWatcher === null ||
			now - known.readAt >= maxAge ||
			// `ip netns add` makes the file before it mounts the namespace there: look again until it has.
			known.warnings.length > 0;
		if (reread) {
			this.netnsChanged = false;
			const mountinfo = readMountinfo();
			const names = listNetnsNames();
			const same = known && known.rootInode === rootInode && known.selfInode === selfInode && known.mountinfo === mountinfo && known.names.length === names.length && known.names.every((name, i) => name === names[i]);
			if (same) known!.readAt = now;
			else {
				const notes: string[] = [];
				const mounts = parseNsfsMounts(mountinfo);
				const found = locateMountedNamespaces(rootInode, selfMnt, mounts, names, notes);
				const targets = found.map(item => wayIn(item, [], rootInode, selfInode));
				const keys = new Set(mounts.map(mount => `${mount.inode} ${mount.path}`));
				known = this.mounted = {mountinfo, names, rootInode, selfInode, found, targets, keys, warnings: notes, readAt: now};
			}
		}
		warnings.push(...known!.warnings);
		return known!;
	}

	private watchNetns() {
		if (this.netnsWatcher) return;
		try {
			const watcher = watch(netnsDir, () => {
				this.netnsChanged = true;
				this.options.onNetnsChange?.();
			});
			// Not a reason to keep nstui running; and a watch that fails is simply tried again.
			watcher.unref();
			watcher.on('error', () => {
				watcher.close();
				if (this.netnsWatcher === watcher) this.netnsWatcher = null;
			});
			this.netnsWatcher = watcher;
		} catch {
			this.netnsWatcher = null;
		}
	}

	/**
	 * Scans /proc, or keeps the last scan when no task has started or ended on
	 * the host since (other than the ones nstui itself ran), which /proc/loadavg
	 * tells in one read: the last pid handed out and the number of tasks. Even
	 * then it scans again after recheckProcessesAfterMs.
	 */
	private async scan(plan: RefreshPlan, now: number, start: {tasks: TaskMarker | null; started: number}): Promise<ProcScan> {
		const marker = start.tasks;
		const quiet = this.lastScan;
		if (plan.keepProcesses && quiet && !plan.listOnly) return quiet.scan;
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
		const options = {now, trustAfterMs: plan.trustProcessesAfterMs, recheckAfterMs: plan.recheckProcessesAfterMs, details: !plan.listOnly};
		const fresh = plan.slicing ? await scanProcessesInSlices(this.processCache, options, plan.slicing) : scanProcesses(this.processCache, options);
		// Processes came and went elsewhere (a busy host always has some) but none here moved: the last scan
		// stands, so a refresh that read nothing new can hand back the last result whole.
		const scan = quiet && sameScan(quiet.scan, fresh) ? quiet.scan : fresh;
		this.lastScan = {scan, at: now, before: marker, startedBefore: start.started, after: null};
		return scan;
	}

	/** After a refresh: if only nstui's own processes came and went since the scan, the scan still holds. */
	private noteQuiet() {
		const last = this.lastScan;
		if (!last || last.after || !last.before) return;
		const marker = readTaskMarker();
		const ours = startedCount.processes - last.startedBefore;
		if (marker && marker.lastPid === last.before.lastPid + ours && marker.tasks === last.before.tasks) last.after = marker;
	}

	/** New, failed, focused and (within the budget) the oldest stale namespaces. */
	private choose(list: Found[], plan: RefreshPlan, now: number, budget: number): {inodes: Set<number>; stale: number} {
		const maxAge = plan.maxAgeMs ?? 0;
		const watchedMaxAge = plan.watchedMaxAgeMs ?? maxAge;
		const focus = new Set(plan.focus ?? []);
		const inodes = new Set<number>();
		const stale: Array<{inode: number; readAt: number}> = [];
		for (const {inode} of list) {
			const known = this.readings.get(inode);
			if (plan.listOnly) {
				if (focus.has(inode)) inodes.add(inode);
			} else if (!known || known.reading.error || focus.has(inode)) inodes.add(inode);
			else if (now - known.readAt >= (plan.watched?.has(inode) ? watchedMaxAge : maxAge)) stale.push({inode, readAt: known.readAt});
		}
		stale.sort((a, b) => a.readAt - b.readAt);
		const taken = stale.slice(0, Math.max(0, budget));
		for (const {inode} of taken) inodes.add(inode);
		return {inodes, stale: taken.length};
	}

	/**
	 * Threads, descriptors and other mount namespaces' mounts: scanned again when
	 * old (see RefreshPlan.holdersMaxAgeMs); the same object while nothing changed.
	 */
	private async scanHolders(scan: ProcScan, plan: RefreshPlan, now: number, selfMnt: number | null, ownMounts: Set<string>): Promise<Holders> {
		const known = this.holders;
		if (plan.listOnly) return known?.holders ?? noHolders();
		if (known && plan.holdersMaxAgeMs !== undefined && now - known.at < plan.holdersMaxAgeMs) return known.holders;
		const holders = await scanHolders(scan, {selfMnt, ownMounts, slicing: plan.slicing});
		const key = JSON.stringify([[...holders.threads], [...holders.descriptors], [...holders.mounts]]);
		if (known && known.key === key) {
			known.at = now;
			known.holders.took = holders.took;
			return known.holders;
		}
		this.holders = {holders, at: now, key};
		return holders;
	}

	/**
	 * Veth peers, each proven by the kernel (model/veth-peers.ts): namespaces are
	 * asked which nsid they give the candidates, in rounds, one candidate per open
	 * end first (that settles most), then all that are left. Answers are kept
	 * while the asked namespace's reading stays the same.
	 */
	private async resolvePeers(kept: Kept[], selfInode: number | null, plan: RefreshPlan): Promise<Map<string, Peer>> {
		const inputs = kept.map(({item, reading}) => ({inode: item.inode, links: reading.links}));
		const readingOf = new Map(kept.map(({item, reading}) => [item.inode, reading] as const));
		const placeOf = new Map(
			kept.map(({item, target}) => [item.inode, {inode: item.inode, path: item.inode === selfInode || target === 'current' ? `/proc/${process.pid}/ns/net` : nsfsPathOf(target)}] as const),
		);
		for (const [inode, cached] of this.nsidAnswers) if (readingOf.get(inode) !== cached.reading) this.nsidAnswers.delete(inode);
		const answers: NsidAnswers = new Map([...this.nsidAnswers].map(([inode, cached]) => [inode, cached.answers] as const));
		const names = new Map(kept.flatMap(({item}) => (item.name === null ? [] : [[item.name, item.inode] as const])));
		const step = slicer(plan.slicing);
		for (let round = 0; ; round++) {
			await step();
			const last = round >= 3;
			const resolution = resolveVethPeers(inputs, answers, last ? Number.POSITIVE_INFINITY : 1);
			if (resolution.questions.size === 0 || round > 3) return resolution.peers;
			const questions = [...resolution.questions].map(([from, about]) => ({from: placeOf.get(from)!, about: [...about].map(inode => placeOf.get(inode)!)}));
			const fresh = await askNsids(questions, {timeoutMs: this.options.timeoutMs, nice: this.options.readerNice, names});
			for (const [from, given] of fresh) {
				let cached = this.nsidAnswers.get(from);
				if (!cached) this.nsidAnswers.set(from, (cached = {reading: readingOf.get(from)!, answers: new Map()}));
				for (const [to, nsid] of given) cached.answers.set(to, nsid);
				answers.set(from, cached.answers);
			}
		}
	}

	/** The nsid the host's namespace gives each other one: from its `ip netns list-id` (named ones) and what it was asked. */
	private nsidsOfRoot(kept: Kept[], rootInode: number | null): Map<number, number> {
		const byInode = new Map<number, number>();
		const root = kept.find(({item}) => item.inode === rootInode);
		if (!root) return byInode;
		const inodeByName = new Map(kept.flatMap(({item}) => (item.name === null ? [] : [[item.name, item.inode] as const])));
		for (const {nsid, name} of root.reading.nsids) {
			const inode = name === null ? undefined : inodeByName.get(name);
			if (inode !== undefined) byInode.set(inode, nsid);
		}
		for (const [inode, nsid] of this.nsidAnswers.get(root.item.inode)?.answers ?? []) if (nsid >= 0) byInode.set(inode, nsid);
		return byInode;
	}

	/**
	 * The previous object when nothing it is made from changed (the same reading,
	 * the same processes, peers and nsid), else a new one; checked by identity
	 * first and by content next, so React sees the same reference whenever it can.
	 */
	private stable(inode: number, inputs: StableInputs, build: () => Namespace): Namespace {
		const previous = this.previous.get(inode);
		if (previous && sameInputs(previous.inputs, inputs)) return previous.ns;
		const ns = build();
		if (!previous) {
			this.previous.set(inode, {inputs, digest: null, ns});
			return ns;
		}
		// A digest, not the text: a thousand namespaces' JSON would stay in memory for nothing.
		const digest = digestOfNamespace(ns);
		if ((previous.digest ??= digestOfNamespace(previous.ns)) === digest) {
			previous.inputs = inputs;
			return previous.ns;
		}
		this.previous.set(inode, {inputs, digest, ns});
		return ns;
	}
}

const digestOf = (reading: NamespaceReading) => createHash('sha1').update(JSON.stringify(reading)).digest('base64');
const digestOfNamespace = (ns: Namespace) => createHash('sha1').update(JSON.stringify(ns)).digest('base64');

type StableInputs = {reading: NamespaceReading; processes: Process[]; nsid: number | null; peers: Array<Peer | null>; item: Found; owner: Owner | null};

// Field by field rather than through JSON.stringify: a refresh compares a thousand namespaces.
const sameInputs = (a: StableInputs, b: StableInputs) =>
	a.reading === b.reading &&
	a.nsid === b.nsid &&
	a.owner === b.owner &&
	sameList(a.processes, b.processes, (x, y) => x === y) &&
	sameList(a.peers, b.peers, (x, y) => x === y || (x !== null && y !== null && x.namespace === y.namespace && x.ifindex === y.ifindex && x.name === y.name)) &&
	(a.item === b.item ||
		(a.item.inode === b.item.inode &&
			a.item.name === b.item.name &&
			a.item.hidden === b.item.hidden &&
			sameList(a.item.paths, b.item.paths, (x, y) => x === y) &&
			JSON.stringify([a.item.mounts, a.item.threads, a.item.descriptors]) === JSON.stringify([b.item.mounts, b.item.threads, b.item.descriptors])));

const sameList = <T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean) => a.length === b.length && a.every((x, index) => same(x, b[index]!));

/** The same processes in the same namespaces (the cache keeps one object per pid), in the same order. */
export function sameScan(a: ProcScan, b: ProcScan): boolean {
	if (!sameList(a.unreadable, b.unreadable, (x, y) => x === y) || a.byNamespace.size !== b.byNamespace.size) return false;
	if (a.tasks.size !== b.tasks.size || [...b.tasks].some(([pid, task]) => a.tasks.get(pid) !== task)) return false;
	for (const [inode, list] of b.byNamespace) {
		const other = a.byNamespace.get(inode);
		if (!other || !sameList(other, list, (x, y) => x === y)) return false;
	}
	return true;
}

/** How to enter a namespace found: a name, a mount path, or a process in it (every one found has one). */
const wayIn = (item: Found, processes: Process[], rootInode: number | null, selfInode: number | null): NamespaceTarget =>
	namespaceTargetOf({...item, root: item.inode === rootInode, processes}, selfInode) ?? 'current';

/** The nsfs file a namespace is entered by. */
const nsfsPathOf = (target: Exclude<NamespaceTarget, 'current'>) => ('name' in target ? `${netnsDir}/${target.name}` : target.path);

/**
 * Namespaces by path: by the kept readers, if any, else in a few parallel
 * chunks, each by a reader of its own; the one nstui runs in and the host (with
 * its nsid list) by themselves.
 */
async function readAll(list: Found[], targets: NamespaceTarget[], rootInode: number | null, options: DiscoverOptions) {
	const concurrency = options.concurrency ?? 2;
	// Without perl the kept readers would fall back to nsenter for each read: read as the headless commands do.
	const readers = options.readers && perlReaderAvailable() ? options.readers : undefined;
	const {timeoutMs} = options;
	const byPath: number[] = [];
	const single: number[] = [];
	targets.forEach((target, index) => (target === 'current' || list[index]!.inode === rootInode ? single : byPath).push(index));
	// The kept readers share a big read among themselves; without them, a few readers of its own run in parallel.
	const chunkSize = readers ? Math.max(1, byPath.length) : Math.max(8, Math.ceil(byPath.length / concurrency));
	const chunks: number[][] = [];
	for (let start = 0; start < byPath.length; start += chunkSize) chunks.push(byPath.slice(start, start + chunkSize));

	const readings: NamespaceReading[] = new Array(list.length);
	const pathOf = (index: number) => {
		const target = targets[index]!;
		return target === 'current' ? '/proc/self/ns/net' : nsfsPathOf(target);
	};
	const readChunk = async (chunk: number[]) => {
		const paths = chunk.map(pathOf);
		const answers = await (readers ? readers.namespaces.read(paths) : readNamespacesAt(paths, timeoutMs, options.readerNice));
		chunk.forEach((index, i) => (readings[index] = answers[i]!));
	};
	const readSingle = async (index: number) => {
		const withNsids = list[index]!.inode === rootInode;
		readings[index] = readers
			? (await (withNsids ? readers.host : readers.namespaces).read([pathOf(index)]))[0]!
			: await readNamespace(targets[index]!, {timeoutMs, withNsids});
	};
	// The one or two single reads are short: they run beside the chunks, not after one of them.
	await Promise.all([mapLimit(chunks, concurrency, readChunk), ...single.map(readSingle)]);
	return readings;
}

/**
 * The host first, then named namespaces by name, then unnamed ones by inode.
 * Names compare by code point, as `LC_ALL=C ls` sorts: localeCompare would
 * load ICU's collator, ~9 ms of a 200-namespace snapshot.
 */
export function compareNamespaces(a: Namespace, b: Namespace): number {
	if (a.root !== b.root) return a.root ? -1 : 1;
	if ((a.name === null) !== (b.name === null)) return a.name === null ? 1 : -1;
	if (a.name && b.name && a.name !== b.name) return a.name < b.name ? -1 : 1;
	return a.inode - b.inode;
}
