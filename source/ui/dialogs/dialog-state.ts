// The dialogs that take the keyboard from the panes: an action's form (text
// prompts and pickers, one field at a time), the confirmation before something
// destructive, and a popup for output (ping, a recipe's progress). They live in
// the store, so the state of a dialog survives a remount like everything else.
import type {Consequences} from '../../model/consequences.js';
import type {ActionResult} from '../../system/actions/index.js';
import {lineOf, type LineEdit} from '../../model/line-edit.js';
import type {TuiStore} from '../app/tui-store.js';

/** Every field's answer by the field's name, once the form is filled in. */
export type Answers<Name extends string = string> = Readonly<Record<Name, string>>;

/** The answers so far, while the form is filled in (checks and choices of a later field read them). */
export type AnswersSoFar<Name extends string = string> = Readonly<Partial<Record<Name, string>>>;

export type Choice = {label: string; value: string};

/** A typed value; `validate` gives the reason it cannot be used, shown in place as the user types. */
export type TextField<Name extends string = string> = {
	kind: 'text';
	name: Name;
	label: string;
	initial?: string;
	placeholder?: string;
	/** A value the form proposes (a gateway that exists): shown dim, Tab or → at the end takes it. */
	suggestion?: string;
	validate(text: string, answers: AnswersSoFar): string | null;
	/**
	 * A check that asks the system (tcpdump compiles a filter), run on Enter once
	 * `validate` passed: its reason keeps the prompt open with the text.
	 */
	check?(text: string, answers: AnswersSoFar): Promise<string | null>;
};

/** One of a list that narrows as the user types; Enter takes the highlighted (at first the first) match. */
export type PickField<Name extends string = string> = {
	kind: 'pick';
	name: Name;
	label: string;
	choices(answers: AnswersSoFar): readonly Choice[];
};

export type Field<Name extends string = string> = TextField<Name> | PickField<Name>;

/** One action as data: what to ask, what to confirm, what to run and what to select afterwards. */
export type ActionForm<Name extends string = string> = {
	title: string;
	fields: readonly Field<Name>[];
	/** What goes with it, asked before it runs; null: nothing to ask. */
	confirm?(answers: Answers<Name>): Consequences | null;
	run(answers: Answers<Name>, progress: (line: string) => void): Promise<ActionResult>;
	/** Where the selection goes once it worked and the data are refreshed. */
	select?(answers: Answers<Name>, store: TuiStore): void;
	/** `popup`: the output is shown in a popup (ping, recipes) instead of only the status bar. */
	output?: 'popup';
};

/**
 * A form whose answers are typed by its fields' names: `run` and `confirm`
 * read `answers.address`, a string, never `answers['address']!`.
 */
export const actionForm = <const Fields extends readonly Field[]>(
	form: Omit<ActionForm<Fields[number]['name']>, 'fields'> & {fields: Fields},
): ActionForm<Fields[number]['name']> => form;

export type FormModal = {
	kind: 'form';
	form: ActionForm;
	step: number;
	answers: AnswersSoFar;
	/** What is typed in the current field (a value, or what narrows a picker's list). */
	input: LineEdit;
	/** The picker's highlighted match. */
	highlighted: number;
	/** Enter was pressed on a value that cannot be used: its reason shows as an error. */
	tried: boolean;
	/** Why the value was refused by its check or by the action itself (shown until the text changes). */
	problem: string | null;
	/** The field's check is running: keys wait (keys/use-keys.ts). */
	checking: boolean;
	/** Which earlier entry of this prompt ↑ recalled (0 the newest), and what was typed before. */
	recalled: {index: number; draft: LineEdit} | null;
};

/** First line shown of a popup; null: the newest lines, following what comes in. */
export type PopupModal = {
	kind: 'popup';
	title: string;
	lines: readonly string[];
	running: boolean;
	top: number | null;
};

export type Modal =
	FormModal | {kind: 'confirm'; consequences: Consequences; onConfirm(): void} | PopupModal;

/** The form at field `step`, its input as the field starts it (or `input`: the text given before). */
export function formAt(
	form: ActionForm,
	step: number,
	answers: AnswersSoFar,
	input?: string,
): FormModal {
	const field = form.fields[step];
	return {
		kind: 'form',
		form,
		step,
		answers,
		input: lineOf(input ?? (field?.kind === 'text' ? (field.initial ?? '') : '')),
		highlighted: 0,
		tried: false,
		problem: null,
		checking: false,
		recalled: null,
	};
}

export function openForm(store: TuiStore, form: ActionForm, answers: AnswersSoFar = {}): void {
	store.update({modal: formAt(form, 0, answers), editingFilter: false});
}

export function closeModal(store: TuiStore): void {
	store.update({modal: null});
}

export function askConfirmation(
	store: TuiStore,
	consequences: Consequences,
	onConfirm: () => void,
): void {
	store.update({modal: {kind: 'confirm', consequences, onConfirm}});
}

export function openPopup(store: TuiStore, title: string, lines: readonly string[] = []): void {
	store.update({modal: {kind: 'popup', title, lines, running: true, top: null}});
}

/** Adds to the popup, if it is still open (the user may have closed it). */
export function appendToPopup(
	store: TuiStore,
	title: string,
	lines: readonly string[],
	done = false,
): void {
	store.update(state =>
		state.modal?.kind === 'popup' && state.modal.title === title
			? {modal: {...state.modal, lines: [...state.modal.lines, ...lines], running: !done}}
			: {},
	);
}
