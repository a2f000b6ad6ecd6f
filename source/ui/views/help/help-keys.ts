// The help's keys: close it, and turn its pages with the shared scrolling keys.
import {closeOverlay} from '../../app/state-updates.js';
import type {KeyTable} from '../../keys/key-table.js';
import {helpSections} from '../../keys/help-sections.js';
import {movedIndex, scrollTable} from '../../keys/scroll-keys.js';
import {helpPages, helpRows} from './help-pages.js';

export const helpTables: readonly KeyTable[] = [
	{
		title: 'In the help (?)',
		entries: [
			{
				keys: ['escape', '?', 'q'],
				description: 'close the help',
				hint: 'close help',
				run: ({store}) => closeOverlay(store),
			},
		],
	},
	scrollTable(
		({store, layout, readOnly}, move) =>
			store.update(state => {
				if (state.overlay?.kind !== 'help') return {};
				const {width, bodyHeight} = layout();
				const count = helpPages(helpSections(state), readOnly !== null, width, helpRows(bodyHeight))
					.pages.length;
				// A page is one step: PgDn and j turn one page alike.
				const step = move === 'pageDown' ? 1 : move === 'pageUp' ? -1 : move;
				return {
					overlay: {
						...state.overlay,
						page: movedIndex(Math.min(state.overlay.page, count - 1), step, count, 1),
					},
				};
			}),
		{what: 'page', title: 'Turning pages'},
	),
];
