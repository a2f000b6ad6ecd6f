// The discovery engine: every network namespace on the host, each once, by inode,
// with its interfaces, routes, forwarding and processes.
import {createHash} from 'node:crypto';
import {existsSync, watch, type FSWatcher} from 'node:fs';
import path from 'node:path';
import type {Namespace, Peer, Process, Snapshot} from '../model/snapshot.js';
import {endpointKey, resolveVethPeers} from '../model/veth-peers.js';
import {listNetnsNames, namespaceOfPid, netnsDir, readMountinfo, readTaskMarker, scanProcesses, scanProcessesInSlices, type ProcessCache, type ProcScan} from './procfs.js';
import {slicer, type Slicing} from './slicing.js';
import {readNamespace, readNsids, type NamespaceReading} from './ip-query.js';
import {perlReaderAvailable, readNamespacesAt, type Readers} from './namespace-reader.js';
import {namespaceTargetOf, type NamespaceTarget} from '../model/namespace-target.js';
import type {NsidEntry} from '../model/ip-json.js';
import {parseNsfsMounts, unreadableProcessesNote, type NsfsMount} from '../model/procfs.js';
import {mapLimit, startedCount} from './run.js';
import {debianPackageOf} from './programs.js';

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
};

export type Discovery = {
	snapshot: Snapshot;
	/** What could not be read and why (for stderr, or the status bar). */
	warnings: string[];
};

