// What time it is and when to run something later. The UI's timing (the poller,
// input activity) takes one, so tests drive it with a fake and assert exactly
// what happens at each moment instead of waiting on the wall clock.

/** A pending timer; only its clock can cancel it. */
export type Timer = object;

export type Clock = {
	/** Milliseconds since the epoch, as Date.now. */
	now(): number;
	setTimeout(run: () => void, ms: number): Timer;
	setInterval(run: () => void, ms: number): Timer;
	/** Cancels a timer of either kind; nothing for one that ran or was cancelled. */
	clear(timer: Timer | undefined | null): void;
};

export const systemClock: Clock = {
	now: () => Date.now(),
	setTimeout: (run, ms) => setTimeout(run, ms),
	setInterval: (run, ms) => setInterval(run, ms),
	clear(timer) {
		if (timer) clearTimeout(timer as NodeJS.Timeout);
	},
};

/** Resolves after ms on the clock. */
export async function sleep(clock: Clock, ms: number): Promise<void> {
	await new Promise<void>(resolve => clock.setTimeout(resolve, ms));
}
