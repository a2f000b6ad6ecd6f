// Find's `:PORT`: every namespace's sockets and published ports
// (system/published-ports.ts), read once when such a term is typed (one socket reader for all namespaces) and kept for the
// snapshot they were read with, for a while; find then searches a copy of the
// snapshot that carries them. Sockets are never read for all namespaces on a
// routine refresh.
import {parsePortTerm, type Socket} from '../../../model/sockets.js';
import type {Snapshot} from '../../../model/snapshot.js';
import type {PublishedPort} from '../../../model/published-ports.js';
import {readPublishedPorts, type PortsReading} from '../../../system/published-ports.js';
import {readSocketsOf} from '../../../system/sockets.js';
import {showMessage} from '../../app/state-updates.js';
import type {TuiStore} from '../../app/tui-store.js';

/** How long one reading answers port searches before a new term reads again. */
const keptMs = 10_000;

type Kept = {
	byInode: ReadonlyMap<
		number,
		{sockets: Socket[]; error: string | null; ports?: PublishedPort[]; portsError?: string | null}
	>;
	snapshot: Snapshot;
	at: number;
};
let kept: Kept | null = null;
let reading: Promise<void> | null = null;
/** The searched copy for each snapshot and reading, so find's results stay the same object between frames. */
let merged: {snapshot: Snapshot; kept: Kept; copy: Snapshot} | null = null;

/**
 * The snapshot find searches for `term`: for a port term, a copy that carries
 * every namespace's sockets as last read (by inode: a refresh since then
 * replaces the snapshot, not what its namespaces hold).
 */
export function snapshotForFind(snapshot: Snapshot | null, term: string): Snapshot | null {
	if (!snapshot || !kept || parsePortTerm(term) === null) return snapshot;
	if (merged?.snapshot === snapshot && merged.kept === kept) return merged.copy;
	const byInode = kept.byInode;
	const copy: Snapshot = {
		...snapshot,
		namespaces: snapshot.namespaces.map(ns => {
			const found = byInode.get(ns.inode);
			return found
				? {
						...ns,
						sockets: found.sockets,
						socketsError: found.error,
						...(found.ports ? {ports: found.ports, portsError: found.portsError ?? null} : {}),
					}
				: ns;
		}),
	};
	merged = {snapshot, kept, copy};
	return copy;
}

/** Starts reading every namespace's sockets when `term` is a port and what is kept is old or of another snapshot. */
export function readSocketsForPort(
	store: TuiStore,
	term: string,
	read = readSocketsOf,
	readPorts: ((snapshot: Snapshot) => Promise<PortsReading[]>) | null = readPublishedPorts,
): Promise<void> | null {
	const snapshot = store.getState().snapshot;
	if (!snapshot || parsePortTerm(term) === null || reading) return reading;
	if (kept && kept.snapshot === snapshot && Date.now() - kept.at < keptMs) return null;
	reading = (async () => {
		try {
			const readings = await read(snapshot.namespaces);
			const ports = new Map(
				(readPorts ? await readPorts(snapshot) : []).map(item => [item.inode, item]),
			);
			kept = {
				byInode: new Map(
					readings.map(item => [
						item.inode,
						{
							sockets: item.sockets,
							error: item.error,
							ports: ports.get(item.inode)?.ports,
							portsError: ports.get(item.inode)?.error,
						},
					]),
				),
				snapshot,
				at: Date.now(),
			};
			// Any change makes find look again; the term is the view's own.
			store.update(state =>
				state.fullView?.kind === 'find' ? {fullView: {...state.fullView}} : {},
			);
		} catch (error) {
			showMessage(store, {
				text: `could not read the sockets: ${error instanceof Error ? error.message : String(error)}`,
				kind: 'error',
			});
		} finally {
			reading = null;
		}
	})();
	return reading;
}
