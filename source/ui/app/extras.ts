// The readings for what is on screen, beside discovery: the selected namespace's sockets, and
// the rates of the host's and the selected namespace's interfaces (the traffic
// view lists those). Read after every refresh and when the selection moves;
// never for all namespaces, so the cost stays what is on screen.
import {namespaceTargetOf, nsfsPathOf} from '../../model/namespace-target.js';
import type {Namespace} from '../../model/snapshot.js';
import {namespaceOfPid} from '../../system/procfs.js';
import {bytesPerSecondText, packetsPerSecondText, problemsText} from '../../model/link-rates.js';
import {RateTracker, type RatePlace, type Rates} from '../../system/rates.js';
import {readSockets, type SocketReading} from '../../system/sockets.js';
import {deriveView} from '../panes/derive-view.js';
import {rateColumnsFit} from '../panes/interfaces/rate-room.js';
import {hiddenPanes} from '../panes/pane-updates.js';
import type {TuiState, TuiStore} from './tui-store.js';

export type ExtrasOptions = {
	readSockets?: typeof readSockets;
	tracker?: RateTracker;
};

export class ExtrasReader {
	private running: Promise<void> | null = null;
	private again = false;
	private readonly tracker: RateTracker;
	private readonly readSocketsOf: typeof readSockets;
	private watched: string | null = null;
	private unsubscribe: (() => void) | null = null;

	constructor(
		private readonly store: TuiStore,
		options: ExtrasOptions = {},
	) {
		this.tracker = options.tracker ?? new RateTracker();
		this.readSocketsOf = options.readSockets ?? readSockets;
	}

	/** Also reads when the selected namespace or the Unix toggle changes, not only after a refresh. */
	follow(): () => void {
		this.unsubscribe ??= this.store.subscribe(() => {
			const key = watchedKey(this.store.getState());
			if (key === this.watched) return;
			this.watched = key;
			void this.read();
		});
		return () => {
			this.unsubscribe?.();
			this.unsubscribe = null;
		};
	}

	/** Reads now; while a read runs, once more after it. */
	read(): Promise<void> {
		if (this.running) {
			this.again = true;
			return this.running;
		}
		this.running = this.work().finally(() => {
			this.running = null;
			if (this.again) {
				this.again = false;
				void this.read();
			}
		});
		return this.running;
	}

	private async work(): Promise<void> {
		const state = this.store.getState();
		if (!state.snapshot || state.paused) return;
		const selected = deriveView(state).selectedNamespace;
		const host = state.snapshot.namespaces.find(ns => ns.root) ?? null;
		const self = namespaceOfPid('self');
		const places: RatePlace[] = [];
		for (const ns of [host, selected]) {
			if (!ns || places.some(place => place.inode === ns.inode)) continue;
			const target = namespaceTargetOf(ns, self);
			if (target) places.push({inode: ns.inode, path: nsfsPathOf(target), namespace: ns});
		}
		// Sockets only while their pane is on screen; rates always (the sparklines need every sample).
		const wanted = selected && socketsShown(state) ? selected : null;
		const [sockets] = await Promise.all([
			wanted ? this.readSocketsOf(wanted, {unix: state.showUnixSockets}) : Promise.resolve(null),
			this.tracker.refresh(places),
		]);
		this.store.update(now => ({
			sockets:
				wanted === null ? now.sockets : sameSockets(now.sockets, sockets) ? now.sockets : sockets,
			// Rates that read as before where they are on screen keep the store's object, so an idle TUI
			// does not redraw every tick (nor for the host's traffic, such as the SSH session's own, while
			// another namespace is shown); the details view's sparklines take every sample.
			traffic:
				now.traffic &&
				now.fullView?.kind !== 'details' &&
				shownRatesText(now, now.traffic.rates) === shownRatesText(now, this.tracker.rates)
					? now.traffic
					: {rates: this.tracker.rates, history: this.tracker.history.copy(), at: Date.now()},
		}));
	}
}

const watchedKey = (state: TuiState) => {
	if (!state.snapshot) return null;
	const selected: Namespace | null = deriveView(state).selectedNamespace;
	// The view too: the details view, opened, wants the history kept meanwhile. Zoom may make room for the rates.
	return `${selected?.inode ?? '-'} ${state.showUnixSockets} ${socketsShown(state)} ${state.fullView?.kind ?? '-'} ${state.zoomed}`;
};

/** The rates on screen: the traffic view's (every namespace read), else the selected namespace's, where the Interfaces pane has room for them. */
function shownRatesText(state: TuiState, rates: Rates): string {
	if (state.fullView?.kind === 'traffic') return ratesText(rates);
	if (!rateColumnsFit()) return '';
	const selected = deriveView(state).selectedNamespace;
	const links = selected && rates.get(selected.inode);
	return selected && links ? ratesText(new Map([[selected.inode, links]])) : '';
}

/** The rates as the panes and the traffic view write them. */
const ratesText = (rates: Rates) =>
	[...rates]
		.map(
			([inode, links]) =>
				`${inode}:${[...links.values()].map(rate => `${rate.ifindex} ${bytesPerSecondText(rate.rxBytesPerSecond)} ${bytesPerSecondText(rate.txBytesPerSecond)} ${packetsPerSecondText(rate.rxPacketsPerSecond)} ${packetsPerSecondText(rate.txPacketsPerSecond)} ${problemsText(rate)}`).join(',')}`,
		)
		.join(';');

/** The Sockets pane is in front of the Processes pane, and no view covers the panes. */
const socketsShown = (state: TuiState) =>
	!hiddenPanes(state).has('sockets') && state.fullView === null && state.overlay === null;

/** A read that found the same sockets keeps the object the store has, so nothing is redrawn for it. */
const sameSockets = (a: SocketReading | null, b: SocketReading | null) =>
	a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b);
