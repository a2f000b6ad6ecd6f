// How the TUI refreshes: on events. The namespace watcher says which namespace
// changed and when the mount table did, and (the kernel's proc connector) which
// processes started and ended; inotify on /run/netns says a name came or went.
// Where process events do not come, a look at /proc/loadavg every second says
// processes started or ended. Each is a routine refresh that reads just what changed. The rest is a
// safety net on a slow timer. Where the watcher cannot run (no perl) or could
// not watch a namespace, those are read as before: the selected one on every
// tick, the others in rotation, a few per tick. At start a quick list then
// everything; everything again on Ctrl-R and after an action.
import {setTimeout as delay} from 'node:timers/promises';
import {Discoverer, type Discovery} from '../../system/discovery/discoverer.js';
import {backgroundNice, createReaders} from '../../system/readers/reader-pool.js';
import {NamespaceWatcher} from '../../system/namespace-watcher.js';
import {readTaskMarker} from '../../system/procfs.js';
import {startedCount} from '../../system/run.js';
import {InputActivity} from './input-activity.js';
import type {RefreshKind} from './poller.js';

/** Namespaces re-read per tick besides the selected one: about 2 % of a core at a 2 s interval. */
export const rotationPerTick = 16;

/**
 * Threads, open descriptors and other mount namespaces' tables: scanned on
 * every full refresh (start, Ctrl-R, after an action) and, between them, this
 * often: the descriptor scan reads every descriptor of every process.
 */
export const holdersEveryMs = 30_000;

/**
 * With the watcher: what events cannot miss is still read again this often, a
 * safety net: every namespace (in rotation), the mount table, and (with the
 * kernel's process events) every process's namespace. The events are reliable
 * (a socket whose queue overflowed says so, and is read as changed), so this
 * catches only what no event reports, such as a process that moved with
 * setns(2) and no exec. Reading all 1,000 namespaces of a big host costs
 * ~2-3 s of CPU: every 30 minutes that is ~0.15 % of a core (the target is
 * 0.5 % for everything while idle, docs/bench.md).
 */
export const safetyNetMs = 1_800_000;
/**
 * With the watcher: the holder scan (threads and descriptors of every process,
 * other mount namespaces: 0.2-0.8 s at 10,000 processes), which no event
 * covers; ~0.1 % of a core.
 */
export const watchedHoldersEveryMs = 600_000;
/** With the watcher but without the kernel's process events: every process's namespace again. */
const watchedProcessesEveryMs = 300_000;

/**
 * How long process events gather before they make a refresh (htop redraws
 * every 1.5 s): new processes must show within 2 s (a target of
 * docs/bench.md), and on a host that starts a hundred a second each refresh
 * and redraw has a cost. A process in a namespace not shown yet does not wait.
 */
const processWakeMs = 1_500;

/** How often /proc/loadavg is looked at for processes started or ended. */
const processCheckMs = 1_000;

/** The longest stretch of discovery work between two turns of the event loop, so keys are answered at once. */
const sliceMs = 8;

/**
 * People start moving through the list as soon as it shows: the full read (a
 * second of work on a big host) waits a moment after the first frame, and then
 * until keys have paused.
 */
async function afterFirstKeys(activity: InputActivity) {
	await delay(firstKeysMs);
	await activity.pause();
}
const firstKeysMs = 100;

/** wake: asks for a routine refresh soon (the poller's wake); unset, changes wait for the next tick. */
export type LiveLoad = ((kind: RefreshKind) => Promise<Discovery>) & {
	/** The kept watcher, if one runs here (tests count its descriptors). */
	watcher: NamespaceWatcher | null;
	/** The discoverer's refreshes that patched processes only, and those read as a whole. */
	readonly counts: {readonly patched: number; readonly whole: number};
	/** Whether /proc/loadavg is looked at every second (no process events from the kernel). */
	readonly pollingProcesses: boolean;
	/** Ends the kept processes and timers (they also end when nstui exits). */
	close(): void;
};

