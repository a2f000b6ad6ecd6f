// The trace view's registry entry (T): TO typed in first, then the trace.
import type {TraceViewState} from '../full-view-state.js';
import type {ViewSpec} from '../view-spec.js';
import {TraceView} from './TraceView.js';
import {traceEditTables, traceTables} from './trace-keys.js';

export const traceView: ViewSpec<TraceViewState> = {
	kind: 'trace',
	Component: TraceView,
	tables: view => (view.editing ? traceEditTables : traceTables),
	help: [traceTables[0]!, traceEditTables[0]!],
};
