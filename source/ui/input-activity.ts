// When the person at the keyboard last pressed a key. Long background work (the
// first detailed /proc scan of a host with 10,000 processes takes most of a
// second) pauses while keys come in, so the selection moves at once and the
// data follows in the gaps, as a browser lets input go before script.
import {useInput} from 'ink';
import {setTimeout as delay} from 'node:timers/promises';

export class InputActivity {
	private lastInputAt = Number.NEGATIVE_INFINITY;

	/**
	 * @param quietMs how long keys must have paused before background work goes on
	 * @param maxWaitMs the longest one pause lasts, so a key held down for minutes
	 *   still lets the data refresh, a slice at a time
	 */
	constructor(
		private readonly quietMs = 150,
		private readonly maxWaitMs = 1000,
	) {}

	note() {
		this.lastInputAt = performance.now();
	}

	/** Resolves after a turn of the event loop (pending keys and redraws run first), and once keys have paused. */
	async pause(): Promise<void> {
		await new Promise(resolve => setImmediate(resolve));
		const deadline = performance.now() + this.maxWaitMs;
		for (;;) {
			const now = performance.now();
			const wait = Math.min(this.lastInputAt + this.quietMs, deadline) - now;
			if (wait <= 0) return;
			await delay(wait);
		}
	}
}

/** Notes every key the UI gets. */
export function useInputActivity(activity: InputActivity | undefined) {
	useInput(() => activity?.note(), {isActive: activity !== undefined});
}
