// Live updates: loads a new snapshot every interval, never two at once, and
// marks the data stale when a load takes longer than the interval. Lives outside
// React so an unmount (exec-shell) can stop it and a remount start it again.
import {systemClock, type Clock, type Timer} from '../../system/clock.js';
import type {Discovery} from '../../system/discovery/discoverer.js';
import {refreshFailed, refreshSlow, refreshSucceeded, showMessage} from './state-updates.js';
import type {TuiStore} from './tui-store.js';

export type Poller = {
	start(): void;
	stop(): void;
	/** Refreshes now unless a refresh is running; resolves when it is done. */
	refreshNow(): Promise<void>;
	/** After an action: a fresh load that starts once any running one is done, so it sees the change. */
	refreshAfterChange(): Promise<void>;
	/** Something changed (an event): a routine refresh now, or right after the running one, however many come. */
	wake(): void;
};

export type RefreshKind = 'first' | 'tick' | 'full';

export type PollerOptions = {
	store: TuiStore;
	/** `first`: a quick list at start; `tick`: a routine refresh, which may re-read only part of the host; `full`: read everything (start, Ctrl-R, after an action). */
	load: (kind: RefreshKind) => Promise<Discovery>;
	intervalMs: number;
	/** When a running refresh is reported as slow; the interval by default. */
	slowAfterMs?: number;
	/** Tests pass a fake to step through intervals and waits exactly. */
	clock?: Clock;
};

export function createPoller({
	store,
	load,
	intervalMs,
	slowAfterMs = intervalMs,
	clock = systemClock,
}: PollerOptions): Poller {
	let running: Promise<void> | null = null;
	let startedAtOfRunning = 0;
	let timer: Timer | null = null;
	/** An event came while a refresh ran (or before the first): one more routine refresh when it ends. */
	let woken = false;
	let wakeTimer: Timer | null = null;
	let lastEnded = 0;

	const refresh = (kind: RefreshKind): Promise<void> => {
		if (running) return running;
		const startedAt = clock.now();
		startedAtOfRunning = startedAt;
		const watchdog = clock.setTimeout(() => refreshSlow(store, startedAt), slowAfterMs);
		running = load(kind)
			.then(
				discovery => refreshSucceeded(store, discovery, clock.now()),
				(error: unknown) =>
					refreshFailed(store, error instanceof Error ? error.message : String(error)),
			)
			.finally(() => {
				clock.clear(watchdog);
				running = null;
				lastEnded = clock.now();
				if (woken && timer) wakeSoon();
			});
		return running;
	};

	// A few ms of grace, so the events of one change (a link and its addresses and routes) make one refresh;
	// and a gap after the last, so a host where something always changes is not read without pause.
	const wakeSoon = () => {
		woken = true;
		if (wakeTimer || running || !timer) return;
		wakeTimer = clock.setTimeout(
			() => {
				wakeTimer = null;
				if (running || !timer) return;
				if (store.getState().paused || store.getState().snapshot === null) return;
				woken = false;
				void refresh('tick');
			},
			Math.max(wakeGraceMs, lastEnded + wakeGapMs - clock.now()),
		);
	};

	return {
		start() {
			if (timer) return;
			timer = clock.setInterval(() => {
				if (!store.getState().paused && !running) void refresh('tick');
			}, intervalMs);
			if (running) return;
			if (store.getState().snapshot === null) void refresh('first').then(() => refresh('full'));
			else if (!store.getState().paused) void refresh('full');
		},
		stop() {
			clock.clear(timer);
			timer = null;
			clock.clear(wakeTimer);
			wakeTimer = null;
		},
		refreshNow() {
			if (running) {
				const seconds = Math.round((clock.now() - startedAtOfRunning) / 1000);
				showMessage(store, {
					text: `a refresh is already running (${seconds}s); it is not started twice`,
					kind: 'info',
				});
				return running;
			}
			return refresh('full');
		},
		async refreshAfterChange() {
			if (running) await running;
			return refresh('full');
		},
		wake: wakeSoon,
	};
}

const wakeGraceMs = 20;
const wakeGapMs = 250;
