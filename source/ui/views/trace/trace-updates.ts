// The trace view (T): why can't the selected namespace reach TO? TO is typed
// in the view; Enter traces, and the result, its probe and the path on the
// topology follow from there. Runs happen when the view asks (use-trace-run.ts).
import {lineOf, type LineEdit} from '../../../model/line-edit.js';
import {namespaceLabel, type Snapshot} from '../../../model/snapshot.js';
import {resolveDestination} from '../../../model/trace/endpoints.js';
import {pathMarks} from '../../../model/trace/path-marks.js';
import {endpointText} from '../../../model/trace/types.js';
import {showMessage} from '../../app/state-updates.js';
import type {TuiStore} from '../../app/tui-store.js';
import {deriveView} from '../../panes/derive-view.js';
import type {DetailsReader} from '../details/details-reader.js';
import type {TraceViewState} from '../full-view-state.js';
import {closeFullView, updateFullView} from '../full-view-updates.js';

export function openTrace(store: TuiStore): void {
	const selected = deriveView(store.getState()).selectedNamespace;
	if (!selected) {
		showMessage(store, {text: 'no namespace selected', kind: 'error'});
		return;
	}
	store.update({
		fullView: {
			kind: 'trace',
			from: selected.inode,
			input: lineOf(''),
			editing: true,
			request: 0,
			status: 'idle',
			trace: null,
			error: null,
			probe: null,
			top: 0,
		},
	});
}

/** Why TO cannot be traced to, as the user types it; null when it can. */
export function traceInputProblem(snapshot: Snapshot | null, text: string): string | null {
	if (text.trim() === '') return 'an address or a namespace, optionally :PORT (tcp) or :PORT/udp';
	if (!snapshot) return 'waiting for the first snapshot';
	const resolved = resolveDestination(snapshot, text.trim());
	return resolved.ok ? null : resolved.reason;
}

/** What a valid TO resolves to, as the prompt shows it: `192.168.15.6:8080/tcp (db)`. */
export function traceDestinationText(snapshot: Snapshot | null, text: string): string | null {
	if (!snapshot) return null;
	const resolved = resolveDestination(snapshot, text.trim());
	if (!resolved.ok) return null;
	const {address, port, protocol, namespace} = resolved.value;
	return `${port === null ? address : endpointText(address, port, protocol)}${namespace ? ` (${namespaceLabel(namespace)})` : ''}`;
}

export function setTraceInput(store: TuiStore, line: LineEdit): void {
	updateFullView(store, 'trace', () => ({input: line, error: null}));
}

/** Enter: trace to what is typed, if it can be. */
export function submitTrace(store: TuiStore): void {
	const state = store.getState();
	const view = state.fullView;
	if (view?.kind !== 'trace') return;
	const problem = traceInputProblem(state.snapshot, view.input.text);
	if (problem) {
		updateFullView(store, 'trace', () => ({error: problem}));
		return;
	}
	updateFullView(store, 'trace', current => ({
		editing: false,
		status: 'wanted',
		request: current.request + 1,
		error: null,
		trace: null,
		probe: null,
		top: 0,
	}));
}

/** e: type TO again, starting from what was traced. */
export function editTraceTarget(store: TuiStore): void {
	updateFullView(store, 'trace', () => ({editing: true}));
}

/** Esc while typing: back to the last trace, or out of the view when there is none. */
export function stopEditingTrace(store: TuiStore): void {
	const view = store.getState().fullView;
	if (view?.kind !== 'trace') return;
	if (view.trace === null && view.status === 'idle') closeFullView(store);
	else updateFullView(store, 'trace', () => ({editing: false, error: null}));
}

/** Ctrl-R: trace again from a new snapshot's point of view. */
export function retrace(store: TuiStore): void {
	updateFullView(store, 'trace', view =>
		view.editing ? null : {status: 'wanted', request: view.request + 1, probe: null},
	);
}

export function scrollTrace(store: TuiStore, top: number): void {
	updateFullView(store, 'trace', () => ({top: Math.max(top, 0)}));
}

