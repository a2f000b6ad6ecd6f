// The topology view (t): open it on the selected namespace, move its cursor,
// filter it, and read the NAT rules of the namespaces that have a bridge.
import {hasBridge, natNoteOf, type NatNote} from '../../../model/nat-notes.js';
import type {DrawingLine} from '../../../model/topology/drawing.js';
import {moveTopology, settlePosition, type TopologyMove} from '../../../model/topology/cursor.js';
import type {LineEdit} from '../../../model/line-edit.js';
import {deriveView} from '../../panes/derive-view.js';
import {closeFullView, returnToNamespace, updateFullView} from '../full-view-updates.js';
import type {TopologyViewState} from '../full-view-state.js';
import type {DetailsReader} from '../details/details-reader.js';
import type {TuiStore} from '../../app/tui-store.js';

/** Opens at the top (the summary and the overview first), the cursor on the selected namespace, marked in the overview too. */
export function openTopology(store: TuiStore): void {
	const selected = deriveView(store.getState()).selectedNamespace;
	store.update({
		fullView: {
			kind: 'topology',
			cursor: selected?.inode ?? null,
			top: 0,
			filter: '',
			editingFilter: false,
			filterCursor: 0,
			nat: null,
		},
	});
}

export function moveInTopology(
	store: TuiStore,
	lines: readonly DrawingLine[],
	move: TopologyMove,
	height: number,
): void {
	updateFullView(store, 'topology', view => moveTopology(lines, view, move, height));
}

/** Back: to the trace view when the topology shows its path, else to the panes. */
export function leaveTopology(store: TuiStore): void {
	const view = store.getState().fullView;
	if (view?.kind === 'topology' && view.path) store.update({fullView: view.path.back});
	else closeFullView(store);
}

/** Enter: back to the panes with the namespace under the cursor selected. */
export function enterFromTopology(
	store: TuiStore,
	lines: readonly DrawingLine[],
	height: number,
): void {
	const view = store.getState().fullView;
	if (view?.kind !== 'topology') return;
	returnToNamespace(store, settlePosition(lines, view, height).cursor);
}

/** `/` starts a new filter: the old one goes at once. */
export function startTopologyFilter(store: TuiStore): void {
	updateFullView(store, 'topology', () => ({
		editingFilter: true,
		filter: '',
		filterCursor: 0,
		top: null,
	}));
}

/** A new filter shows the cursor's box again wherever it now is. */
export function setTopologyFilter(store: TuiStore, line: LineEdit): void {
	updateFullView(store, 'topology', view => ({
		filter: line.text,
		filterCursor: line.cursor,
		top: line.text === view.filter ? view.top : null,
	}));
}

export function commitTopologyFilter(store: TuiStore): void {
	updateFullView(store, 'topology', () => ({editingFilter: false}));
}

export function clearTopologyFilter(store: TuiStore): void {
	updateFullView(store, 'topology', () => ({editingFilter: false, filter: '', top: null}));
}

/** Namespaces read at once; each read is one `iptables-save` inside a namespace. */
const parallelReads = 4;

/**
 * Reads the NAT rules of every namespace with a bridge, once per opening of the view
 * (and on Ctrl-R): never on the live refresh, which would run iptables-save every interval.
 */
export async function readTopologyNat(store: TuiStore, reader: DetailsReader): Promise<void> {
	const snapshot = store.getState().snapshot;
	if (!snapshot) return;
	const bridged = snapshot.namespaces.filter(hasBridge);
	updateFullView(store, 'topology', () => ({
		nat: new Map(bridged.map(ns => [ns.inode, {state: 'reading'}])),
	}));
	const queue = [...bridged];
	const work = async () => {
		for (let ns = queue.shift(); ns; ns = queue.shift()) {
			const firewall = await reader.firewall(ns);
			const note: NatNote = firewall.value
				? natNoteOf(firewall.value, ns)
				: {state: 'unknown', reason: firewall.error};
			updateFullView(store, 'topology', view => ({
				nat: new Map(view.nat ?? []).set(ns.inode, note),
			}));
		}
	};
	await Promise.all(Array.from({length: Math.min(parallelReads, queue.length)}, work));
}

export function isTopologyReadingNat(view: TopologyViewState): boolean {
	return [...(view.nat?.values() ?? [])].some(note => note.state === 'reading');
}
