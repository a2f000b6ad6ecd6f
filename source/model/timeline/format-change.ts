// A change as one line of text for people: `nstui watch`, `nstui diff` and
// the TUI's timeline. System text passes through shown().
import {shown} from '../shown-text.js';
import type {Change} from './change.js';
import {changeText} from './words.js';

/** HH:MM:SS in UTC from the change's ISO time (a day's log reads by the clock). */
export const changeClock = (change: Change) => change.time.slice(11, 19);

export function changeNamespaceText(change: Change): string {
	const {namespace} = change;
	const owner = namespace.owner;
	const ownerText =
		owner && !namespace.label.includes(owner.name ?? owner.id.slice(0, 12))
			? ` (${owner.engine} ${owner.name ?? owner.id.slice(0, 12)})`
			: '';
	return `${namespace.label}${ownerText}`;
}

export function formatChange(change: Change, withDate = false): string {
	const time = withDate ? change.time : changeClock(change);
	return `${time}  ${shown(changeNamespaceText(change))}  ${shown(changeText(change))}`;
}

export const formatChanges = (changes: readonly Change[], withDate = false): string =>
	changes.map(change => `${formatChange(change, withDate)}\n`).join('');
