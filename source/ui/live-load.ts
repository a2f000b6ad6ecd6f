// How the TUI refreshes: the selected namespace on every tick, the others in
// rotation, a few per tick, so that a host with a thousand namespaces costs
// little while nstui sits open; at start a quick list then everything; everything
// again on Ctrl-R and after an action.
import {setTimeout as delay} from 'node:timers/promises';
import {Discoverer, type Discovery} from '../system/discover.js';
import {backgroundNice, createReaders} from '../system/namespace-reader.js';
import {deriveView} from './derive-view.js';
import {InputActivity} from './input-activity.js';
import type {RefreshKind} from './poller.js';
import type {TuiStore} from './tui-store.js';

/** Namespaces re-read per tick besides the selected one: about 2 % of a core at a 2 s interval. */
export const rotationPerTick = 16;

/**
 * Threads, open descriptors and other mount namespaces' tables: scanned on
 * every full refresh (start, Ctrl-R, after an action) and, between them, this
 * often: the descriptor scan reads every descriptor of every process.
 */
export const holdersEveryMs = 30_000;

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

export function createLiveLoad(store: TuiStore, intervalMs: number, activity = new InputActivity()): (kind: RefreshKind) => Promise<Discovery> {
	const slicing = {sliceMs, pause: () => activity.pause()};
	// Kept running while the TUI is open, so a routine refresh starts no process from node.
	const readers = createReaders({nice: backgroundNice});
	activity.holdWhileTyping(readers.namespaces);
	let firstFull = true;
	const discoverer = new Discoverer({readers, readerNice: backgroundNice});
	return kind => {
		if (kind === 'full') {
			// Only the one after the first frame: Ctrl-R's and an action's show at once.
			const start = firstFull ? afterFirstKeys(activity) : Promise.resolve();
			firstFull = false;
			return start.then(() => discoverer.refresh({slicing}));
		}
		// The host's namespace at once, the others listed, so the first frame does not wait for all.
		// The readers for everything else start meanwhile: after the first frame keys come in.
		if (kind === 'first') {
			readers.namespaces.warm();
			return discoverer.refresh({listOnly: true});
		}
		const selected = deriveView(store.getState()).selectedNamespace;
		return discoverer.refresh({
			focus: selected ? [selected.inode] : [],
			maxAgeMs: 2 * intervalMs,
			staleBudget: rotationPerTick,
			trustProcessesAfterMs: 5_000,
			recheckProcessesAfterMs: 30_000,
			mountsMaxAgeMs: 10_000,
			holdersMaxAgeMs: holdersEveryMs,
			slicing,
		});
	};
}
