// Pane 5: the sockets of the selected namespace, listening ones
// first; U adds the Unix sockets; Enter selects the process that holds one.
import {socketRows} from '../../../model/socket-rows.js';
import type {SocketReading} from '../../../system/sockets.js';
import {showMessage, toggleAllProcesses} from '../../app/state-updates.js';
import type {TuiStore} from '../../app/tui-store.js';
import type {KeyContext} from '../../keys/key-table.js';
import {definePane} from '../pane-spec.js';
import {cached} from '../row-cache.js';
import {SocketsPane} from './SocketsPane.js';

const rowsOf = cached((reading: SocketReading) => ({
	tcpUdp: socketRows(reading.sockets),
	all: socketRows(reading.sockets, {unix: true}),
}));

/** Enter: the holder's row in the Processes pane (of all namespaces when it is held from another). */
function selectHolder({store, panes}: KeyContext): void {
	const {deriveView, focusPane, selectRowWhere} = panes;
	const view = deriveView(store.getState());
	const row = view.sockets.rows[view.sockets.selected];
	if (!row) return;
	if (row.pid === null)
		return showMessage(store, {
			text: 'no process holds this socket (the kernel keeps it, or a process nstui cannot read)',
			kind: 'info',
		});
	const pid = row.pid;
	let found = selectRowWhere(store, 'processes', process => process.process.pid === pid);
	if (!found && !store.getState().allProcesses) {
		toggleAllProcesses(store);
		found = selectRowWhere(store, 'processes', process => process.process.pid === pid);
	}
	if (found) focusPane(store, 'processes');
	else
		showMessage(store, {
			text: `pid ${pid} is not in the process list (gone, or not read yet)`,
			kind: 'error',
		});
}

export function toggleUnixSockets(store: TuiStore): void {
	store.update(state => ({
		showUnixSockets: !state.showUnixSockets,
		message: {
			text: state.showUnixSockets ? 'TCP and UDP sockets' : 'Unix sockets too',
			kind: 'info',
		},
	}));
}

export const socketsPane = definePane({
	id: 'sockets',
	key: '5',
	title: 'Sockets',
	// Only the reading of the namespace selected now: one of the namespace selected before is not shown for it.
	rows: ({state, selectedNamespace}) => {
		const reading = state.sockets;
		if (!reading || !selectedNamespace || reading.inode !== selectedNamespace.inode) return [];
		const rows = rowsOf(reading);
		return state.showUnixSockets ? rows.all : rows.tcpUdp;
	},
	followsNamespace: () => true,
	// A tab in the Processes pane's place: at 80 columns a third pane in the row would leave each too narrow.
	place: {row: 'lower', shares: 'processes'},
	keys: [
		{
			keys: ['return'],
			description: 'Sockets: select the process that holds it',
			hint: 'process',
			run: selectHolder,
		},
		{
			keys: ['U'],
			description: 'Sockets: Unix sockets shown / hidden',
			hint: 'unix',
			run: ({store}) => toggleUnixSockets(store),
		},
	],
	hints: [],
	Component: SocketsPane,
});
