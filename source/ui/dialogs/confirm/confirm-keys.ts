// A confirmation's keys: only `y` runs what it asks about.
import {showMessage} from '../../app/state-updates.js';
import type {KeyTable} from '../../keys/key-table.js';
import {closeModal} from '../dialog-state.js';

export const confirmTable: KeyTable = {
	title: 'In a confirmation',
	entries: [
		{
			keys: ['y'],
			description: 'yes: run it',
			hint: 'confirms',
			run: ({store}) => {
				const modal = store.getState().modal;
				if (modal?.kind === 'confirm') modal.onConfirm();
			},
		},
		{
			keys: ['n', 'escape', 'return'],
			description: 'no: nothing runs',
			hint: 'cancel',
			run: ({store}) => {
				closeModal(store);
				showMessage(store, {text: 'cancelled: nothing was run', kind: 'info'});
			},
		},
	],
};
