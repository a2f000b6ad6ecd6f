// Every key of the TUI, as data: the input hook dispatches from it, the help
// overlay and the status bar render from it. An action key is one more entry
// (with `changesSystem: true`, so read-only sessions show it as unavailable).
import type {Key} from 'ink';
import type {ActionHost} from '../app/action-host.js';
import {actionBindings} from './action-keys.js';
import {openDetails} from '../views/details/details-updates.js';
import {openFind} from '../views/find/find-updates.js';
import {openTopology} from '../views/topology/topology-updates.js';
import {showWarnings} from '../views/warnings/warnings-updates.js';
import {
	activate,
	clearFilter,
	cycleFocus,
	focusPane,
	moveSelection,
	startFilter,
	toggleAllProcesses,
	toggleLinkLocal,
	toggleHelp,
	togglePause,
} from '../app/state-updates.js';
import type {PaneId, TuiStore} from '../app/tui-store.js';

export type KeyContext = {
	store: TuiStore;
	refreshNow(): void;
	quit(): void;
	/** Rows of a pane's list on screen, for PgUp/PgDn. */
	pageSize(pane: PaneId): number;
	/** For the action keys: refresh after a change, hand the terminal to a shell. */
	host: ActionHost;
};

export type KeyGroup = 'Panes' | 'Move' | 'View' | 'Actions' | 'Program';

export type KeyBinding = {
	/** As the help shows it, e.g. `j ↓`. */
	keys: string;
	description: string;
	group: KeyGroup;
	/** The panes where the key does something; every pane when left out. */
	panes?: readonly PaneId[];
	/** Short text for the status bar's key line, per pane. */
	hint?: string | Partial<Record<PaneId, string>>;
	/** Changes the system: not run in a read-only session. */
	changesSystem?: boolean;
	matches(input: string, key: Key): boolean;
	run(context: KeyContext): void;
};

const plainKey = (char: string) => (input: string, key: Key) => input === char && !key.ctrl && !key.meta;
const ctrlKey = (char: string) => (input: string, key: Key) => key.ctrl && input === char;

const focusBinding = (digit: string, pane: PaneId): KeyBinding => ({
	keys: digit,
	description: `focus ${pane}`,
	group: 'Panes',
	matches: plainKey(digit),
	run: ({store}) => focusPane(store, pane),
});

