// The last reading of each namespace, how old it is, and which ones a refresh
// reads again: new and failed ones always, the ones a plan focuses on, and the
// oldest stale ones within a budget. A reading equal to the last keeps the last
// object, so nothing made from it is made again.
import {createHash} from 'node:crypto';
import {readTimedOut} from '../../model/snapshot.js';
import type {Found} from '../held-namespaces.js';
import type {NamespaceReading} from '../ip-query.js';
import type {RefreshPlan} from './plan.js';

/** What a namespace listed but not read yet carries (see RefreshPlan.listOnly). */
export const unread: NamespaceReading = {
	links: [],
	routes: [],
	forwarding: {ipv4: false, ipv6: false},
	nsids: [],
	error: null,
	missing: null,
};

type Cached = {
	reading: NamespaceReading;
	readAt: number;
	digest: string | null;
	/** Reads that timed out in a row, and when to try again (backoff). */
	timeouts?: number;
	retryAt?: number;
};

/** A read that timed out (the host was busy): tried again after 1 s, then twice as long each time, up to 30 s. */
const retryAfterMs = (timeouts: number) => Math.min(30_000, 1000 * 2 ** (timeouts - 1));

export const timedOut = (reading: NamespaceReading) => reading.error === readTimedOut;

export class ReadingCache {
	/** Digests are made only when there is something to compare with (never in a one-off snapshot). */
	private readonly readings = new Map<number, Cached>();

	get(inode: number): NamespaceReading | undefined {
		return this.readings.get(inode)?.reading;
	}

	/** New, failed, focused and (within the budget) the oldest stale namespaces. */
	choose(
		list: Found[],
		plan: RefreshPlan,
		now: number,
		budget: number,
	): {inodes: Set<number>; stale: number} {
		const maxAge = plan.maxAgeMs ?? 0;
		const watchedMaxAge = plan.watchedMaxAgeMs ?? maxAge;
		const focus = new Set(plan.focus ?? []);
		const inodes = new Set<number>();
		const stale: Array<{inode: number; readAt: number}> = [];
		for (const {inode} of list) {
			const known = this.readings.get(inode);
			if (plan.listOnly) {
				if (focus.has(inode)) inodes.add(inode);
			} else if (known?.retryAt !== undefined) {
				if (now >= known.retryAt || focus.has(inode)) inodes.add(inode);
			} else if (!known || known.reading.error || focus.has(inode)) inodes.add(inode);
			else if (now - known.readAt >= (plan.watched?.has(inode) ? watchedMaxAge : maxAge))
				stale.push({inode, readAt: known.readAt});
		}
		stale.sort((a, b) => a.readAt - b.readAt);
		const taken = stale.slice(0, Math.max(0, budget));
		for (const {inode} of taken) inodes.add(inode);
		return {inodes, stale: taken.length};
	}

	/** Would choose() pick none of these: each has a reading without error, younger than its maximum age. */
	allFresh(inodes: Iterable<number>, plan: RefreshPlan, now: number): boolean {
		const maxAge = plan.maxAgeMs ?? 0;
		const watchedMaxAge = plan.watchedMaxAgeMs ?? maxAge;
		for (const inode of inodes) {
			const known = this.readings.get(inode);
			if (known?.retryAt !== undefined) {
				if (now >= known.retryAt) return false;
				continue;
			}
			if (
				!known ||
				known.reading.error ||
				now - known.readAt >= (plan.watched?.has(inode) ? watchedMaxAge : maxAge)
			)
				return false;
		}
		return true;
	}

	/** Keeps what was read; how many readings differ from the last. `step` lets keys in between (slicing). */
	async record(
		fresh: ReadonlyArray<readonly [number, NamespaceReading]>,
		now: number,
		step: () => Promise<void> | void,
	): Promise<number> {
		let changed = 0;
		for (const [inode, read] of fresh) {
			const paused = step();
			if (paused) await paused;
			// The reader says which namespace it opened: a path of a process that has moved or gone may lead elsewhere.
			const reading =
				read.opened === undefined || read.opened === inode
					? read
					: {
							...unread,
							error: `its way in led to another namespace (net:[${read.opened}]) while it was read`,
						};
			const known = this.readings.get(inode);
			if (timedOut(reading)) {
				const timeouts = (known?.timeouts ?? 0) + 1;
				const retryAt = now + retryAfterMs(timeouts);
				// The last good reading stays, marked stale: a busy host is not shown as empty or broken.
				const good = known && !known.reading.error ? known.reading : null;
				const kept = good ? (good.stale ? good : {...good, stale: true}) : reading;
				if (kept !== known?.reading) changed++;
				this.readings.set(inode, {
					reading: kept,
					readAt: known?.readAt ?? now,
					digest: null,
					timeouts,
					retryAt,
				});
				continue;
			}
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
		return changed;
	}

	delete(inode: number) {
		this.readings.delete(inode);
	}

	/** Forgets every namespace but these. */
	keepOnly(inodes: ReadonlySet<number>) {
		for (const inode of this.readings.keys()) if (!inodes.has(inode)) this.readings.delete(inode);
	}
}

const digestOf = (reading: NamespaceReading) =>
	createHash('sha1').update(JSON.stringify(reading)).digest('base64');
