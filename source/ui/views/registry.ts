// Every full view. To add a view: a folder views/<view>/ with its state type,
// component, keys and entry (see view-spec.ts and docs/architecture.md), and
// one line here.
import type {ViewSpec} from './view-spec.js';
import {captureView} from './capture/capture-view.js';
import {detailsView} from './details/details-view.js';
import {findView} from './find/find-view.js';
import {timelineView} from './timeline/timeline-view.js';
import {topologyView} from './topology/topology-view.js';
import {traceView} from './trace/trace-view.js';
import {trafficView} from './traffic/traffic-view.js';

export const viewRegistry = [
	topologyView,
	findView,
	detailsView,
	trafficView,
	captureView,
	traceView,
	timelineView,
] as const;

type StateOf<Spec> = Spec extends ViewSpec<infer State> ? State : never;

/** The state of whichever full view is open: one member per registry entry. */
export type FullView = StateOf<(typeof viewRegistry)[number]>;

export type ViewKind = FullView['kind'];

/** A view's entry, by the kind of its state. */
export const viewSpecOf = <State extends FullView>(view: State): ViewSpec<State> =>
	viewRegistry.find(spec => spec.kind === view.kind) as unknown as ViewSpec<State>;
