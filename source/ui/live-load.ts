// How the TUI refreshes: the selected namespace on every tick, the others in
// rotation, a few per tick, so that a host with a thousand namespaces costs
// little while nstui sits open; at start a quick list then everything; everything
// again on Ctrl-R and after an action.
import {Discoverer, type Discovery} from '../system/discover.js';
import {createReaders} from '../system/namespace-reader.js';
import {deriveView} from './derive-view.js';
import type {RefreshKind} from './poller.js';
import type {TuiStore} from './tui-store.js';

/** Namespaces re-read per tick besides the selected one: about 2 % of a core at a 2 s interval. */
export const rotationPerTick = 16;

export function createLiveLoad(store: TuiStore, intervalMs: number): (kind: RefreshKind) => Promise<Discovery> {
	// Kept running while the TUI is open, so a routine refresh starts no process from node.
	const discoverer = new Discoverer({readers: createReaders()});
	return kind => {
		if (kind === 'full') return discoverer.refresh();
		// The host's namespace at once, the others listed, so the first frame does not wait for all.
		if (kind === 'first') return discoverer.refresh({listOnly: true});
		const selected = deriveView(store.getState()).selectedNamespace;
		return discoverer.refresh({
			focus: selected ? [selected.inode] : [],
			maxAgeMs: 2 * intervalMs,
			staleBudget: rotationPerTick,
			trustProcessesAfterMs: 5_000,
			recheckProcessesAfterMs: 30_000,
		});
	};
}
