// After an action: put the selection on what it made (a namespace, an
// interface in it, a route), found by name in the refreshed data, each in its
// own pane. The focus stays where the user was: an action never moves it.
import {deriveView, type TuiView} from './derive-view.js';
import {selectIndex, selectNamespace} from './pane-updates.js';
import type {TuiStore} from '../app/tui-store.js';

export type CreatedThing = {
	/** The namespace by name, or by inode (unnamed ones, the host). */
	namespace: string | number;
	interface?: string;
	/** A route's destination as the Routes pane shows it ("default", "10.0.0.0/24"). */
	route?: string;
};

export function selectCreated(store: TuiStore, thing: CreatedThing): boolean {
	const namespaces = store.getState().snapshot?.namespaces ?? [];
	const namespace = namespaces.find(ns =>
		typeof thing.namespace === 'number'
			? ns.inode === thing.namespace
			: ns.name === thing.namespace,
	);
	if (!namespace || !selectNamespace(store, namespace.inode)) return false;
	if (thing.interface !== undefined)
		selectRow(store, 'interfaces', rows =>
			rows.interfaces.rows.findIndex(row => row.link.name === thing.interface),
		);
	if (thing.route !== undefined)
		selectRow(store, 'routes', rows =>
			rows.routes.rows.findIndex(row => row.route.dst === thing.route),
		);
	return true;
}

function selectRow(
	store: TuiStore,
	pane: 'interfaces' | 'routes',
	find: (view: TuiView) => number,
): void {
	let index = find(deriveView(store.getState()));
	if (index === -1 && store.getState().filters[pane] !== '') {
		store.update(state => ({filters: {...state.filters, [pane]: ''}}));
		index = find(deriveView(store.getState()));
	}
	if (index !== -1) selectIndex(store, pane, index);
}
