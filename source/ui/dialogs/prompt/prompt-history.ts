// What was typed into each prompt before, newest first, for ↑ (bash's history,
// per prompt: the route prompt recalls routes, the ping prompt addresses). In
// memory only, for the session: what an operator types may be nobody else's.
import type {TuiStore} from '../../app/tui-store.js';

const limit = 50;
const histories = new WeakMap<TuiStore, Map<string, string[]>>();

/** The entries of the prompt `prompt`, newest first. */
export function promptHistory(store: TuiStore, prompt: string): readonly string[] {
	return histories.get(store)?.get(prompt) ?? [];
}

/** Keeps `text` as the newest entry of `prompt` (once: an older copy moves up). */
export function rememberEntry(store: TuiStore, prompt: string, text: string): void {
	if (text.trim() === '') return;
	let byPrompt = histories.get(store);
	if (!byPrompt) histories.set(store, (byPrompt = new Map()));
	const entries = (byPrompt.get(prompt) ?? []).filter(entry => entry !== text);
	byPrompt.set(prompt, [text, ...entries].slice(0, limit));
}
