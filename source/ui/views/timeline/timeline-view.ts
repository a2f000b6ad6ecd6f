// The timeline view's registry entry (H).
import type {TimelineViewState} from '../full-view-state.js';
import type {ViewSpec} from '../view-spec.js';
import {TimelineView} from './TimelineView.js';
import {timelineTables} from './timeline-keys.js';

export const timelineView: ViewSpec<TimelineViewState> = {
	kind: 'timeline',
	Component: TimelineView,
	tables: () => timelineTables,
	help: [timelineTables[0]!],
};
