// The details view (i) of the selected namespace: its neighbour cache and its
// iptables rules, read when the view opens and on Ctrl-R, never on the live refresh.
import type {Firewall} from '../../../model/firewall.js';
import {publishedByProxy, withOwners, type PublishedPort} from '../../../model/published-ports.js';
import type {Reading} from '../../../model/reading.js';
import type {Namespace} from '../../../model/snapshot.js';
import {deriveView} from '../../panes/derive-view.js';
import {updateFullView} from '../full-view-updates.js';
import type {DetailsReader} from './details-reader.js';
import {showMessage} from '../../app/state-updates.js';
import type {TuiStore} from '../../app/tui-store.js';

export function openDetails(store: TuiStore): void {
	const selected = deriveView(store.getState()).selectedNamespace;
	if (!selected) {
		showMessage(store, {text: 'no namespace selected', kind: 'error'});
		return;
	}
	store.update({
		fullView: {
			kind: 'details',
			namespace: selected.inode,
			request: 1,
			status: 'wanted',
			neighbours: null,
			firewall: null,
			readAt: null,
			top: 0,
		},
	});
}

/** Ctrl-R: read again; what an earlier read brings back later is dropped. */
export function rereadDetails(store: TuiStore): void {
	updateFullView(store, 'details', view => ({status: 'wanted', request: view.request + 1}));
}

export function scrollDetails(store: TuiStore, top: number): void {
	updateFullView(store, 'details', () => ({top: Math.max(top, 0)}));
}

/** Reads what the view wants, if it still wants it (the view calls this when the status says so). */
export async function readWantedDetails(store: TuiStore, reader: DetailsReader): Promise<void> {
	const state = store.getState();
	const view = state.fullView;
	if (view?.kind !== 'details' || view.status !== 'wanted') return;
	const {request, namespace: inode} = view;
	const ns = state.snapshot?.namespaces.find(item => item.inode === inode);
	if (!ns) {
		const gone = {
			value: null,
			error: `namespace net:[${inode}] is not in the latest snapshot (gone?)`,
		};
		updateFullView(store, 'details', () => ({
			status: 'read',
			neighbours: gone,
			firewall: gone,
			readAt: Date.now(),
		}));
		return;
	}
	updateFullView(store, 'details', () => ({status: 'reading'}));
	const [neighbours, read] = await Promise.all([reader.neighbours(ns), reader.firewall(ns)]);
	const firewall = withPublished(store, ns, read);
	updateFullView(store, 'details', current =>
		current.request === request && current.namespace === inode
			? {status: 'read', neighbours, firewall, readAt: Date.now()}
			: null,
	);
}

/** The firewall's published ports with docker-proxy's beside them, each named with the namespace it leads to. */
function withPublished(
	store: TuiStore,
	ns: Namespace,
	firewall: Reading<Firewall>,
): Reading<Firewall> {
	const snapshot = store.getState().snapshot;
	if (!firewall.value || !snapshot) return firewall;
	const byRules = (firewall.value.published ?? []).map(port => ({...port, namespace: ns.inode}));
	const byProxy = ns.processes
		.map(process => publishedByProxy(ns, process))
		.filter((port): port is PublishedPort => port !== null);
	return {
		...firewall,
		value: {...firewall.value, published: withOwners(snapshot, [...byRules, ...byProxy])},
	};
}
