// The keys of an open form: its field's line editing, Enter and Esc, and in a
// picker the arrows that move the highlight (letters narrow the list).
import type {KeyTable} from '../../keys/key-table.js';
import {lineTable} from '../../keys/line-keys.js';
import {movedIndex, scrollTable} from '../../keys/scroll-keys.js';
import type {FormModal} from '../dialog-state.js';
import {cancelForm, moveHighlight, openFormOf, setFormInput, takeAnswer} from './form-updates.js';

const formLine = lineTable({
	get: ({store}) => openFormOf(store)?.input ?? null,
	set: ({store}, line) => setFormInput(store, line),
});

export const textFieldTables: readonly KeyTable[] = [
	{
		title: 'In a form',
		entries: [
			{
				keys: ['return'],
				description: 'take the value (the last one runs the action)',
				hint: 'takes it',
				run: ({host}) => takeAnswer(host),
			},
			{
				keys: ['escape'],
				description: 'cancel: nothing runs',
				hint: 'cancels',
				run: ({store}) => cancelForm(store),
			},
		],
	},
	formLine,
];

export const pickFieldTables: readonly KeyTable[] = [
	{
		title: 'In a picker',
		entries: [
			{
				keys: ['return'],
				description: 'take the highlighted choice',
				hint: 'takes it',
				run: ({host}) => takeAnswer(host),
			},
			{
				keys: ['escape'],
				description: 'cancel: nothing runs',
				hint: 'cancels',
				run: ({store}) => cancelForm(store),
			},
		],
	},
	scrollTable(
		({store, layout}, move) => {
			const page = Math.max(layout().dialogHeight - 6, 1);
			moveHighlight(store, (at, count) => movedIndex(at, move, count, page));
		},
		{letters: false, what: 'choice', title: 'Choosing'},
	),
	formLine,
];

export const formTables = (modal: FormModal): readonly KeyTable[] =>
	modal.form.fields[modal.step]?.kind === 'pick' ? pickFieldTables : textFieldTables;
