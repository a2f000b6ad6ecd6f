// What the keys do to an open form: type into its field, move a picker's
// highlight, recall an earlier entry, take an answer (after its check: the next
// field, or the action runs), go back a step or close it.
import {lineOf, type LineEdit} from '../../../model/line-edit.js';
import type {ActionHost} from '../../app/action-host.js';
import {showMessage} from '../../app/state-updates.js';
import type {TuiStore} from '../../app/tui-store.js';
import {
	closeModal,
	formAt,
	type Answers,
	type Choice,
	type Field,
	type FormModal,
} from '../dialog-state.js';
import {matchingChoices} from '../picker/choices.js';
import {promptHistory, rememberEntry} from '../prompt/prompt-history.js';
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

/** A new text narrows a picker's list from its first match again, and drops a refusal's reason. */
export function setFormInput(store: TuiStore, input: LineEdit): void {
	updateForm(store, form =>
		form.input.text === input.text
			? {input}
			: {input, highlighted: 0, problem: null, recalled: null},
	);
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

/** The prompt's history is kept by its label: the same question in every namespace. */
const promptOf = (field: Field) => field.label;

/** ↑ (`by` 1) and ↓ (-1) in a prompt: an earlier or later entry; past the newest, what was typed. */
export function recallEntry(store: TuiStore, by: 1 | -1): void {
	const form = openFormOf(store);
	const field = form?.form.fields[form.step];
	if (!form || field?.kind !== 'text') return;
	const entries = promptHistory(store, promptOf(field));
	const index = (form.recalled?.index ?? -1) + by;
	if (index >= entries.length) return;
	if (index < 0) {
		if (form.recalled)
			updateForm(store, () => ({input: form.recalled!.draft, recalled: null, problem: null}));
		return;
	}
	updateForm(store, () => ({
		input: lineOf(entries[index]!),
		recalled: {index, draft: form.recalled?.draft ?? form.input},
		problem: null,
	}));
}

/** Enter: the typed value when valid and its check passes (else its reason shows), the highlighted choice of a picker. */
export function takeAnswer(host: ActionHost): void {
	const form = openFormOf(host.store);
	const field = form?.form.fields[form.step];
	if (!form || !field || form.checking) return;
	if (field.kind === 'pick') {
		const choices = formChoices(form);
		const choice = choices[Math.min(form.highlighted, choices.length - 1)];
		if (choice) answer(host, form, choice.value);
		return;
	}
	const text = form.input.text;
	if (field.validate(text, form.answers) !== null)
		return updateForm(host.store, () => ({tried: true}));
	if (!field.check) return answer(host, form, text);
	updateForm(host.store, () => ({checking: true}));
	void field.check(text, form.answers).then(
		problem => afterCheck(host, form, problem),
		(error: unknown) =>
			afterCheck(host, form, error instanceof Error ? error.message : String(error)),
	);
}

function afterCheck(host: ActionHost, form: FormModal, problem: string | null): void {
	const now = openFormOf(host.store);
	// Closed meanwhile (Ctrl-C, another dialog): nothing to answer.
	if (!now || now.form !== form.form || now.step !== form.step) return;
	if (problem === null) return answer(host, {...now, checking: false}, now.input.text);
	updateForm(host.store, () => ({checking: false, tried: true, problem}));
}

function answer(host: ActionHost, form: FormModal, value: string): void {
	const field = form.form.fields[form.step]!;
	if (field.kind === 'text') rememberEntry(host.store, promptOf(field), value);
	const answers = {...form.answers, [field.name]: value};
	if (form.step + 1 < form.form.fields.length)
		host.store.update({modal: formAt(form.form, form.step + 1, answers)});
	// Every field has its answer now: the last one was just given.
	else submitForm(host, form.form, answers as Answers);
}

/** Esc: back to the step before, its answer there to change; on the first step the form closes. */
export function stepBack(store: TuiStore): void {
	const form = openFormOf(store);
	if (!form) return;
	if (form.step === 0) {
		closeModal(store);
		showMessage(store, {text: `${form.form.title}: cancelled, nothing ran`, kind: 'info'});
		return;
	}
	const step = form.step - 1;
	const field = form.form.fields[step]!;
	const given = form.answers[field.name] ?? '';
	const answers = Object.fromEntries(
		Object.entries(form.answers).filter(([name]) => name !== field.name),
	);
	const back = formAt(form.form, step, answers, field.kind === 'text' ? given : '');
	if (field.kind === 'pick') {
		const index = field.choices(answers).findIndex(choice => choice.value === given);
		back.highlighted = Math.max(index, 0);
	}
	store.update({modal: back});
}
