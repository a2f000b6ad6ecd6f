// The trace view's keys. While TO is typed: the line's keys, Enter traces, Esc
// goes back. Over a trace: e types TO again, p probes, t shows the path on the
// topology, Ctrl-R traces again, the shared scrolling, q / Esc / T back.
import type {KeyContext, KeyTable} from '../../keys/key-table.js';
import {lineTable} from '../../keys/line-keys.js';
import {helpKey} from '../../keys/pane-keys.js';
import {movedIndex, scrollTable} from '../../keys/scroll-keys.js';
import type {TraceViewState} from '../full-view-state.js';
import {closeFullView} from '../full-view-updates.js';
import {
	editTraceTarget,
	probeTrace,
	retrace,
	scrollTrace,
	setTraceInput,
	showTracedPath,
	stopEditingTrace,
	submitTrace,
} from './trace-updates.js';
import {traceChrome, traceViewLines} from './trace-view-lines.js';

const traceOf = ({store}: KeyContext): TraceViewState | null => {
	const view = store.getState().fullView;
	return view?.kind === 'trace' ? view : null;
};

export const traceEditTables: readonly KeyTable[] = [
	{
		title: 'Typing where to trace (T)',
		entries: [
			{
				keys: ['return'],
				description: 'trace to it: an address or a namespace, optionally :PORT or :PORT/udp',
				hint: 'trace',
				run: ({store}) => submitTrace(store),
			},
			{
				keys: ['escape'],
				description: 'back (to the last trace, or to the panes)',
				hint: 'back',
				run: ({store}) => stopEditingTrace(store),
			},
		],
	},
	lineTable({
		get: context => traceOf(context)?.input ?? null,
		set: ({store}, line) => setTraceInput(store, line),
	}),
];

export const traceTables: readonly KeyTable[] = [
	{
		title: 'In the trace view (T)',
		entries: [
			{
				keys: ['e'],
				description: 'trace to another address or namespace',
				hint: 'to…',
				run: ({store}) => editTraceTarget(store),
			},
			{
				keys: ['p'],
				description: 'probe: ping along the path with a capture (tcpdump) on each hop',
				hint: 'probe',
				// It sends traffic, if only between namespaces on this host: as p in the panes, not in a read-only session.
				changesSystem: true,
				run: ({store, reader}) => void probeTrace(store, reader),
			},
			{
				keys: ['t'],
				description: 'the topology, with the traced path highlighted',
				hint: 'path',
				run: ({store}) => showTracedPath(store),
			},
			{
				keys: ['C-r'],
				description: 'trace again',
				hint: 'retrace',
				run: ({store}) => retrace(store),
			},
			{
				keys: ['escape', 'q', 'T'],
				description: 'back to the panes',
				hint: 'back',
				run: ({store}) => closeFullView(store),
			},
			helpKey,
		],
	},
	scrollTable(
		(context, move) => {
			const view = traceOf(context);
			if (!view) return;
			const {width, bodyHeight} = context.layout();
			const height = Math.max(bodyHeight - traceChrome, 1);
			const last = Math.max(traceViewLines(view, width).length - height, 0);
			scrollTrace(context.store, movedIndex(Math.min(view.top, last), move, last + 1, height));
		},
		{what: 'line', title: 'Scrolling'},
	),
];
