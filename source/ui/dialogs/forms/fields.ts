// Fields several actions ask for, with the validation layer's reasons, plus
// checks against what exists (a name already taken).
import {validateInterfaceName, validateNamespaceName} from '../../../model/validate.js';
import type {Namespace} from '../../../model/snapshot.js';
import {netnsRefOf} from '../../../system/actions/index.js';
import type {Choice, PickField, TextField} from '../dialog-state.js';
import {labelOf} from './selection.js';

const reason = (check: {ok: true} | {ok: false; reason: string}) =>
	check.ok ? null : check.reason;

export function newNamespaceNameField<Name extends string>(
	namespaces: readonly Namespace[],
	name: Name,
	label = 'Name of the new namespace',
): TextField<Name> {
	return {
		kind: 'text',
		name,
		label,
		validate: text =>
			reason(validateNamespaceName(text, 'new')) ??
			(namespaces.some(ns => ns.name === text) ? `A namespace named ${text} exists already` : null),
	};
}

/** A new interface name; `taken` are the names already used in its namespace. */
export function newInterfaceNameField<Name extends string>(
	name: Name,
	label: string,
	taken: () => readonly string[],
	initial?: string,
): TextField<Name> {
	return {
		kind: 'text',
		name,
		label,
		...(initial === undefined ? {} : {initial}),
		validate: text =>
			reason(validateInterfaceName(text)) ??
			(taken().includes(text) ? `${text} exists already in that namespace` : null),
	};
}

export const interfaceNames = (ns: Namespace | undefined) =>
	ns?.interfaces.map(link => link.name) ?? [];

/** Namespaces an interface can be sent to (by name or a PID inside), the ones in `first` on top. */
export function namespaceChoices(
	namespaces: readonly Namespace[],
	options: {exclude?: number; first?: number} = {},
): Choice[] {
	const usable = namespaces.filter(
		ns => ns.inode !== options.exclude && (netnsRefOf(ns) !== null || ns.inode === options.first),
	);
	const ordered = [
		...usable.filter(ns => ns.inode === options.first),
		...usable.filter(ns => ns.inode !== options.first),
	];
	return ordered.map(ns => ({
		label: ns.root ? `${labelOf(ns)} (host)` : labelOf(ns),
		value: String(ns.inode),
	}));
}

export function pickField<Name extends string>(
	name: Name,
	label: string,
	choices: readonly Choice[] | PickField<Name>['choices'],
): PickField<Name> {
	return {
		kind: 'pick',
		name,
		label,
		choices: typeof choices === 'function' ? choices : () => choices,
	};
}

export const byInode = (namespaces: readonly Namespace[], value: string | undefined) =>
	namespaces.find(ns => String(ns.inode) === value);
