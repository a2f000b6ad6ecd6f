// The one input hook of the TUI. It reads the terminal below Ink's useInput
// (whose parser takes Esc and a letter in one read for Alt, splits a mouse
// report into letters and types a paste as keys): Ink's reads go through the
// decoder (key-input.ts), then the guard (key-guard.ts: a key acts on the
// screen it was typed for or is dropped), and each key acts on its own, against
// the store as it is after the key before it, never the state of the last render.
import {useStdin} from 'ink';
import {useEffect, useLayoutEffect, useRef} from 'react';
import {pastedLine, type InputEvent} from '../../model/key-decoder.js';
import {showMessage} from '../app/state-updates.js';
import type {KeyPress} from './key-press.js';
import {useTuiState} from '../app/use-tui-state.js';
import {KeyGuard} from './key-guard.js';
import {KeyInput, registerKeyInput} from './key-input.js';
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

/** A paste goes into the line being edited; where no line is, it is refused, never run as keys. */
export function dispatchPaste(context: KeyContext, text: string): void {
	const typing = activeTables(context.store.getState()).find(table => table.typing)?.typing;
	if (!typing) {
		showMessage(context.store, {
			text: 'paste refused: here keys are commands, so pasted text is not run (paste into a prompt or a filter, / opens one)',
			kind: 'error',
		});
		return;
	}
	const line = pastedLine(text);
	if (line !== '') typing.run(context, {id: 'paste', text: line});
}

export function dispatchEvent(context: KeyContext, event: InputEvent): void {
	if (event.kind === 'key') dispatchKey(context, {id: event.id, text: event.text});
	else if (event.kind === 'paste') dispatchPaste(context, event.text);
}

/** Binds the keyboard: `noteKey` is told of every read (background reading pauses while keys come in). */
export function useKeys(context: KeyContext, noteKey?: () => void): void {
	const latest = useRef(context);
	latest.current = context;
	const note = useRef(noteKey);
	note.current = noteKey;
	const {stdin, setRawMode, internal_eventEmitter: reads} = useStdin();
	const {store} = context;
	const guard = useRef<KeyGuard | null>(null);
	// What this render shows is on screen once it commits (Ink writes the frame then).
	const shown = useTuiState(store);
	useLayoutEffect(() => guard.current?.drewFor(shown), [shown]);
	useEffect(() => {
		setRawMode(true);
		const keyGuard = (guard.current = new KeyGuard(store, event =>
			dispatchEvent(latest.current, event),
		));
		const input = new KeyInput(events => keyGuard.take(events));
		registerKeyInput(stdin, input);
		const onRead = (chunk: string) => {
			note.current?.();
			input.read(chunk);
		};
		reads.on('input', onRead);
		return () => {
			reads.off('input', onRead);
			input.stop();
			keyGuard.stop();
			registerKeyInput(stdin, null);
			setRawMode(false);
		};
	}, [stdin, setRawMode, reads, store]);
}
