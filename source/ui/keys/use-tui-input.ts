// Binds the keyboard to the key map. Modes come first: the help overlay and a
// filter being typed take the keys before the pane does.
import {useInput, type Key} from 'ink';
import {clearFilter, closeOverlay, commitFilter, moveSelection, setFilter, showMessage} from '../app/state-updates.js';
import {findBinding, keyMap, type KeyBinding, type KeyContext} from './pane-keys.js';

export type TuiInputOptions = {
	context: KeyContext;
	readOnly: boolean;
	bindings?: readonly KeyBinding[];
	/** False while another component (a prompt, a picker) owns the keyboard. */
	isActive?: boolean;
};

export function useTuiInput({context, readOnly, bindings = keyMap, isActive = true}: TuiInputOptions): void {
	useInput(
		(input, key) => {
			// Keys typed faster than they are read (a held-down j, `/` and a name) arrive as one string.
			if (input.length > 1 && !key.ctrl && !key.meta) {
				for (const char of input) handleKey(context, readOnly, bindings, char, {...key, return: char === '\r'});
			} else {
				handleKey(context, readOnly, bindings, input, key);
			}
		},
		{isActive},
	);
}

function handleKey(context: KeyContext, readOnly: boolean, bindings: readonly KeyBinding[], input: string, key: Key): void {
	const {store} = context;
	const state = store.getState();
	if (key.ctrl && input === 'c') {
		context.quit();
		return;
	}
	if (state.overlay?.kind === 'help') {
		if (key.escape || input === '?' || input === 'q') closeOverlay(store);
		return;
	}
	// A dialog and the command log read their keys themselves; the rest of a
	// chunk typed after the key that opened one is not taken for commands.
	if (state.modal || state.overlay?.kind === 'log') return;
	if (state.editingFilter) {
		editFilter(context, input, key, state.filters[state.focus]);
		return;
	}
	const binding = findBinding(input, key, bindings);
	if (!binding) return;
	if (binding.changesSystem && readOnly) {
		showMessage(store, {text: `read-only session: "${binding.description}" is not available`, kind: 'error'});
		return;
	}
	binding.run(context);
}

function editFilter({store}: KeyContext, input: string, key: Key, text: string): void {
	if (key.return) commitFilter(store);
	else if (key.escape) clearFilter(store);
	else if (key.backspace || key.delete) setFilter(store, text.slice(0, -1));
	else if (key.ctrl && input === 'u') setFilter(store, '');
	else if (key.upArrow) moveSelection(store, -1);
	else if (key.downArrow) moveSelection(store, 1);
	else if (input && input !== '\r' && !key.ctrl && !key.meta && !key.tab) setFilter(store, text + input);
}
