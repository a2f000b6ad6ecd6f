// The traffic view's registry entry (R).
import type {TrafficViewState} from '../full-view-state.js';
import type {ViewSpec} from '../view-spec.js';
import {TrafficView} from './TrafficView.js';
import {trafficTables} from './traffic-keys.js';

export const trafficView: ViewSpec<TrafficViewState> = {
	kind: 'traffic',
	Component: TrafficView,
	tables: () => trafficTables,
	help: [trafficTables[0]!],
};
