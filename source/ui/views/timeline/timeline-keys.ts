// The timeline view's keys: move, Enter to the change's namespace, back.
import type {KeyTable} from '../../keys/key-table.js';
import {helpKey} from '../../keys/pane-keys.js';
import {movedIndex, scrollTable} from '../../keys/scroll-keys.js';
import {closeFullView} from '../full-view-updates.js';
import {enterFromTimeline, selectTimelineRow} from './timeline-updates.js';

/** Title, column header and the note under the list. */
export const timelineChrome = 3;

export const timelineTables: readonly KeyTable[] = [
	{
		title: 'In the timeline (H)',
		entries: [
			{
				keys: ['return'],
				description: 'to the namespace the change is in',
				hint: 'go to ns',
				run: ({store}) => enterFromTimeline(store),
			},
			{
				keys: ['escape', 'q', 'H'],
				description: 'back to the panes',
				hint: 'back',
				run: ({store}) => closeFullView(store),
			},
			helpKey,
		],
	},
	scrollTable(({store, layout}, move) => {
		const state = store.getState();
		if (state.fullView?.kind !== 'timeline') return;
		selectTimelineRow(
			store,
			movedIndex(
				state.fullView.selected,
				move,
				state.timeline.changes.length,
				Math.max(layout().bodyHeight - timelineChrome, 1),
			),
		);
	}),
];
