// A picker's list, narrowed by what is typed: as the label is shown or as it is.
// Labels that start with it come first, then those with a word that does, then
// the rest that contain it: `j` finds "joined…" before a label that only has a j.
import {shown} from '../../../model/shown-text.js';
import type {Choice} from '../dialog-state.js';

function rank(label: string, needle: string): number {
	const text = label.toLowerCase();
	if (text.startsWith(needle)) return 0;
	if (new RegExp(`(^|[^\\p{L}\\p{N}])${escaped(needle)}`, 'u').test(text)) return 1;
	return text.includes(needle) ? 2 : 3;
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function matchingChoices(choices: readonly Choice[], query: string): readonly Choice[] {
	const needle = query.trim().toLowerCase();
	if (needle === '') return choices;
	return choices
		.map((choice, index) => ({
			choice,
			index,
			rank: Math.min(rank(choice.label, needle), rank(shown(choice.label), needle)),
		}))
		.filter(entry => entry.rank < 3)
		.sort((a, b) => a.rank - b.rank || a.index - b.index)
		.map(entry => entry.choice);
}
