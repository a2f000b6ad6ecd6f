// The state of the views that take the whole body instead of the panes (the
// topology, find, details, traffic, capture, trace). Their state lives in the
// store, so it survives an unmount; what is read from the system arrives there too.
import type {Firewall} from '../../model/firewall.js';
import type {NatNote} from '../../model/nat-notes.js';
import type {Neighbour} from '../../model/neighbours.js';

import type {Reading} from '../../model/reading.js';
import type {CaptureViewState} from '../../model/capture-view.js';
import type {LineEdit} from '../../model/line-edit.js';
import type {PathMarks} from '../../model/trace/path-marks.js';
import type {ProbeResult} from '../../model/trace/probe.js';
import type {Trace} from '../../model/trace/types.js';

export type {Reading};

export type TopologyViewState = {
	kind: 'topology';
	/** Inode of the namespace under the cursor; null: the first one drawn. */
	cursor: number | null;
	/** First drawing line on screen; null: wherever shows the cursor's box. */
	top: number | null;
	filter: string;
	editingFilter: boolean;
	/** Where the cursor is in the filter being typed. */
	filterCursor: number;
	/** NAT of the namespaces with a bridge, by inode; null until the view starts reading it. */
	nat: ReadonlyMap<number, NatNote> | null;
	/** A traced path to highlight (opened from the trace view with t), what it was, and the trace view to go back to. */
	path?: {marks: PathMarks; title: string; back: TraceViewState} | null;
};

export type FindViewState = {
	kind: 'find';
	term: string;
	/** Where the cursor is in the term. */
	cursor: number;
	/** Index into the results. */
	selected: number;
};

export type DetailsViewState = {
	kind: 'details';
	namespace: number;
	/** Which read the results belong to: a later Ctrl-R makes an earlier read's results stale. */
	request: number;
	/** 'wanted': to be read by the view when it is on screen (on open and on Ctrl-R). */
	status: 'wanted' | 'reading' | 'read';
	neighbours: Reading<Neighbour[]> | null;
	firewall: Reading<Firewall> | null;
	readAt: number | null;
	/** First line on screen. */
	top: number;
};

/** The traffic view (R): the host's veths and bridge ports by rate; the selected namespace's interfaces are added. */
export type TrafficViewState = {
	kind: 'traffic';
	/** Index into the rows. */
	selected: number;
};

/** The timeline (H): what changed since the TUI started, newest first. */
export type TimelineViewState = {
	kind: 'timeline';
	/** Index into the changes, newest first. */
	selected: number;
};

/** A live capture (c on an interface): tcpdump's lines, bounded; the capture itself is in capture-session.ts. */
export type CaptureViewStateFull = {
	kind: 'capture';
	namespace: number;
	namespaceLabel: string;
	interface: string;
	/** The BPF filter tcpdump was given ('' for none). */
	bpf: string;
	lines: CaptureViewState;
	running: boolean;
	/** How it ended (count, stop, size cap, tcpdump's message), null while running. */
	end: string | null;
	/** First line on screen; null: the newest lines, following what comes in. */
	top: number | null;
	editingFilter: boolean;
	filterCursor: number;
};

export type TraceViewState = {
	kind: 'trace';
	/** Inode of the namespace the trace starts in. */
	from: number;
	/** TO as typed: an address or a namespace, optionally :PORT[/udp]. */
	input: LineEdit;
	/** TO is being typed (on opening, and after e). */
	editing: boolean;
	/** Which run the results belong to: a later one makes an earlier one's results stale. */
	request: number;
	/** 'wanted': to be traced by the view when it is on screen (after Enter, and on Ctrl-R). */
	status: 'idle' | 'wanted' | 'tracing' | 'done';
	trace: Trace | null;
	/** Why the trace could not run (bad TO, FROM gone). */
	error: string | null;
	probe: {status: 'running' | 'done'; result: ProbeResult | null; error: string | null} | null;
	/** First line on screen. */
	top: number;
};

/** The state of whichever full view is open: one member per entry of the view registry. */
export type {FullView} from './registry.js';
