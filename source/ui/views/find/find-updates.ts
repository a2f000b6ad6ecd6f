// Find anything (F): the term, the chosen result, and the jump to where it is.
import type {LineEdit} from '../../../model/line-edit.js';
import type {FindResult} from '../../../model/find.js';
import {showMessage} from '../../app/state-updates.js';
import {focusPane, selectNamespace, selectRowWhere} from '../../panes/pane-updates.js';
import {closeFullView, updateFullView} from '../full-view-updates.js';
import type {TuiStore} from '../../app/tui-store.js';
import {movedIndex, type Move} from '../../keys/scroll-keys.js';
import {readSocketsForPort} from './port-sockets.js';

export function openFind(store: TuiStore): void {
	store.update({fullView: {kind: 'find', term: '', cursor: 0, selected: 0}});
}

export function setFindTerm(store: TuiStore, line: LineEdit): void {
	updateFullView(store, 'find', view => ({
		term: line.text,
		cursor: line.cursor,
		selected: line.text === view.term ? view.selected : 0,
	}));
	void readSocketsForPort(store, line.text);
}

export function moveFindSelection(store: TuiStore, move: Move, count: number, page: number): void {
	updateFullView(store, 'find', view =>
		count === 0
			? null
			: {selected: movedIndex(Math.min(view.selected, count - 1), move, count, page)},
	);
}

/** Enter: the result's namespace selected, and its interface, route or process in the pane that lists it. */
export function jumpToFindResult(store: TuiStore, result: FindResult | undefined): void {
	if (!result) return;
	closeFullView(store);
	if (!selectNamespace(store, result.namespace)) {
		showMessage(store, {
			text: `${result.namespaceLabel} is not in the latest snapshot (gone?)`,
			kind: 'error',
		});
		return;
	}
	// A socket (`:PORT`): the process that holds it.
	if ((result.match === 'process' || result.match === 'socket') && result.pid !== null) {
		const pid = result.pid;
		if (selectRowWhere(store, 'processes', row => row.process.pid === pid))
			return focusPane(store, 'processes');
	} else if (result.match === 'route') {
		// The result's text starts with the route's destination, as the Routes pane writes it.
		const dst = result.what.split(' ')[0];
		const found = selectRowWhere(
			store,
			'routes',
			row =>
				row.route.dst === dst && (result.interface === null || row.route.dev === result.interface),
		);
		if (found) return focusPane(store, 'routes');
	} else if (result.interface !== null) {
		const name = result.interface;
		if (selectRowWhere(store, 'interfaces', row => row.link.name === name))
			return focusPane(store, 'interfaces');
	}
	focusPane(store, 'namespaces');
}
