// Pane 1: every network namespace; the other panes list what is in the selected one.
import {namespaceRows} from '../../../model/pane-rows.js';
import {definePane} from '../pane-spec.js';
import {cached} from '../row-cache.js';
import {NamespacesPane} from './NamespacesPane.js';

const rowsOf = cached(namespaceRows);

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
