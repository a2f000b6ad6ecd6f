// The TUI's memory of changes since it started: the newest `limit` of them,
// and how many older ones were let go so that it can say so.
import type {Change} from './change.js';

export const timelineLimit = 10_000;

export class Timeline {
	private items: Change[] = [];
	/** How many changes were dropped to stay within the limit, oldest first. */
	dropped = 0;
	/** How many changes were ever added: a view can tell that something came. */
	added = 0;
	private readonly listeners = new Set<(changes: readonly Change[]) => void>();

	constructor(readonly limit = timelineLimit) {}

	add(changes: readonly Change[]): void {
		if (changes.length === 0) return;
		this.items.push(...changes);
		this.added += changes.length;
		const over = this.items.length - this.limit;
		if (over > 0) {
			this.items = this.items.slice(over);
			this.dropped += over;
		}
		for (const listener of this.listeners) listener(changes);
	}

	/** Oldest first. */
	get changes(): readonly Change[] {
		return this.items;
	}

	/** Told each batch of changes as it is added (the --record file). */
	onAdd(listener: (changes: readonly Change[]) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}
}
