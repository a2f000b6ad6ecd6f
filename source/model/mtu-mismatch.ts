// The two ends of a veth with different MTUs: the smaller end drops what the
// larger one sends above its size, with nothing in the routes or rules to show
// why. A warning (`w`), not an error: some set-ups do it on purpose.
import {namespaceLabel, type Namespace} from './snapshot.js';

export type MtuMismatch = {
	a: {namespace: Namespace; name: string; mtu: number};
	b: {namespace: Namespace; name: string; mtu: number};
};

/** Each veth pair whose ends differ, once (from the end with the lower namespace inode, then ifindex). */
export function mtuMismatches(namespaces: readonly Namespace[]): MtuMismatch[] {
	const byInode = new Map(namespaces.map(ns => [ns.inode, ns]));
	const found: MtuMismatch[] = [];
	for (const namespace of namespaces) {
		for (const link of namespace.interfaces) {
			const peer = link.peer;
			if (link.kind !== 'veth' || !peer) continue;
			const first =
				namespace.inode < peer.namespace ||
				(namespace.inode === peer.namespace && link.ifindex < peer.ifindex);
			if (!first) continue;
			const other = byInode.get(peer.namespace);
			const end = other?.interfaces.find(
				candidate => candidate.ifindex === peer.ifindex && candidate.name === peer.name,
			);
			if (!other || !end || !link.mtu || !end.mtu || end.mtu === link.mtu) continue;
			found.push({
				a: {namespace, name: link.name, mtu: link.mtu},
				b: {namespace: other, name: end.name, mtu: end.mtu},
			});
		}
	}
	return found;
}

export function mtuMismatchText({a, b}: MtuMismatch): string {
	const [small, large] = a.mtu < b.mtu ? [a, b] : [b, a];
	const end = (side: typeof a) =>
		`${side.name}@${namespaceLabel(side.namespace)} (MTU ${side.mtu})`;
	return `veth ends differ: ${end(small)} and ${end(large)}: packets over ${small.mtu} bytes sent from ${namespaceLabel(large.namespace)} are dropped at ${small.name}`;
}
