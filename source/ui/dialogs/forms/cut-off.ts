// What a change risks for the operator's own connection (model/cut-off.ts),
// from the session the store knows: the forms put it first in their confirmation.
import {cutOffRisk, type RiskyChange} from '../../../model/cut-off.js';
import type {Consequences} from '../../../model/consequences.js';
import type {Namespace} from '../../../model/snapshot.js';
import type {TuiStore} from '../../app/tui-store.js';

export const cutOffLines = (store: TuiStore, ns: Namespace, change: RiskyChange): string[] =>
	cutOffRisk(ns, change, store.getState().sshSession);

/** The consequences with the dangers first; a confirmation of its own when there were none to ask. */
export function withDanger(
	consequences: Consequences | null,
	danger: string[],
	title: string,
): Consequences | null {
	if (danger.length === 0) return consequences;
	return {...(consequences ?? {title, lines: []}), danger};
}
