// A change as one line of JSON (`nstui watch --json`, `nstui diff --json`,
// `--record FILE`): the shape of docs/timeline-change.schema.json. Names and
// texts are kept exact here; only a terminal gets them through shown().
import type {Change} from './change.js';
import {changeText} from './words.js';

export const changeSchemaVersion = 1;

export function changeJson(change: Change) {
	return {
		version: changeSchemaVersion,
		time: change.time,
		namespace: change.namespace,
		kind: change.kind,
		interface: change.interface,
		before: change.before,
		after: change.after,
		text: changeText(change),
	};
}

/** The lines of these changes, each ending in a newline. */
export const changeLines = (changes: readonly Change[]): string =>
	changes.map(change => `${JSON.stringify(changeJson(change))}\n`).join('');