type Found = {inode: number; name: string | null; paths: string[]};
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
	private readonly readings = new Map<number, {reading: NamespaceReading; readAt: number; digest: string | null; nsids?: NsidEntry[]}>();
	private mounted: {
		mountinfo: string;
		names: string[];
		rootInode: number | null;
		selfInode: number | null;
		found: Found[];
		targets: NamespaceTarget[];
		warnings: string[];
		readAt: number;
	} | null = null;
	/** Watches /run/netns for names added and removed; null while it cannot (no such directory yet). */
	private netnsWatcher: FSWatcher | null = null;
	private netnsChanged = true;
	/** The last result and what it was made from, handed back whole when nothing changed. */
	private last: {discovery: Discovery; mounted: Found[]; scan: ProcScan; errors: boolean} | null = null;
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

	constructor(private readonly options: DiscoverOptions = {}) {
		this.processCache = options.processCache ?? new Map();
	}

	async refresh(plan: RefreshPlan = {}): Promise<Discovery> {
		const {options} = this;
		const now = Date.now();
		const warnings: string[] = [];
		const selfInode = namespaceOfPid('self');
		const rootInode = namespaceOfPid(1) ?? selfInode;
		const targetOf = (item: Found, processes: Process[]): NamespaceTarget => wayIn(item, processes, rootInode, selfInode);
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
		const {found: mounted, targets: mountedTargets} = this.locateMounted(rootInode, selfInode, plan, now, warnings);
		const mountedRead = readGroup(mounted, mountedTargets);
		const scan = await this.scan(plan, now, marker);
		if (scan.unreadable.length > 0) warnings.push(unreadableProcessesNote(scan.unreadable));
		const mountedInodes = new Set(mounted.map(item => item.inode));
		const processOnly: Found[] = [...scan.byNamespace.keys()].filter(inode => !mountedInodes.has(inode)).map(inode => ({inode, name: null, paths: []}));
		const processOnlyTargets = processOnly.map(item => targetOf(item, scan.byNamespace.get(item.inode) ?? []));
		const fresh = (await Promise.all([mountedRead, readGroup(processOnly, processOnlyTargets)])).flat();
		const missing = fresh.find(([, reading]) => reading.missing)?.[1].missing;
		if (missing) throw new MissingToolError(missing);
		// A reading the same as the last keeps its object, so nothing made from it is made again.
		const step = slicer(plan.slicing);
		let changed = 0;
		for (const [inode, reading] of fresh) {
			await step();
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
		if (last && changed === 0 && !last.errors && !plan.listOnly && last.mounted === mounted && last.scan === scan) {
			this.noteQuiet();
			return last.discovery;
		}
		const list = [...mounted, ...processOnly];
		const targets = [...mountedTargets, ...processOnlyTargets];

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
			kept.push({item, reading: known.reading, target});
		});
		const keptInodes = new Set(kept.map(({item}) => item.inode));
		for (const inode of this.readings.keys()) if (!keptInodes.has(inode)) this.readings.delete(inode);

		const resolution = await this.resolvePeers(kept);
		const nsidFromRoot = new Map<number, number>();
		for (const [nsid, inode] of resolution.nsids.get(rootInode ?? -1) ?? []) nsidFromRoot.set(inode, nsid);

		const namespaces: Namespace[] = [];
		for (const {item, reading} of kept) {
			await step();
			const processes = (scan.byNamespace.get(item.inode) ?? []).sort((a, b) => a.pid - b.pid);
			const peers = reading.links.map(link => resolution.peers.get(endpointKey(item.inode, link.ifindex)) ?? null);
			const inputs = {reading, processes, nsid: nsidFromRoot.get(item.inode) ?? null, peers, item};
			const ns = this.stable(item.inode, inputs, () => ({
				inode: item.inode,
				name: item.name,
				paths: item.paths,
				root: item.inode === rootInode,
				nsid: inputs.nsid,
				forwarding: reading.forwarding,
				processes,
				interfaces: reading.links.map(({linkIndex, linkNetnsid, ...link}, index) => {
					const peer = peers[index]!;
					return link.kind === 'veth' && !peer ? {...link, peer, peerUnresolved: true} : {...link, peer};
				}),
				routes: reading.routes,
				error: reading.error,
				...(reading === unread ? {pending: true} : {}),
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
		this.last = {discovery, mounted, scan, errors: namespaces.some(ns => ns.error !== null || ns.pending)};
		return discovery;
	}

	/** The mounted namespaces and their ways in, worked out again only when the mount table or /run/netns changed. */
	private locateMounted(rootInode: number | null, selfInode: number | null, plan: RefreshPlan, now: number, warnings: string[]) {
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
				const found = locateMountedNamespaces(rootInode, parseNsfsMounts(mountinfo), names, notes);
				const targets = found.map(item => wayIn(item, [], rootInode, selfInode));
				known = this.mounted = {mountinfo, names, rootInode, selfInode, found, targets, warnings: notes, readAt: now};
			}
		}
		warnings.push(...known!.warnings);
		return known!;
	}

	private watchNetns() {
		if (this.netnsWatcher) return;
		try {
			const watcher = watch(netnsDir, () => (this.netnsChanged = true));
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
		const focus = new Set(plan.focus ?? []);
		const inodes = new Set<number>();
		const stale: Array<{inode: number; readAt: number}> = [];
		for (const {inode} of list) {
			const known = this.readings.get(inode);
			if (plan.listOnly) {
				if (focus.has(inode)) inodes.add(inode);
			} else if (!known || known.reading.error || focus.has(inode)) inodes.add(inode);
			else if (now - known.readAt >= maxAge) stale.push({inode, readAt: known.readAt});
		}
		stale.sort((a, b) => a.readAt - b.readAt);
		const taken = stale.slice(0, Math.max(0, budget));
		for (const {inode} of taken) inodes.add(inode);
		return {inodes, stale: taken.length};
	}

	private async resolvePeers(kept: Kept[]) {
		const inodeByName = new Map(kept.flatMap(({item}) => (item.name ? [[item.name, item.inode] as const] : [])));
		const knownNsids = (entries: NsidEntry[]) =>
			new Map(
				entries.flatMap(({nsid, name}) => {
					const inode = name === null ? undefined : inodeByName.get(name);
					return inode === undefined ? [] : [[nsid, inode] as const];
				}),
			);
		const nsidsOf = ({item, reading}: Kept) => this.readings.get(item.inode)?.nsids ?? reading.nsids;
		const resolve = () =>
			resolveVethPeers(kept.map(entry => ({inode: entry.item.inode, links: entry.reading.links, knownNsids: knownNsids(nsidsOf(entry))})));
		let resolution = resolve();
		// Index matching leaves a pair open only when several namespaces fit; their nsid lists settle it.
		const asked = kept.filter(entry => resolution.ambiguous.has(entry.item.inode) && !this.readings.get(entry.item.inode)?.nsids);
		if (asked.length > 0) {
			const answers = await mapLimit(asked, this.options.concurrency ?? 4, ({target}) => readNsids(target, this.options.timeoutMs));
			asked.forEach(({item}, index) => {
				const known = this.readings.get(item.inode);
				if (known) known.nsids = answers[index]!;
			});
			resolution = resolve();
		}
		return resolution;
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

type StableInputs = {reading: NamespaceReading; processes: Process[]; nsid: number | null; peers: Array<Peer | null>; item: Found};

// Field by field rather than through JSON.stringify: a refresh compares a thousand namespaces.
const sameInputs = (a: StableInputs, b: StableInputs) =>
	a.reading === b.reading &&
	a.nsid === b.nsid &&
	sameList(a.processes, b.processes, (x, y) => x === y) &&
	sameList(a.peers, b.peers, (x, y) => x === y || (x !== null && y !== null && x.namespace === y.namespace && x.ifindex === y.ifindex && x.name === y.name)) &&
	(a.item === b.item || (a.item.inode === b.item.inode && a.item.name === b.item.name && sameList(a.item.paths, b.item.paths, (x, y) => x === y)));

const sameList = <T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean) => a.length === b.length && a.every((x, index) => same(x, b[index]!));

/** The same processes in the same namespaces (the cache keeps one object per pid), in the same order. */
export function sameScan(a: ProcScan, b: ProcScan): boolean {
	if (!sameList(a.unreadable, b.unreadable, (x, y) => x === y) || a.byNamespace.size !== b.byNamespace.size) return false;
	for (const [inode, list] of b.byNamespace) {
		const other = a.byNamespace.get(inode);
		if (!other || !sameList(other, list, (x, y) => x === y)) return false;
	}
	return true;
}

/** How to enter a namespace found: a name, a mount path, or a process in it (every one found has one). */
const wayIn = (item: Found, processes: Process[], rootInode: number | null, selfInode: number | null): NamespaceTarget =>
	namespaceTargetOf({...item, root: item.inode === rootInode, processes}, selfInode) ?? 'current';

/** The host's namespace and every one held by an nsfs bind mount (the named ones are those in /run/netns), each once. */
function locateMountedNamespaces(rootInode: number | null, mounts: NsfsMount[], netnsNames: string[], warnings: string[]): Found[] {
	const found = new Map<number, Found>();
	const entry = (inode: number) => {
		let item = found.get(inode);
		if (!item) found.set(inode, (item = {inode, name: null, paths: []}));
		return item;
	};
	if (rootInode !== null) entry(rootInode);
	for (const mount of mounts) {
		const item = entry(mount.inode);
		if (!item.paths.includes(mount.path)) item.paths.push(mount.path);
		if (path.dirname(mount.path) === netnsDir && item.name === null) item.name = path.basename(mount.path);
	}
	const names = new Set([...found.values()].map(item => item.name));
	for (const name of netnsNames) {
		if (!names.has(name)) warnings.push(`${netnsDir}/${name} is not a mounted namespace (left over?): skipped`);
	}
	return [...found.values()];
}

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
