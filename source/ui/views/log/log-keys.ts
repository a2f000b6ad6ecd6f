// The command log's keys: the shared scrolling (it opens at the newest, at the bottom), close, help.
import {closeOverlay, toggleHelp} from '../../app/state-updates.js';
import type {KeyTable} from '../../keys/key-table.js';
import {movedIndex, scrollTable} from '../../keys/scroll-keys.js';
import {commandLog} from '../../../system/command-log.js';
import {logScreen} from './log-lines.js';

export const logTables: readonly KeyTable[] = [
	{
		title: 'In the command log (l)',
		entries: [
			{
				keys: ['escape', 'q', 'l'],
				description: 'close',
				hint: 'close',
				run: ({store}) => closeOverlay(store),
			},
			{keys: ['?'], description: 'help', hint: 'help', run: ({store}) => toggleHelp(store)},
		],
	},
	scrollTable(
		({store, layout}, move) =>
			store.update(state => {
				if (state.overlay?.kind !== 'log') return {};
				const {width, bodyHeight} = layout();
				const {rows, max} = logScreen(commandLog, width, bodyHeight);
				const top = movedIndex(max - Math.min(state.overlay.up, max), move, max + 1, rows);
				return {overlay: {kind: 'log', up: max - top}};
			}),
		{what: 'line', title: 'Scrolling'},
	),
];
