// When the person at the keyboard last pressed a key. Long background work (the
// first detailed /proc scan of a host with 10,000 processes takes most of a
// second, the readers' output of 1,000 namespaces as much to parse) pauses
// while keys come in, so the selection moves at once and the data follows in
// the gaps, as a browser lets input go before script.
import {sleep, systemClock, type Clock, type Timer} from '../../system/clock.js';

/** Something that can stop for a while, as a reader's output stream can. */
export type Holdable = {hold(): void; release(): void};

export class InputActivity {
	private lastInputAt = Number.NEGATIVE_INFINITY;
	private readonly holdables: Holdable[] = [];
	private holding: {since: number; timer?: Timer} | null = null;
	/** After a hold that ran out (a key held down), data flows for a while before the next. */
	private flowUntil = 0;

	/**
	 * @param quietMs how long keys must have paused before background work goes on
	 * @param maxWaitMs the longest one pause lasts, so a key held down for minutes
	 *   still lets the data refresh, a slice at a time
	 */
	constructor(
		private readonly quietMs = 150,
		private readonly maxWaitMs = 1000,
		private readonly clock: Clock = systemClock,
	) {}

	note() {
		const now = (this.lastInputAt = this.clock.now());
		if (this.holdables.length === 0 || now < this.flowUntil) return;
		if (this.holding) this.clock.clear(this.holding.timer);
		else {
			for (const holdable of this.holdables) holdable.hold();
			this.holding = {since: now};
		}
		const releaseAt = Math.min(now + this.quietMs, this.holding.since + this.maxWaitMs);
		this.holding.timer = this.clock.setTimeout(
			() => this.release(releaseAt < now + this.quietMs),
			Math.max(0, releaseAt - now),
		);
	}

	/** Held from the first key and released once keys pause for quietMs (or after maxWaitMs). */
	holdWhileTyping(holdable: Holdable) {
		this.holdables.push(holdable);
	}

	private release(ranOut: boolean) {
		this.holding = null;
		if (ranOut) this.flowUntil = this.clock.now() + this.quietMs;
		for (const holdable of this.holdables) holdable.release();
	}

	/** Resolves after a turn of the event loop (pending keys and redraws run first), and once keys have paused. */
	async pause(): Promise<void> {
		await new Promise(resolve => setImmediate(resolve));
		const deadline = this.clock.now() + this.maxWaitMs;
		for (;;) {
			const now = this.clock.now();
			const wait = Math.min(this.lastInputAt + this.quietMs, deadline) - now;
			if (wait <= 0) return;
			await sleep(this.clock, wait);
		}
	}
}
