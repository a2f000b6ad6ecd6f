// The one input hook of the TUI. Each key of what Ink read at once acts on
// its own, against the store as it is after the key before it: never against
// the state of the last render (Ink may call a handler from before it).
import {useInput, type Key} from 'ink';
import {useCallback, useRef} from 'react';
import {showMessage} from '../app/state-updates.js';
import {splitInput, type KeyPress} from './key-press.js';
import {entryFor, type KeyContext} from './key-table.js';
import {activeTables} from './layers.js';

export function dispatchKey(context: KeyContext, press: KeyPress): void {
	const tables = activeTables(context.store.getState());
	const entry = entryFor(tables, press.id);
	if (!entry) {
		if (press.text !== '') tables.find(table => table.typing)?.typing!.run(context, press);
		return;
	}
	const refused =
		entry.changesSystem && context.readOnly !== null
			? `read-only session: "${entry.description}" is not available`
			: (entry.unavailable?.(context) ?? null);
	if (refused) showMessage(context.store, {text: refused, kind: 'error'});
	else entry.run(context, press);
}

/** Binds the keyboard: `noteKey` is told of every key (background reading pauses while keys come in). */
export function useKeys(context: KeyContext, noteKey?: () => void): void {
	const latest = useRef(context);
	latest.current = context;
	const note = useRef(noteKey);
	note.current = noteKey;
	const handle = useCallback((input: string, key: Key) => {
		note.current?.();
		for (const press of splitInput(input, key)) dispatchKey(latest.current, press);
	}, []);
	useInput(handle);
}
