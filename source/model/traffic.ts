// The traffic view's rows: every veth and bridge port of the host's namespace
// (and of any namespace added to the view), sorted by rate, each labelled with
// the namespace (and owner) its veth peer is in: "which namespace or container
// uses the bandwidth?" from one read of the host. Pure.
import {totalBytesPerSecond, type LinkRate} from './link-rates.js';
import {
	namespaceLabel,
	type Interface,
	type Namespace,
	type Owner,
	type Snapshot,
} from './snapshot.js';

export type TrafficRow = {
	/** Where the interface is. */
	namespace: number;
	namespaceLabel: string;
	interface: string;
	ifindex: number;
	kind: string;
	master: string | null;
	/** null until two readings have been taken. */
	rate: LinkRate | null;
	/** The namespace at the other end of a veth, when known. */
	peer: {namespace: number; label: string; owner: Owner | null; interface: string} | null;
};

/** Shown for the host: its veths and bridge ports. For other namespaces: every interface but loopback. */
function shownHere(link: Interface, hub: boolean): boolean {
	if (link.kind === 'loopback' || link.name === 'lo') return false;
	return !hub || link.kind === 'veth' || link.master !== null;
}

/**
 * Rows for `hub` (the host's namespace) and the namespaces in `added`, from
 * their rates (namespace inode -> ifindex -> rate). The busiest first; those
 * without a rate yet last, by name.
 */
export function trafficRows(
	snapshot: Snapshot,
	hub: number,
	rates: ReadonlyMap<number, ReadonlyMap<number, LinkRate>>,
	added: readonly number[] = [],
): TrafficRow[] {
	const byInode = new Map(snapshot.namespaces.map(ns => [ns.inode, ns]));
	const rows: TrafficRow[] = [];
	const seen = new Set<number>();
	for (const inode of [hub, ...added]) {
		const ns = byInode.get(inode);
		if (!ns || seen.has(inode)) continue;
		seen.add(inode);
		for (const link of ns.interfaces) {
			if (!shownHere(link, inode === hub)) continue;
			rows.push({
				namespace: ns.inode,
				namespaceLabel: namespaceLabel(ns),
				interface: link.name,
				ifindex: link.ifindex,
				kind: link.kind,
				master: link.master,
				rate: rates.get(ns.inode)?.get(link.ifindex) ?? null,
				peer: peerOf(link, byInode),
			});
		}
	}
	return rows.sort(compareRows);
}

function peerOf(link: Interface, byInode: ReadonlyMap<number, Namespace>): TrafficRow['peer'] {
	if (!link.peer) return null;
	const ns = byInode.get(link.peer.namespace);
	return {
		namespace: link.peer.namespace,
		label: ns ? namespaceLabel(ns) : `net:[${link.peer.namespace}]`,
		owner: ns?.owner ?? null,
		interface: link.peer.name,
	};
}

function compareRows(a: TrafficRow, b: TrafficRow): number {
	if (a.rate && !b.rate) return -1;
	if (b.rate && !a.rate) return 1;
	const byRate = a.rate && b.rate ? totalBytesPerSecond(b.rate) - totalBytesPerSecond(a.rate) : 0;
	return (
		byRate ||
		a.namespaceLabel.localeCompare(b.namespaceLabel) ||
		a.interface.localeCompare(b.interface)
	);
}