export function createLiveLoad(
	/** The inode of the namespace on screen (read on every tick where the watcher cannot watch it); null: none. */
	selectedNamespace: () => number | null,
	intervalMs: number,
	activity = new InputActivity(),
	wake: () => void = () => {},
): LiveLoad {
	const slicing = {sliceMs, pause: () => activity.pause()};
	// Kept running while the TUI is open, so a routine refresh starts no process from node.
	const readers = createReaders({nice: backgroundNice});
	activity.holdWhileTyping(readers.namespaces);
	let firstFull = true;
	const discoverer = new Discoverer({readers, readerNice: backgroundNice, onNetnsChange: wake});
	/** Namespaces the watcher said changed since the last routine refresh began. */
	const changed = new Set<number>();
	const watcher = NamespaceWatcher.available()
		? new NamespaceWatcher(
				{
					changed(inodes) {
						for (const inode of inodes) changed.add(inode);
						wake();
					},
					// Read before its socket was there (a container's namespace, read before the engine moved eth0 in): again.
					watching(inodes) {
						let again = false;
						for (const inode of inodes) {
							if (!discoverer.hasReading(inode)) continue;
							changed.add(inode);
							again = true;
						}
						if (again) wake();
					},
					mounts() {
						discoverer.mountsChanged();
						wake();
					},
					failed: wake,
					// A busy host starts processes all the time: they show within processWakeMs, one refresh for all
					// of them, which patches the lists of the namespaces concerned; one in a new namespace at once.
					processes(started, ended) {
						const news = discoverer.processesChanged(started, ended);
						if (news === 'now') return wake();
						if (news === 'none' || processWake) return;
						processWake = setTimeout(() => {
							processWake = null;
							wake();
						}, processWakeMs);
					},
					processesLost() {
						processesMoved = true;
						wake();
					},
					// The kernel's events replace the look at /proc/loadavg, which takes over again (after a scan) when they stop.
					processEvents(on) {
						if (on) return stopProcessTimer();
						startProcessTimer();
						processesMoved = true;
						wake();
					},
				},
				{processes: true},
			)
		: null;
	/** Set when /proc/loadavg moved (or process events were lost): the next routine refresh scans /proc; the others keep the last scan. */
	let processesMoved = true;
	let processTimer: NodeJS.Timeout | null = null;
	let processWake: NodeJS.Timeout | null = null;
	const startProcessTimer = () => {
		processTimer ??= watchProcesses(() => {
			processesMoved = true;
			wake();
		});
	};
	const stopProcessTimer = () => {
		if (processTimer) clearInterval(processTimer);
		processTimer = null;
	};
	if (watcher) startProcessTimer();
	const subscribe = (discovery: Discovery) => {
		watcher?.sync(discoverer.ways());
		return discovery;
	};
	const load = (kind: RefreshKind) => refresh(kind).then(subscribe);
	return Object.defineProperties(
		Object.assign(load, {
			watcher,
			counts: discoverer.counts,
			close() {
				stopProcessTimer();
				if (processWake) clearTimeout(processWake);
				watcher?.close();
				readers.namespaces.close();
				readers.host.close();
				readers.nsids.close();
			},
		}),
		{pollingProcesses: {get: () => processTimer !== null}},
	) as LiveLoad;

	function refresh(kind: RefreshKind): Promise<Discovery> {
		if (kind === 'full') {
			// Only the one after the first frame: Ctrl-R's and an action's show at once.
			const start = firstFull ? afterFirstKeys(activity) : Promise.resolve();
			firstFull = false;
			return start.then(() => {
				// It reads every namespace: what changed before it starts is in it.
				changed.clear();
				return discoverer.refresh({slicing});
			});
		}
		// The host's namespace at once, the others listed, so the first frame does not wait for all.
		// The readers for everything else start meanwhile: after the first frame keys come in.
		if (kind === 'first') {
			readers.namespaces.warm();
			return discoverer.refresh({listOnly: true});
		}
		// Only where something is not watched: deriving the view builds rows for the whole host.
		const selected = !watcher || watcher.unwatched.size > 0 ? selectedNamespace() : null;
		const focus = [...changed];
		changed.clear();
		const keepProcesses = watcher !== null && !processesMoved;
		processesMoved = false;
		const watched = watcher?.watching;
		if (selected !== null && !watched?.has(selected)) focus.push(selected);
		return discoverer.refresh({
			focus,
			maxAgeMs: 2 * intervalMs,
			watched,
			watchedMaxAgeMs: safetyNetMs,
			staleBudget: rotationPerTick,
			keepProcesses,
			trustProcessesAfterMs: 5_000,
			recheckProcessesAfterMs: watcher?.processEvents
				? safetyNetMs
				: watcher
					? watchedProcessesEveryMs
					: 30_000,
			mountsMaxAgeMs: watcher ? safetyNetMs : 10_000,
			holdersMaxAgeMs: watcher ? watchedHoldersEveryMs : holdersEveryMs,
			slicing,
		});
	}
}

/**
 * Wakes a refresh when a process started or ended anywhere: one small read a
 * second. Pids that nstui's own readers used (the ip of a namespace re-read)
 * do not count, or each read would ask for a /proc scan a second later.
 */
function watchProcesses(moved: () => void) {
	let last = readTaskMarker();
	let started = startedCount.processes;
	return setInterval(() => {
		const marker = readTaskMarker();
		const ours = startedCount.processes - started;
		started = startedCount.processes;
		if (marker && (!last || marker.lastPid !== last.lastPid + ours || marker.tasks !== last.tasks))
			moved();
		last = marker;
	}, processCheckMs).unref();
}
