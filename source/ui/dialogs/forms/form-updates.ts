// What the keys do to an open form: type into its field, move a picker's
// highlight, take an answer (the next field, or the action runs), cancel.
import type {LineEdit} from '../../../model/line-edit.js';
import type {ActionHost} from '../../app/action-host.js';
import type {TuiStore} from '../../app/tui-store.js';
import {closeModal, formAt, type Answers, type Choice, type FormModal} from '../dialog-state.js';
import {matchingChoices} from '../picker/choices.js';
import {submitForm} from './submit-form.js';

export function openFormOf(store: TuiStore): FormModal | null {
	const modal = store.getState().modal;
	return modal?.kind === 'form' ? modal : null;
}

function updateForm(store: TuiStore, change: (form: FormModal) => Partial<FormModal>): void {
	store.update(state =>
		state.modal?.kind === 'form' ? {modal: {...state.modal, ...change(state.modal)}} : {},
	);
}

/** A new text narrows a picker's list from its first match again. */
export function setFormInput(store: TuiStore, input: LineEdit): void {
	updateForm(store, form => ({input, ...(form.input.text === input.text ? {} : {highlighted: 0})}));
}

/** The picker's matches for what is typed. */
export function formChoices(form: FormModal): readonly Choice[] {
	const field = form.form.fields[form.step];
	return field?.kind === 'pick'
		? matchingChoices(field.choices(form.answers), form.input.text)
		: [];
}

export function moveHighlight(store: TuiStore, to: (at: number, count: number) => number): void {
	updateForm(store, form => {
		const count = formChoices(form).length;
		return {
			highlighted: Math.min(
				Math.max(to(Math.min(form.highlighted, count - 1), count), 0),
				Math.max(count - 1, 0),
			),
		};
	});
}

/** Enter: the typed value when valid (else its reason shows), the highlighted choice of a picker. */
export function takeAnswer(host: ActionHost): void {
	const form = openFormOf(host.store);
	const field = form?.form.fields[form.step];
	if (!form || !field) return;
	if (field.kind === 'pick') {
		const choices = formChoices(form);
		const choice = choices[Math.min(form.highlighted, choices.length - 1)];
		if (choice) answer(host, form, choice.value);
		return;
	}
	if (field.validate(form.input.text, form.answers) !== null)
		return updateForm(host.store, () => ({tried: true}));
	answer(host, form, form.input.text);
}

function answer(host: ActionHost, form: FormModal, value: string): void {
	const field = form.form.fields[form.step]!;
	const answers = {...form.answers, [field.name]: value};
	if (form.step + 1 < form.form.fields.length)
		host.store.update({modal: formAt(form.form, form.step + 1, answers)});
	// Every field has its answer now: the last one was just given.
	else submitForm(host, form.form, answers as Answers);
}

export const cancelForm = (store: TuiStore) => closeModal(store);
