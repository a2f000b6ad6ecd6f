// A clock that moves only when a test advances it. Timers due within an advance
// run in time order, each at its own moment, and promises they settle run before
// the next, so a test can assert exactly what happened by a given time.
import type {Clock, Timer} from '../../source/system/clock.js';

type Pending = {at: number; run: () => void; every?: number; order: number};

export class FakeClock implements Clock {
	private time: number;
	private order = 0;
	private readonly pending = new Map<Timer, Pending>();

	/** Starts at the real time by default, so times it stamps agree with what the UI shows from Date.now. */
	constructor(start = Date.now()) {
		this.time = start;
	}

	now() {
		return this.time;
	}

	setTimeout(run: () => void, ms: number): Timer {
		const timer = {};
		this.pending.set(timer, {at: this.time + Math.max(0, ms), run, order: this.order++});
		return timer;
	}

	setInterval(run: () => void, ms: number): Timer {
		const timer = {};
		const every = Math.max(1, ms);
		this.pending.set(timer, {at: this.time + every, run, every, order: this.order++});
		return timer;
	}

	clear(timer: Timer | undefined | null) {
		if (timer) this.pending.delete(timer);
	}

	/** How many timers wait to run. */
	get timers() {
		return this.pending.size;
	}

	/** Moves time on by ms, running each timer due on the way at its moment. */
	async advance(ms: number): Promise<void> {
		const end = this.time + ms;
		await settle();
		for (;;) {
			const next = this.nextDue(end);
			if (!next) break;
			const [timer, due] = next;
			this.time = due.at;
			if (due.every) due.at += due.every;
			else this.pending.delete(timer);
			due.run();
			await settle();
		}
		this.time = end;
		await settle();
	}

	private nextDue(end: number): [Timer, Pending] | undefined {
		let found: [Timer, Pending] | undefined;
		for (const entry of this.pending) {
			const due = entry[1];
			if (due.at > end) continue;
			if (!found || due.at < found[1].at || (due.at === found[1].at && due.order < found[1].order))
				found = entry;
		}
		return found;
	}
}

/** Lets promise callbacks and immediates queued so far run. */
async function settle() {
	for (let turn = 0; turn < 3; turn++) await new Promise(resolve => setImmediate(resolve));
}
