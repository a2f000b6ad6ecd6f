// An action's form once all its fields are answered: confirm when it destroys
// something, run it, report the outcome (ip's own message when it failed),
// refresh at once and select what it made.
import type {ActionResult} from '../../../system/actions/index.js';
import type {ActionHost} from '../../app/action-host.js';
import {
	appendToPopup,
	askConfirmation,
	closeModal,
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
	// Refreshed also after a failure: the command may have done part of its work.
	await host.refreshAfterChange();
	if (result.ok) form.select?.(answers, store);
}
