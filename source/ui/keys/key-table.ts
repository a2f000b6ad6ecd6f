// The one shape every key of the TUI has: the input hook dispatches from these
// tables, the help and the status bar's key line render from them, so a key is
// written down once. Each layer (the panes, a full view, a dialog, an overlay)
// has its tables; only the top layer's are active (see layers.ts).
import type {ActionHost} from '../app/action-host.js';
import type {TuiLayout} from '../app/layout.js';
import type {TuiStore} from '../app/tui-store.js';
import type {PaneOps} from '../panes/pane-ops.js';
import type {DetailsReader} from '../views/details/details-reader.js';
import type {KeyPress} from './key-press.js';

export type KeyContext = {
	store: TuiStore;
	quit(): void;
	refreshNow(): void;
	/** Draws the whole screen again (the terminal is written only where cells change). */
	redraw(): void;
	/** For the action keys: refresh after a change, hand the terminal to a shell. */
	host: ActionHost;
	/** Why the session cannot change the system, or null. */
	readOnly: string | null;
	/** Where everything is on screen, as last laid out (for page sizes). */
	layout(): TuiLayout;
	/** Reads neighbours and iptables rules (details, topology's NAT notes). */
	reader: DetailsReader;
	/** The panes' selection and focus, for the keys in a pane's registry entry (see pane-ops.ts). */
	panes: PaneOps;
};

export type KeyEntry = {
	/** The keys, as ids (key-press.ts): `j`, `down`, `C-r`. The help shows their labels. */
	keys: readonly string[];
	description: string;
	/** A word or two for the status bar's key line, after the first key's label: `t topology`. */
	hint?: string;
	/** Changes the system: refused in a read-only session. */
	changesSystem?: boolean;
	/** Why the key does nothing here (said in the status bar), or null. */
	unavailable?(context: KeyContext): string | null;
	run(context: KeyContext, press: KeyPress): void;
};

export type KeyTable = {
	/** The group's title in the help. */
	title: string;
	entries: readonly KeyEntry[];
	/** What a key no entry takes does (text typed into a field); help describes it as `typing`. */
	typing?: {description: string; run(context: KeyContext, press: KeyPress): void};
};

export const entryFor = (tables: readonly KeyTable[], id: string): KeyEntry | undefined => {
	for (const table of tables) {
		const entry = table.entries.find(item => item.keys.includes(id));
		if (entry) return entry;
	}
	return undefined;
};
