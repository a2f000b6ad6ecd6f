// Pane 2: the interfaces of the selected namespace; Enter on a veth goes to its peer.
import {interfaceRows} from '../../../model/pane-rows.js';
import type {Namespace, Snapshot} from '../../../model/snapshot.js';
import type {KeyContext} from '../../keys/key-table.js';
import {definePane} from '../pane-spec.js';
import {cached} from '../row-cache.js';
import {InterfacesPane} from './InterfacesPane.js';

const rowsOf = cached((snapshot: Snapshot) => {
	const byInode = new Map(snapshot.namespaces.map(ns => [ns.inode, ns]));
	return cached((namespace: Namespace) => interfaceRows(namespace, byInode));
});

/** Enter on a veth: its peer, selected in the peer's namespace. */
function goToPeer({store, panes}: KeyContext): void {
	const view = panes.deriveView(store.getState());
	const peer = view.interfaces.rows[view.interfaces.selected]?.link.peer;
	if (!peer || !panes.selectNamespace(store, peer.namespace)) return;
	panes.selectRowWhere(
		store,
		'interfaces',
		row => row.link.ifindex === peer.ifindex && row.link.name === peer.name,
	);
}

export const interfacesPane = definePane({
	id: 'interfaces',
	key: '2',
	title: 'Interfaces',
	rows: ({snapshot, selectedNamespace}) =>
		selectedNamespace ? rowsOf(snapshot)(selectedNamespace) : [],
	followsNamespace: () => true,
	place: {row: 'upper'},
	keys: [
		{
			keys: ['return'],
			description: 'Interfaces: to the veth peer',
			hint: 'veth peer',
			run: goToPeer,
		},
	],
	hints: ['d', 'm', 'a', 'u', 'c'],
	Component: InterfacesPane,
});
