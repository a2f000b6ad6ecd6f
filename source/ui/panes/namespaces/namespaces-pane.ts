// Pane 1: every network namespace; the other panes list what is in the selected one.
import {namespaceRow} from '../../../model/pane-rows.js';
import type {Snapshot} from '../../../model/snapshot.js';
import {definePane} from '../pane-spec.js';
import {cached} from '../row-cache.js';
import {NamespacesPane} from './NamespacesPane.js';

// Per namespace: a refresh hands back the objects of namespaces that did not change, so
// a change in one of a thousand builds one row.
const rowOf = cached(namespaceRow);
const rowsOf = cached((snapshot: Snapshot) => snapshot.namespaces.map(rowOf));

export const namespacesPane = definePane({
	id: 'namespaces',
	key: '1',
	title: 'Namespaces',
	rows: ({snapshot}) => rowsOf(snapshot),
	followsNamespace: () => false,
	place: {row: 'upper', width: total => Math.min(Math.max(Math.floor(total * 0.4), 30), 64)},
	keys: [
		{
			keys: ['return'],
			description: 'Namespaces: its interfaces',
			hint: 'interfaces',
			run: ({store, panes}) => panes.focusPane(store, 'interfaces'),
		},
	],
	hints: ['i', 'n', 'd', 's'],
	Component: NamespacesPane,
});
