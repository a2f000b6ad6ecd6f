// The keys inside the full views (topology, find, details), as data: their input
// hooks dispatch from these lists and the status bar's key line renders from them
// while a view is open. Inside a view, q goes back to the panes, as in htop's and
// k9s's sub-views and in this program's own help; Ctrl-C still quits from anywhere.
import type {Key} from 'ink';
import type {DrawingLine} from '../../model/topology/drawing.js';
import type {TopologyMove} from '../../model/topology/cursor.js';
import {closeFullView} from '../views/full-view-updates.js';
import type {FullView} from '../views/full-view-state.js';
import {rereadDetails, scrollDetails} from '../views/details/details-updates.js';
import {clearTopologyFilter, enterFromTopology, moveInTopology, startTopologyFilter} from '../views/topology/topology-updates.js';
import {toggleHelp} from '../app/state-updates.js';
import type {TuiStore} from '../app/tui-store.js';

export type ViewKey<Context> = {
	/** As the help shows it. */
	keys: string;
	description: string;
	/** Short text for the status bar's key line. */
	hint?: string;
	matches(input: string, key: Key): boolean;
	run(context: Context): void;
};

const plain = (...chars: string[]) => (input: string, key: Key) => chars.includes(input) && !key.ctrl && !key.meta;
const ctrlR = (input: string, key: Key) => key.ctrl && input === 'r';

export type TopologyKeyContext = {
	store: TuiStore;
	lines: readonly DrawingLine[];
	/** Drawing lines on screen. */
	height: number;
	/** Ctrl-R: a new snapshot and the NAT rules read again. */
	reload(): void;
};

const topologyMove = (move: TopologyMove) => ({store, lines, height}: TopologyKeyContext) => moveInTopology(store, lines, move, height);

export const topologyKeys: readonly ViewKey<TopologyKeyContext>[] = [
	{keys: 'j ↓', description: 'next namespace', matches: (input, key) => key.downArrow || plain('j')(input, key), run: topologyMove(1)},
	{keys: 'k ↑', description: 'previous namespace', hint: 'jk move', matches: (input, key) => key.upArrow || plain('k')(input, key), run: topologyMove(-1)},
	{keys: 'PgDn', description: 'page down', matches: (_input, key) => key.pageDown, run: topologyMove('pageDown')},
	{keys: 'PgUp', description: 'page up', matches: (_input, key) => key.pageUp, run: topologyMove('pageUp')},
	{keys: 'g Home', description: 'first namespace, top', matches: (input, key) => key.home || plain('g')(input, key), run: topologyMove('first')},
	{keys: 'G End', description: 'last namespace, bottom', matches: (input, key) => key.end || plain('G')(input, key), run: topologyMove('last')},
	{
		keys: 'Enter',
		description: 'back to the panes with this namespace selected',
		hint: 'Enter select',
		matches: (_input, key) => key.return,
		run: ({store, lines, height}) => enterFromTopology(store, lines, height),
	},
	{
		keys: '/',
		description: 'new filter: matching namespaces and their neighbours',
		hint: '/ filter',
		matches: plain('/'),
		run: ({store}) => startTopologyFilter(store),
	},
	{keys: 'Ctrl-R', description: 'refresh and read NAT rules again', hint: 'Ctrl-R reread', matches: ctrlR, run: ({reload}) => reload()},
	{
		keys: 'Esc',
		description: 'clear the filter, else back',
		matches: (_input, key) => key.escape,
		run: ({store}) => (isFiltered(store) ? clearTopologyFilter(store) : closeFullView(store)),
	},
	{keys: 'q t', description: 'back to the panes', hint: 'q Esc back', matches: plain('q', 't'), run: ({store}) => closeFullView(store)},
	{keys: '?', description: 'help', hint: '? help', matches: plain('?'), run: ({store}) => toggleHelp(store)},
];

export function topologyKeyFor(input: string, key: Key): ((context: TopologyKeyContext) => void) | null {
	return topologyKeys.find(entry => entry.matches(input, key))?.run ?? null;
}

function isFiltered(store: TuiStore): boolean {
	const view = store.getState().fullView;
	return view?.kind === 'topology' && view.filter !== '';
}

export type DetailsKeyContext = {
	store: TuiStore;
	top: number;
	/** Lines on screen. */
	height: number;
	/** Lines in all. */
	total: number;
};

const scrollTo = (to: (context: DetailsKeyContext) => number) => (context: DetailsKeyContext) =>
	scrollDetails(context.store, Math.min(to(context), Math.max(context.total - context.height, 0)));

export const detailsKeys: readonly ViewKey<DetailsKeyContext>[] = [
	{keys: 'j ↓', description: 'scroll down', matches: (input, key) => key.downArrow || plain('j')(input, key), run: scrollTo(({top}) => top + 1)},
	{keys: 'k ↑', description: 'scroll up', hint: 'jk scroll', matches: (input, key) => key.upArrow || plain('k')(input, key), run: scrollTo(({top}) => top - 1)},
	{keys: 'PgDn', description: 'page down', matches: (_input, key) => key.pageDown, run: scrollTo(({top, height}) => top + Math.max(height - 1, 1))},
	{keys: 'PgUp', description: 'page up', matches: (_input, key) => key.pageUp, run: scrollTo(({top, height}) => top - Math.max(height - 1, 1))},
	{keys: 'g Home', description: 'top', matches: (input, key) => key.home || plain('g')(input, key), run: scrollTo(() => 0)},
	{keys: 'G End', description: 'bottom', matches: (input, key) => key.end || plain('G')(input, key), run: scrollTo(({total}) => total)},
	{keys: 'Ctrl-R', description: 'read again', hint: 'Ctrl-R reread', matches: ctrlR, run: ({store}) => rereadDetails(store)},
	{
		keys: 'Esc q i',
		description: 'back to the panes',
		hint: 'q Esc back',
		matches: (input, key) => key.escape || plain('q', 'i')(input, key),
		run: ({store}) => closeFullView(store),
	},
	{keys: '?', description: 'help', hint: '? help', matches: plain('?'), run: ({store}) => toggleHelp(store)},
];

/** Find's keys are handled by its prompt and its input hook; listed here for the status bar. */
export const findKeys: readonly Pick<ViewKey<never>, 'keys' | 'description' | 'hint'>[] = [
	{keys: 'type', description: 'name, IP or prefix, MAC, PID, command', hint: 'type to find'},
	{keys: '↑ ↓ PgUp PgDn', description: 'choose a result', hint: '↑↓ choose'},
	{keys: 'Enter', description: 'go there in the panes', hint: 'Enter go there'},
	{keys: 'Esc', description: 'back to the panes', hint: 'Esc back'},
];

const filterHints = 'type to filter · Enter keep · Esc clear';

/** The status bar's key line while a full view is open. */
export function fullViewHints(view: FullView): string {
	if (view.kind === 'topology' && view.editingFilter) return filterHints;
	const keys: readonly {hint?: string}[] = view.kind === 'topology' ? topologyKeys : view.kind === 'details' ? detailsKeys : findKeys;
	const hints = keys.flatMap(entry => (entry.hint && entry.hint !== '? help' ? [entry.hint] : []));
	// `? help` last, where the panes' key line has it too (find types `?` into its search).
	if (view.kind !== 'find') hints.push('Ctrl-C quit', '? help');
	return hints.join('  ');
}
