// The keys of an open form: its field's line editing (Tab takes the field's
// suggestion, ↑↓ recall earlier entries), Enter and Esc (back a step), and in
// a picker ↑↓ and Ctrl-N/P that move the highlight (letters narrow the list).
import type {KeyTable} from '../../keys/key-table.js';
import {lineTable, type LineField} from '../../keys/line-keys.js';
import {movedIndex, scrollTable} from '../../keys/scroll-keys.js';
import type {FormModal} from '../dialog-state.js';
import {
	moveHighlight,
	openFormOf,
	recallEntry,
	setFormInput,
	stepBack,
	takeAnswer,
} from './form-updates.js';

const formInput: LineField = {
	get: ({store}) => openFormOf(store)?.input ?? null,
	set: ({store}, line) => setFormInput(store, line),
};

const promptLine = lineTable({
	...formInput,
	suggestion: ({store}) => {
		const form = openFormOf(store);
		const field = form?.form.fields[form.step];
		return field?.kind === 'text' ? (field.suggestion ?? null) : null;
	},
	history: {
		older: ({store}) => recallEntry(store, 1),
		newer: ({store}) => recallEntry(store, -1),
	},
});

const pickerLine = lineTable(formInput, "Narrowing a picker's list");

const escape = {
	keys: ['escape'],
	description: 'back a step (on the first: cancel, nothing runs)',
	hint: 'back',
	run: ({store}) => stepBack(store),
} satisfies KeyTable['entries'][number];

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
			escape,
		],
	},
	promptLine,
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
			escape,
		],
	},
	scrollTable(
		({store, layout}, move) => {
			const page = Math.max(layout().dialogHeight - 6, 1);
			moveHighlight(store, (at, count) => movedIndex(at, move, count, page));
		},
		{letters: false, what: 'choice', title: 'Choosing'},
	),
	pickerLine,
];

export const formTables = (modal: FormModal): readonly KeyTable[] =>
	modal.form.fields[modal.step]?.kind === 'pick' ? pickFieldTables : textFieldTables;