/** Runs the trace the view wants, if it still wants it. */
export async function runWantedTrace(store: TuiStore, reader: DetailsReader): Promise<void> {
	const state = store.getState();
	const view = state.fullView;
	if (view?.kind !== 'trace' || view.status !== 'wanted') return;
	const {request, from} = view;
	const ns = state.snapshot?.namespaces.find(item => item.inode === from);
	const done = (patch: Partial<TraceViewState>) =>
		updateFullView(store, 'trace', current =>
			current.request === request ? {status: 'done', ...patch} : null,
		);
	if (!state.snapshot || !ns)
		return done({error: `namespace net:[${from}] is not in the latest snapshot (gone?)`});
	if (!reader.tracer) return done({error: 'tracing is not available here'});
	updateFullView(store, 'trace', () => ({status: 'tracing'}));
	// The first frames list namespaces before they are read: the trace needs every one it may pass.
	const snapshot = await settledSnapshot(store);
	if (!snapshot)
		return done({
			error: 'nstui has not read every namespace yet: trace again in a moment (Ctrl-R)',
		});
	try {
		const outcome = await reader.tracer.trace(snapshot, ns, view.input.text.trim());
		done(outcome.ok ? {trace: outcome.trace, error: null} : {error: outcome.reason});
	} catch (error) {
		done({error: error instanceof Error ? error.message : String(error)});
	}
}

const settleMs = 60_000;

/** The store's snapshot once no namespace in it is waiting for its first reading; null after a minute. */
function settledSnapshot(store: TuiStore): Promise<Snapshot | null> {
	const ready = () => {
		const snapshot = store.getState().snapshot;
		return snapshot && !snapshot.namespaces.some(ns => ns.pending) ? snapshot : null;
	};
	const now = ready();
	if (now) return Promise.resolve(now);
	return new Promise(resolve => {
		const finish = (snapshot: Snapshot | null) => {
			clearTimeout(timer);
			unsubscribe();
			resolve(snapshot);
		};
		const timer = setTimeout(() => finish(null), settleMs);
		const unsubscribe = store.subscribe(() => {
			const snapshot = ready();
			if (snapshot) finish(snapshot);
		});
	});
}

/** p: ping along the traced path with a capture on each hop's interfaces. */
export async function probeTrace(store: TuiStore, reader: DetailsReader): Promise<void> {
	const state = store.getState();
	const view = state.fullView;
	if (view?.kind !== 'trace' || !view.trace || !state.snapshot) {
		showMessage(store, {text: 'trace first (Enter), then probe', kind: 'error'});
		return;
	}
	if (!reader.tracer) return;
	if (view.probe?.status === 'running') return;
	const {request, trace} = view;
	updateFullView(store, 'trace', () => ({probe: {status: 'running', result: null, error: null}}));
	showMessage(store, {
		text: `probing: ping ${trace.to.address} from ${trace.from.label} with a capture on each hop…`,
		kind: 'info',
	});
	let probe: NonNullable<TraceViewState['probe']>;
	try {
		probe = {status: 'done', result: await reader.tracer.probe(state.snapshot, trace), error: null};
	} catch (error) {
		probe = {
			status: 'done',
			result: null,
			error: error instanceof Error ? error.message : String(error),
		};
	}
	updateFullView(store, 'trace', current => (current.request === request ? {probe} : null));
	if (probe.result)
		showMessage(store, {
			text: probe.result.lines.at(-1) ?? 'probe done',
			kind: probe.result.agrees ? 'info' : 'error',
		});
}

/** t: the topology, with the traced path highlighted and the cursor on FROM. */
export function showTracedPath(store: TuiStore): void {
	const state = store.getState();
	const view = state.fullView;
	if (view?.kind !== 'trace' || !view.trace) {
		showMessage(store, {text: 'trace first (Enter), then t shows the path', kind: 'error'});
		return;
	}
	const {trace} = view;
	const from = state.snapshot?.namespaces.find(ns => ns.inode === trace.from.namespace);
	const verdict = trace.broken
		? `✗ at ${trace[trace.broken.direction][trace.broken.hop]?.label ?? '?'}`
		: '✓';
	store.update({
		fullView: {
			kind: 'topology',
			cursor: trace.from.namespace,
			top: 0,
			filter: '',
			editingFilter: false,
			filterCursor: 0,
			nat: null,
			path: {
				marks: pathMarks(trace),
				title: `path ${from ? namespaceLabel(from) : trace.from.label} → ${trace.to.address} ${verdict}`,
				back: view,
			},
		},
	});
}
