// A popup's keys: the shared scrolling, and the keys that close it.
import type {KeyTable} from '../../keys/key-table.js';
import {movedIndex, scrollTable} from '../../keys/scroll-keys.js';
import {closeModal} from '../dialog-state.js';
import {popupPage, popupTop} from './popup-size.js';

/** Rows inside the dialog's frame. */
export const dialogRows = (dialogHeight: number) => Math.max(dialogHeight - 2, 1);

export const popupTables: readonly KeyTable[] = [
	{
		title: 'In a popup',
		entries: [
			{
				keys: ['escape', 'return', 'q'],
				description: 'close (a running command goes on)',
				hint: 'close',
				run: ({store}) => closeModal(store),
			},
		],
	},
	scrollTable(
		({store, layout}, move) =>
			store.update(state => {
				const modal = state.modal;
				if (modal?.kind !== 'popup') return {};
				const rows = dialogRows(layout().dialogHeight);
				const page = popupPage(rows);
				const last = Math.max(modal.lines.length - page, 0);
				const top = movedIndex(popupTop(modal, rows), move, last + 1, page);
				return {modal: {...modal, top: top >= last ? null : top}};
			}),
		{what: 'line', title: 'Scrolling'},
	),
];
