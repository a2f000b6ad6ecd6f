// A picker's list, narrowed by what is typed: as the label is shown or as it is.
import {shown} from '../../../model/shown-text.js';
import type {Choice} from '../dialog-state.js';

export function matchingChoices(choices: readonly Choice[], query: string): readonly Choice[] {
	const needle = query.trim().toLowerCase();
	return needle === ''
		? choices
		: choices.filter(
				choice =>
					choice.label.toLowerCase().includes(needle) ||
					shown(choice.label).toLowerCase().includes(needle),
			);
}
