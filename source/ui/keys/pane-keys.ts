// The keys of the panes layer (what works whichever pane has the focus), and
// of a pane's filter being typed. Each pane's own keys are in its registry entry.
import {openDetails} from '../views/details/details-updates.js';
import {openFind} from '../views/find/find-updates.js';
import {openTopology} from '../views/topology/topology-updates.js';
import {openTraffic} from '../views/traffic/traffic-updates.js';
import {openTimeline} from '../views/timeline/timeline-updates.js';
import {openTrace} from '../views/trace/trace-updates.js';
import {showWarnings} from '../views/warnings/warnings-updates.js';
import {
	openLog,
	toggleAllProcesses,
	toggleHelp,
	toggleLinkLocal,
	togglePause,
	toggleZoom,
} from '../app/state-updates.js';
import {paneRegistry} from '../panes/registry.js';
import {
	clearFilter,
	commitFilter,
	cycleFocus,
	filterLine,
	focusPane,
	moveSelection,
	setFilter,
	startFilter,
} from '../panes/pane-updates.js';
import type {KeyContext, KeyTable} from './key-table.js';
import {lineTable} from './line-keys.js';
import {scrollTable, type Move} from './scroll-keys.js';

const pageOf = ({store, layout}: KeyContext) => layout().panes[store.getState().focus].listRows;
const move = (context: KeyContext, to: Move) => moveSelection(context.store, to, pageOf(context));

export const panesTable: KeyTable = {
	title: 'Panes',
	entries: [
		{keys: ['tab'], description: 'next pane', hint: 'pane', run: ({store}) => cycleFocus(store, 1)},
		{keys: ['S-tab'], description: 'previous pane', run: ({store}) => cycleFocus(store, -1)},
		...paneRegistry.map(pane => ({
			keys: [pane.key],
			description: `focus ${pane.title}`,
			run: ({store}: KeyContext) => focusPane(store, pane.id),
		})),
		{
			keys: ['z'],
			description: 'zoom the focused pane to the whole screen, and back',
			run: ({store}) => toggleZoom(store),
		},
	],
};

export const paneMoveTable: KeyTable = scrollTable(move);

export const paneViewTable: KeyTable = {
	title: 'View',
	entries: [
		{
			keys: ['/'],
			description: 'new filter for this pane (Enter keeps, Esc clears)',
			hint: 'filter',
			run: ({store}) => startFilter(store),
		},
		{
			keys: ['escape'],
			description: "clear this pane's filter; out of the zoom",
			run: ({store}) =>
				store.getState().zoomed && store.getState().filters[store.getState().focus] === ''
					? toggleZoom(store)
					: clearFilter(store),
		},
		{
			keys: ['*'],
			description: 'Processes: of all namespaces / the selected one',
			hint: 'all ns',
			run: ({store}) => toggleAllProcesses(store),
		},
		{
			keys: ['A'],
			description: 'Interfaces: IPv6 link-local addresses shown / folded',
			run: ({store}) => toggleLinkLocal(store),
		},
		{
			keys: [' '],
			description: 'pause / resume live updates',
			hint: 'pause',
			run: ({store}) => togglePause(store),
		},
		{keys: ['C-r'], description: 'refresh now', run: ({refreshNow}) => refreshNow()},
		{
			keys: ['t'],
			description: 'topology of all namespaces (q Esc back)',
			hint: 'topology',
			run: ({store}) => openTopology(store),
		},
		{
			keys: ['F'],
			description: 'find anything: name, IP, MAC, PID, command',
			hint: 'find',
			run: ({store}) => openFind(store),
		},
		{
			keys: ['i'],
			description: "selected namespace's neighbours, iptables and traffic history",
			hint: 'details',
			run: ({store}) => openDetails(store),
		},
		{
			keys: ['R'],
			description:
				"traffic: the host's veths and bridge ports by rate, with the namespace at the other end",
			hint: 'traffic',
			run: ({store}) => openTraffic(store),
		},
		{
			keys: ['H'],
			description: 'timeline: what changed since nstui started, newest first (history)',
			hint: 'timeline',
			run: ({store}) => openTimeline(store),
		},
		{
			keys: ['T'],
			description: 'trace a path from the selected namespace to an address or namespace, and back',
			hint: 'trace',
			run: ({store}) => openTrace(store),
		},
		{
			keys: ['w'],
			description: 'warnings: what could not be read (counted in the header)',
			run: ({store}) => showWarnings(store),
		},
		{
			keys: ['l'],
			description: 'command log: what nstui ran',
			hint: 'log',
			run: ({store}) => openLog(store),
		},
	],
};

export const helpKey = {
	keys: ['?'],
	description: 'help: every key',
	hint: 'help',
	run: ({store}: KeyContext) => toggleHelp(store),
};
export const quitKey = {keys: ['C-c'], description: 'quit', run: ({quit}: KeyContext) => quit()};
/** Only changed cells are written (app/frame-stream.ts): after something else wrote on the screen, this mends it. */
export const redrawKey = {
	keys: ['C-l'],
	description: 'draw the whole screen again',
	run: ({redraw}: KeyContext) => redraw(),
};

export const programTable: KeyTable = {
	title: 'Program',
	entries: [
		helpKey,
		{keys: ['q', 'C-c'], description: 'quit', hint: 'quit', run: ({quit}) => quit()},
		redrawKey,
	],
};

/** While a pane's filter is typed: the line's keys, Enter and Esc, and the arrows still move. */
export const paneFilterTables: readonly KeyTable[] = [
	{
		title: "A pane's filter",
		entries: [
			{
				keys: ['return'],
				description: 'keep the filter',
				hint: 'keep',
				run: ({store}) => commitFilter(store),
			},
			{
				keys: ['escape'],
				description: 'clear the filter',
				hint: 'clear',
				run: ({store}) => clearFilter(store),
			},
		],
	},
	lineTable({get: ({store}) => filterLine(store), set: ({store}, line) => setFilter(store, line)}),
	scrollTable(move, {letters: false}),
];
