// Pane 4: the processes in the selected namespace (or in all, `*`); Enter
// selects a process's namespace.
import {processRows} from '../../../model/pane-rows.js';
import type {Namespace, Snapshot} from '../../../model/snapshot.js';
import {definePane} from '../pane-spec.js';
import {cached} from '../row-cache.js';
import {ProcessesPane} from './ProcessesPane.js';

const allRowsOf = cached((snapshot: Snapshot) => processRows(snapshot.namespaces));
const rowsOf = cached((namespace: Namespace) => processRows([namespace]));

export const processesPane = definePane({
	id: 'processes',
	key: '4',
	title: 'Processes',
	rows: ({state, snapshot, selectedNamespace}) =>
		state.allProcesses ? allRowsOf(snapshot) : selectedNamespace ? rowsOf(selectedNamespace) : [],
	// Listing every process, it keeps its place whichever namespace is selected.
	followsNamespace: state => !state.allProcesses,
	place: {row: 'lower'},
	keys: [
		{
			keys: ['return'],
			description: 'Processes: select its namespace',
			hint: 'go to ns',
			run: ({store, panes}) => {
				const view = panes.deriveView(store.getState());
				const row = view.processes.rows[view.processes.selected];
				if (row && panes.selectNamespace(store, row.namespaceInode))
					panes.focusPane(store, 'namespaces');
			},
		},
	],
	hints: ['*', 's'],
	Component: ProcessesPane,
});
