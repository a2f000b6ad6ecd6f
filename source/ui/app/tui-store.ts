// The TUI's state, kept outside React so it survives an unmount: the exec-shell
// action leaves the UI and mounts it again with selection, focus, filters and
// the latest data intact. Components read it with useTuiState (useSyncExternalStore).
import type {Selection} from '../../model/row-identity.js';
import type {SshSession} from '../../model/cut-off.js';
import type {Snapshot} from '../../model/snapshot.js';
import {Timeline} from '../../model/timeline/timeline.js';
import type {SocketReading} from '../../system/sockets.js';
import type {Rates} from '../../system/rates.js';
import type {Modal} from '../dialogs/dialog-state.js';
import type {FullView} from '../views/full-view-state.js';
import {perPane, type PaneId} from '../panes/registry.js';

export type {PaneId};

export type RefreshState = {
	running: boolean;
	startedAt: number | null;
	/** The running refresh has taken longer than the interval: what is shown is stale. */
	slow: boolean;
	/** When the data shown last changed (its first reading counts): an idle refresh changes nothing, so nothing is redrawn. */
	dataChangedAt: number | null;
	lastError: string | null;
};

/**
 * What covers everything and takes the keys: the help (its page; opened over
 * the command log it goes back to it) or the command log (scrolled `up` lines
 * from the newest).
 */
export type Overlay = {kind: 'help'; over?: 'log'; page: number} | {kind: 'log'; up: number};

export type Message = {text: string; kind: 'info' | 'error'};

/** Traffic: the rates of the namespaces looked at (the host, the selected one, those a view shows), and their recent history. */
export type TrafficState = {
	rates: Rates;
	/** `${inode}:${ifindex}` -> bytes per second (rx + tx), oldest first: the sparklines. */
	history: ReadonlyMap<string, readonly number[]>;
	at: number;
};

export type TuiState = {
	snapshot: Snapshot | null;
	warnings: readonly string[];
	refresh: RefreshState;
	paused: boolean;
	focus: PaneId;
	selection: Readonly<Record<PaneId, Selection | null>>;
	filters: Readonly<Record<PaneId, string>>;
	/** The focused pane's filter is being typed. */
	editingFilter: boolean;
	/** Where the cursor is in the filter being typed. */
	filterCursor: number;
	/** Of two panes that share a place (place.shares), the one shown, by the id of the place's owner; the owner when not set. */
	sharedPlaces: Readonly<Record<string, PaneId>>;
	/** The focused pane is shown over the whole body (z); the number keys and Tab change which. */
	zoomed: boolean;
	/** Processes pane lists every process, not only the selected namespace's. */
	allProcesses: boolean;
	/** Interfaces pane shows IPv6 link-local addresses too (every link has one: folded away by default). */
	showLinkLocal: boolean;
	/** The selected namespace's sockets, as last read (each refresh, and when the selection moves). */
	sockets: SocketReading | null;
	/** Sockets pane lists Unix sockets too. */
	showUnixSockets: boolean;
	traffic: TrafficState | null;
	overlay: Overlay | null;
	/** A dialog (form, confirmation, popup) over the lower panes; it takes the keys. */
	modal: Modal | null;
	/** The topology, find or details view, shown instead of the panes. */
	fullView: FullView | null;
	/** The last action's result or the last problem, for the status bar. */
	message: Message | null;
	/** Row ids that are new or changed in the latest refresh, highlighted for a moment. */
	changed: ReadonlySet<string>;
	changedAt: number | null;
	/** The operator's SSH session and the interfaces it takes (null: not under SSH, or not known yet). */
	sshSession: SshSession | null;
	/**
	 * What changed since the TUI started, newest last and bounded (it says how
	 * many older ones it let go). One object for the session, filled as each
	 * reading comes in: its changes come with a new snapshot, which redraws.
	 */
	timeline: Timeline;
};

export type TuiStore = {
	getState(): TuiState;
	subscribe(listener: () => void): () => void;
	update(change: Partial<TuiState> | ((state: TuiState) => Partial<TuiState>)): void;
};

export function initialTuiState(): TuiState {
	return {
		snapshot: null,
		warnings: [],
		refresh: {running: false, startedAt: null, slow: false, dataChangedAt: null, lastError: null},
		paused: false,
		focus: 'namespaces',
		selection: perPane(() => null),
		filters: perPane(() => ''),
		editingFilter: false,
		filterCursor: 0,
		sharedPlaces: {},
		zoomed: false,
		allProcesses: false,
		showLinkLocal: false,
		sockets: null,
		showUnixSockets: false,
		traffic: null,
		overlay: null,
		modal: null,
		fullView: null,
		message: null,
		changed: new Set(),
		changedAt: null,
		sshSession: null,
		timeline: new Timeline(),
	};
}

export function createTuiStore(initial: Partial<TuiState> = {}): TuiStore {
	let state: TuiState = {...initialTuiState(), ...initial};
	const listeners = new Set<() => void>();
	return {
		getState: () => state,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		update(change) {
			const patch = typeof change === 'function' ? change(state) : change;
			// A patch that changes nothing must not redraw: at 1,000 namespaces a frame costs tens of ms.
			if (
				(Object.keys(patch) as Array<keyof TuiState>).every(key =>
					Object.is(patch[key], state[key]),
				)
			)
				return;
			state = {...state, ...patch};
			for (const listener of listeners) listener();
		},
	};
}
