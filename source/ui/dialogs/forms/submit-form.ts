// An action's form once all its fields are answered: confirm when it destroys
// something, run it, report the outcome (ip's own message when it failed, and
// the form's last prompt again with its text), refresh at once and select what it made.
import type {ActionResult} from '../../../system/actions/index.js';
import type {ActionHost} from '../../app/action-host.js';
import {
	appendToPopup,
	askConfirmation,
	closeModal,
	formAt,
	openPopup,
	type ActionForm,
	type Answers,
} from '../dialog-state.js';
import {showMessage} from '../../app/state-updates.js';

export function submitForm(host: ActionHost, form: ActionForm, answers: Answers): void {
	const consequences = form.confirm?.(answers) ?? null;
	if (consequences === null) void runForm(host, form, answers);
	else askConfirmation(host.store, consequences, () => void runForm(host, form, answers));
}

export async function runForm(host: ActionHost, form: ActionForm, answers: Answers): Promise<void> {
	const {store} = host;
	if (form.output === 'popup') openPopup(store, form.title);
	else closeModal(store);
	showMessage(store, {text: `${form.title}…`, kind: 'info'});
	let result: ActionResult;
	let streamed = false;
	const progress = (line: string) => {
		streamed = true;
		appendToPopup(store, form.title, [line]);
	};
	try {
		result = await form.run(answers, progress);
	} catch (error) {
		result = {
			ok: false,
			message: error instanceof Error ? error.message : String(error),
			command: null,
			commandLine: null,
		};
	}
	if (form.output === 'popup') {
		// Output streamed line by line is there already; the message only when the output does not say it.
		const output = streamed ? [] : (result.output?.trimEnd().split('\n') ?? []);
		appendToPopup(
			store,
			form.title,
			[...output, ...(result.outputSaysIt ? [] : [result.message])],
			true,
		);
	}
	showMessage(store, {text: result.message, kind: result.ok ? 'info' : 'error'});
	// Refused (an address that exists, a name ip does not take): the prompt again, with the text and the reason.
	if (!result.ok && form.output !== 'popup')
		reopenWithProblem(store, form, answers, result.message);
	// Refreshed also after a failure: the command may have done part of its work.
	await host.refreshAfterChange();
	if (result.ok) form.select?.(answers, store);
}

/** An action refused by the system: its last prompt again, with what was typed and the reason. */
function reopenWithProblem(
	store: ActionHost['store'],
	form: ActionForm,
	answers: Answers,
	problem: string,
): void {
	const step = form.fields.length - 1;
	const field = form.fields[step];
	// Only a prompt, and only when nothing else took the screen meanwhile.
	if (field?.kind !== 'text' || store.getState().modal !== null) return;
	const rest = Object.fromEntries(Object.entries(answers).filter(([name]) => name !== field.name));
	store.update({modal: {...formAt(form, step, rest, answers[field.name]), tried: true, problem}});
}
