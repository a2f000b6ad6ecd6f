// Threads, descriptors and other mount namespaces' mounts (system/holders.ts):
// scanned again only when old (RefreshPlan.holdersMaxAgeMs), and the same
// object while nothing they hold changed.
import {noHolders, scanHolders, type Holders} from '../holders.js';
import type {ProcScan} from '../procfs.js';
import type {RefreshPlan} from './plan.js';

export class HolderCache {
	private known: {holders: Holders; at: number; key: string} | null = null;

	/** Would scan() keep the last scan. */
	fresh(plan: RefreshPlan, now: number): boolean {
		return (
			this.known !== null &&
			plan.holdersMaxAgeMs !== undefined &&
			now - this.known.at < plan.holdersMaxAgeMs
		);
	}

	async scan(
		scan: ProcScan,
		plan: RefreshPlan,
		now: number,
		selfMnt: number | null,
		ownMounts: Set<string>,
	): Promise<Holders> {
		const known = this.known;
		if (plan.listOnly) return known?.holders ?? noHolders();
		if (known && plan.holdersMaxAgeMs !== undefined && now - known.at < plan.holdersMaxAgeMs)
			return known.holders;
		const holders = await scanHolders(scan, {selfMnt, ownMounts, slicing: plan.slicing});
		const key = JSON.stringify([
			[...holders.threads],
			[...holders.descriptors],
			[...holders.mounts],
		]);
		if (known && known.key === key) {
			known.at = now;
			known.holders.took = holders.took;
			return known.holders;
		}
		this.known = {holders, at: now, key};
		return holders;
	}
}