export const keyMap: readonly KeyBinding[] = [
	{
		keys: 'Tab',
		description: 'next pane',
		group: 'Panes',
		hint: 'Tab pane',
		matches: (_input, key) => key.tab && !key.shift,
		run: ({store}) => cycleFocus(store, 1),
	},
	{
		keys: 'Shift-Tab',
		description: 'previous pane',
		group: 'Panes',
		matches: (_input, key) => key.tab && key.shift,
		run: ({store}) => cycleFocus(store, -1),
	},
	focusBinding('1', 'namespaces'),
	focusBinding('2', 'interfaces'),
	focusBinding('3', 'routes'),
	focusBinding('4', 'processes'),
	{
		keys: 'k ↑',
		description: 'move up',
		group: 'Move',
		matches: (input, key) => key.upArrow || plainKey('k')(input, key),
		run: ({store}) => moveSelection(store, -1),
	},
	{
		keys: 'j ↓',
		description: 'move down',
		group: 'Move',
		matches: (input, key) => key.downArrow || plainKey('j')(input, key),
		run: ({store}) => moveSelection(store, 1),
	},
	{
		keys: 'PgUp',
		description: 'page up',
		group: 'Move',
		matches: (_input, key) => key.pageUp,
		run: ({store, pageSize}) => moveSelection(store, -Math.max(pageSize(store.getState().focus) - 1, 1)),
	},
	{
		keys: 'PgDn',
		description: 'page down',
		group: 'Move',
		matches: (_input, key) => key.pageDown,
		run: ({store, pageSize}) => moveSelection(store, Math.max(pageSize(store.getState().focus) - 1, 1)),
	},
	{
		keys: 'g Home',
		description: 'first row',
		group: 'Move',
		matches: (input, key) => key.home || plainKey('g')(input, key),
		run: ({store}) => moveSelection(store, 'first'),
	},
	{
		keys: 'G End',
		description: 'last row',
		group: 'Move',
		matches: (input, key) => key.end || plainKey('G')(input, key),
		run: ({store}) => moveSelection(store, 'last'),
	},
	{
		keys: 'Enter',
		description: 'open: interfaces, veth peer, process → namespace',
		group: 'Move',
		panes: ['namespaces', 'interfaces', 'processes'],
		hint: {namespaces: 'Enter interfaces', interfaces: 'Enter veth peer', processes: 'Enter go to ns'},
		matches: (_input, key) => key.return,
		run: ({store}) => activate(store),
	},
	{
		keys: '/',
		description: 'new filter for this pane (Enter keeps, Esc clears)',
		group: 'View',
		hint: '/ filter',
		matches: plainKey('/'),
		run: ({store}) => startFilter(store),
	},
	{
		keys: 'Esc',
		description: "clear this pane's filter",
		group: 'View',
		matches: (_input, key) => key.escape,
		run: ({store}) => clearFilter(store),
	},
	{
		keys: '*',
		description: 'processes of all / selected namespace',
		group: 'View',
		panes: ['processes'],
		hint: {processes: '* all ns'},
		matches: plainKey('*'),
		run: ({store}) => toggleAllProcesses(store),
	},
	{
		keys: 'A',
		description: 'Interfaces: IPv6 link-local addresses shown / folded',
		group: 'View',
		matches: plainKey('A'),
		run: ({store}) => toggleLinkLocal(store),
	},
	{
		keys: 'Space',
		description: 'pause / resume live updates',
		group: 'View',
		hint: 'Space pause',
		matches: plainKey(' '),
		run: ({store}) => togglePause(store),
	},
	{
		keys: 'Ctrl-R',
		description: 'refresh now',
		group: 'View',
		matches: ctrlKey('r'),
		run: ({refreshNow}) => refreshNow(),
	},
	{
		keys: 't',
		description: 'topology of all namespaces (q Esc back)',
		group: 'View',
		hint: 't topology',
		matches: plainKey('t'),
		run: ({store}) => openTopology(store),
	},
	{
		keys: 'F',
		description: 'find anything: name, IP, MAC, PID, command',
		group: 'View',
		hint: 'F find',
		matches: plainKey('F'),
		run: ({store}) => openFind(store),
	},
	{
		keys: 'i',
		description: "selected namespace's neighbours and iptables",
		group: 'View',
		hint: {namespaces: 'i details'},
		matches: plainKey('i'),
		run: ({store}) => openDetails(store),
	},
	{
		keys: 'w',
		description: 'warnings: what could not be read (counted in the header)',
		group: 'View',
		matches: plainKey('w'),
		run: ({store}) => showWarnings(store),
	},
	...actionBindings,
	{
		keys: '?',
		description: 'this help',
		group: 'Program',
		hint: '? help',
		matches: plainKey('?'),
		run: ({store}) => toggleHelp(store),
	},
	{
		keys: 'q Ctrl-C',
		description: 'quit',
		group: 'Program',
		hint: 'q quit',
		matches: (input, key) => plainKey('q')(input, key) || ctrlKey('c')(input, key),
		run: ({quit}) => quit(),
	},
];

export const keyGroups: readonly KeyGroup[] = ['Panes', 'Move', 'View', 'Actions', 'Program'];

export function findBinding(input: string, key: Key, bindings: readonly KeyBinding[] = keyMap): KeyBinding | undefined {
	return bindings.find(binding => binding.matches(input, key));
}

/** The status bar's key line: what is special to the pane first, then the keys that work everywhere. */
export function hintsFor(pane: PaneId, bindings: readonly KeyBinding[] = keyMap): string[] {
	const special = bindings.flatMap(binding => (typeof binding.hint === 'object' && binding.hint[pane] ? [binding.hint[pane]] : []));
	const everywhere = bindings.flatMap(binding => (typeof binding.hint === 'string' && (!binding.panes || binding.panes.includes(pane)) ? [binding.hint] : []));
	return [...special, ...everywhere];
}
