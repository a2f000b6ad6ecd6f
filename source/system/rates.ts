// Rates for the namespaces the TUI looks at: each refresh reads the
// counters of the namespaces it is given (the host and the selected one, and
// others only while a view shows them), keeps the last reading of each, and a
// short history per interface for the sparklines. Namespaces not asked for
// are forgotten, so the cost stays what is on screen.
import {
	linkRates,
	RateHistory,
	totalBytesPerSecond,
	type LinkRate,
	type LinkStats,
} from '../model/link-rates.js';
import {readLinkStats, type RatePlace} from './link-stats.js';

export type {RatePlace};

/** namespace inode -> ifindex -> rate. */
export type Rates = Map<number, Map<number, LinkRate>>;

export const historyKey = (inode: number, ifindex: number) => `${inode}:${ifindex}`;

export class RateTracker {
	private readonly last = new Map<number, LinkStats>();
	private current: Rates = new Map();
	readonly history: RateHistory;
	/** Why a namespace's counters could not be read, by inode (for the warnings). */
	readonly errors = new Map<number, string>();

	constructor(
		historyLength = 30,
		private readonly read = readLinkStats,
	) {
		this.history = new RateHistory(historyLength);
	}

	get rates(): Rates {
		return this.current;
	}

	/** Reads the counters of `places` once; rates need a second refresh (the first only sets the baseline). */
	async refresh(places: readonly RatePlace[]): Promise<Rates> {
		const readings = await this.read(places);
		const rates: Rates = new Map();
		const keep = new Set<string>();
		places.forEach((place, index) => {
			const reading = readings[index];
			if (!reading?.stats) {
				this.errors.set(place.inode, reading?.error ?? 'not read');
				return;
			}
			this.errors.delete(place.inode);
			const before = this.last.get(place.inode);
			this.last.set(place.inode, reading.stats);
			if (!before) return;
			const these = linkRates(before, reading.stats);
			rates.set(place.inode, these);
			for (const rate of these.values()) {
				const key = historyKey(place.inode, rate.ifindex);
				this.history.add(key, totalBytesPerSecond(rate));
				keep.add(key);
			}
		});
		const asked = new Set(places.map(place => place.inode));
		for (const inode of this.last.keys()) if (!asked.has(inode)) this.last.delete(inode);
		this.history.retain(keep);
		this.current = rates;
		return rates;
	}
}
