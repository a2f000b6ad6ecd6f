// What an action key acts on: the selected namespace, interface, route or
// process, read from the store when the key is pressed.
import {
	namespaceLabel,
	type Interface,
	type Namespace,
	type Route,
} from '../../../model/snapshot.js';
import type {NamespaceTarget} from '../../../model/namespace-target.js';
import {targetFor} from '../../../system/actions/index.js';
import {deriveView} from '../../panes/derive-view.js';
import type {TuiStore} from '../../app/tui-store.js';

export type Selected = {
	namespaces: readonly Namespace[];
	/** The namespace selected in the Namespaces pane. */
	namespace: Namespace | null;
	link: Interface | null;
	route: Route | null;
	/** The namespace of the process selected in the Processes pane. */
	processNamespace: Namespace | null;
};

export function selected(store: TuiStore): Selected {
	const view = deriveView(store.getState());
	const process = view.processes.rows[view.processes.selected];
	return {
		namespaces: store.getState().snapshot?.namespaces ?? [],
		namespace: view.selectedNamespace,
		link: view.interfaces.rows[view.interfaces.selected]?.link ?? null,
		route: view.routes.rows[view.routes.selected]?.route ?? null,
		processNamespace: process ? (view.byInode.get(process.namespaceInode) ?? null) : null,
	};
}

/** Why an action cannot run here: a plain sentence for the status bar. */
export type Unavailable = string;

/**
 * How to run a command in `ns`, or why there is no way in. Wrapped: the
 * namespace nstui runs in is the target 'current', a string like a reason.
 */
export function targetOf(ns: Namespace): {target: NamespaceTarget} | Unavailable {
	const target = targetFor(ns);
	return target === null
		? `${namespaceLabel(ns)} has no name, bind mount or process to enter it by`
		: {target};
}

/** The selected namespace and the way into it, or why an action cannot run there. */
export function enterSelected(
	store: TuiStore,
): {namespace: Namespace; target: NamespaceTarget} | Unavailable {
	const {namespace} = selected(store);
	if (!namespace) return noNamespace;
	const way = targetOf(namespace);
	return typeof way === 'string' ? way : {namespace, target: way.target};
}

export const noNamespace: Unavailable = 'select a namespace first (Namespaces pane, 1)';
export const noInterface: Unavailable = 'select an interface first (Interfaces pane, 2)';

export const labelOf = namespaceLabel;
