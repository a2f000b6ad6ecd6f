// Which screen the operator is looking at, as the key guard compares them
// (use-keys.ts): the top layer, and which dialog, view or overlay it is. A
// form is one screen per step; a popup keeps its identity while lines come in.
import type {TuiState} from '../app/tui-store.js';

const ids = new WeakMap<object, number>();
let nextId = 1;
const idOf = (value: object) => {
	let id = ids.get(value);
	if (id === undefined) ids.set(value, (id = nextId++));
	return id;
};

/** Equal for the same screen. */
export function screenOf(state: TuiState): string {
	if (state.overlay) return `overlay:${state.overlay.kind}`;
	const modal = state.modal;
	if (modal?.kind === 'form') return `form:${idOf(modal.form)}:${modal.step}`;
	if (modal?.kind === 'confirm') return `confirm:${idOf(modal.consequences)}`;
	if (modal?.kind === 'popup') return `popup:${modal.title}`;
	if (state.fullView) return `view:${state.fullView.kind}`;
	return 'panes';
}

/** The screen in words, for the message that says a key typed for it was dropped. */
export function screenName(state: TuiState): string {
	if (state.overlay) return state.overlay.kind === 'help' ? 'the help' : 'the command log';
	const modal = state.modal;
	if (modal?.kind === 'form') return `the form "${modal.form.title}"`;
	if (modal?.kind === 'confirm') return 'the confirmation';
	if (modal?.kind === 'popup') return `the popup "${modal.title}"`;
	if (state.fullView) return `the ${state.fullView.kind} view`;
	return 'the panes';
}

/** Keys wait while the screen is busy answering one (a form's check runs). */
export const screenBusy = (state: TuiState): boolean =>
	state.modal?.kind === 'form' && state.modal.checking;
