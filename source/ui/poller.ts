// Live updates: loads a new snapshot every interval, never two at once, and
// marks the data stale when a load takes longer than the interval. Lives outside
// React so an unmount (exec-shell) can stop it and a remount start it again.
import type {Discovery} from '../system/discover.js';
import {refreshFailed, refreshSlow, refreshStarted, refreshSucceeded, showMessage} from './tui-actions.js';
import type {TuiStore} from './tui-store.js';

export type Poller = {
	start(): void;
	stop(): void;
	/** Refreshes now unless a refresh is running; resolves when it is done. */
	refreshNow(): Promise<void>;
	/** After an action: a fresh load that starts once any running one is done, so it sees the change. */
	refreshAfterChange(): Promise<void>;
};

export type RefreshKind = 'tick' | 'full';

export type PollerOptions = {
	store: TuiStore;
	/** `tick`: a routine refresh, which may re-read only part of the host; `full`: read everything (start, Ctrl-R, after an action). */
	load: (kind: RefreshKind) => Promise<Discovery>;
	intervalMs: number;
	/** When a running refresh is reported as slow; the interval by default. */
	slowAfterMs?: number;
};

export function createPoller({store, load, intervalMs, slowAfterMs = intervalMs}: PollerOptions): Poller {
	let running: Promise<void> | null = null;
	let timer: NodeJS.Timeout | null = null;

	const refresh = (kind: RefreshKind): Promise<void> => {
		if (running) return running;
		refreshStarted(store, Date.now());
		const watchdog = setTimeout(() => refreshSlow(store), slowAfterMs);
		running = load(kind)
			.then(
				discovery => refreshSucceeded(store, discovery, Date.now()),
				(error: unknown) => refreshFailed(store, error instanceof Error ? error.message : String(error)),
			)
			.finally(() => {
				clearTimeout(watchdog);
				running = null;
			});
		return running;
	};

	return {
		start() {
			if (timer) return;
			timer = setInterval(() => {
				if (!store.getState().paused && !running) void refresh('tick');
			}, intervalMs);
			if (!running && (store.getState().snapshot === null || !store.getState().paused)) void refresh('full');
		},
		stop() {
			if (timer) clearInterval(timer);
			timer = null;
		},
		refreshNow() {
			if (running) {
				const startedAt = store.getState().refresh.startedAt;
				const seconds = startedAt === null ? 0 : Math.round((Date.now() - startedAt) / 1000);
				showMessage(store, {text: `a refresh is already running (${seconds}s); it is not started twice`, kind: 'info'});
				return running;
			}
			return refresh('full');
		},
		async refreshAfterChange() {
			if (running) await running;
			return refresh('full');
		},
	};
}
