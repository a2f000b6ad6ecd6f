// The topology view's registry entry (t).
import type {TopologyViewState} from '../full-view-state.js';
import type {ViewSpec} from '../view-spec.js';
import {TopologyView} from './TopologyView.js';
import {topologyFilterTables, topologyTables} from './topology-keys.js';

export const topologyView: ViewSpec<TopologyViewState> = {
	kind: 'topology',
	Component: TopologyView,
	tables: view => (view.editingFilter ? topologyFilterTables : topologyTables),
	help: [topologyTables[0]!],
};
