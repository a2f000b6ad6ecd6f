// The topology view's keys, and those of its filter while it is typed. Inside
// a view, q goes back to the panes, as in htop's and k9s's sub-views; Ctrl-C
// still quits from anywhere.
import type {KeyContext, KeyTable} from '../../keys/key-table.js';
import {lineTable} from '../../keys/line-keys.js';
import {helpKey} from '../../keys/pane-keys.js';
import {scrollTable} from '../../keys/scroll-keys.js';
import type {TopologyViewState} from '../full-view-state.js';
import {
	clearTopologyFilter,
	commitTopologyFilter,
	enterFromTopology,
	leaveTopology,
	moveInTopology,
	readTopologyNat,
	setTopologyFilter,
	startTopologyFilter,
} from './topology-updates.js';
import {topologyDrawing} from './use-topology-drawing.js';

const topologyOf = ({store}: KeyContext): TopologyViewState | null => {
	const view = store.getState().fullView;
	return view?.kind === 'topology' ? view : null;
};

/** The drawing on screen and the lines it has room for, as the view lays them out. */
function onScreen(context: KeyContext) {
	const view = topologyOf(context);
	const {width, bodyHeight} = context.layout();
	return {
		lines: view ? topologyDrawing(context.store.getState().snapshot, view, width - 1).lines : [],
		height: Math.max(bodyHeight - (view?.path ? 2 : 1), 1),
	};
}

export const topologyTables: readonly KeyTable[] = [
	{
		title: 'In the topology view (t)',
		entries: [
			{
				keys: ['return'],
				description: 'back to the panes with this namespace selected',
				hint: 'select',
				run: context => {
					const {lines, height} = onScreen(context);
					enterFromTopology(context.store, lines, height);
				},
			},
			{
				keys: ['/'],
				description: 'new filter: matching namespaces and their neighbours',
				hint: 'filter',
				run: ({store}) => startTopologyFilter(store),
			},
			{
				keys: ['C-r'],
				description: 'refresh and read NAT rules again',
				hint: 'reread',
				run: context => {
					context.refreshNow();
					void readTopologyNat(context.store, context.reader);
				},
			},
			{
				keys: ['escape'],
				description: 'clear the filter, else back',
				run: context =>
					topologyOf(context)?.filter
						? clearTopologyFilter(context.store)
						: leaveTopology(context.store),
			},
			{
				keys: ['q', 't'],
				description: 'back to the panes (to the trace, when it shows a traced path)',
				hint: 'back',
				run: ({store}) => leaveTopology(store),
			},
			helpKey,
		],
	},
	scrollTable(
		(context, move) => {
			const {lines, height} = onScreen(context);
			moveInTopology(context.store, lines, move, height);
		},
		{what: 'namespace', title: 'Moving in the topology'},
	),
];

export const topologyFilterTables: readonly KeyTable[] = [
	{
		title: "The topology's filter",
		entries: [
			{
				keys: ['return'],
				description: 'keep the filter',
				hint: 'keep',
				run: ({store}) => commitTopologyFilter(store),
			},
			{
				keys: ['escape'],
				description: 'clear the filter',
				hint: 'clear',
				run: ({store}) => clearTopologyFilter(store),
			},
		],
	},
	lineTable({
		get: context => {
			const view = topologyOf(context);
			return view
				? {text: view.filter, cursor: Math.min(view.filterCursor, view.filter.length)}
				: null;
		},
		set: ({store}, line) => setTopologyFilter(store, line),
	}),
];
