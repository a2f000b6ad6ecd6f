// Where a packet that leaves a namespace through a device lands, from the
// snapshot's proven wiring: the other end of a veth, a bridge and the port
// behind which the next hop's address is, or out of the host.
import {parseIp} from '../ip-prefix.js';
import {linkStateText} from '../link-state.js';
import {namespaceLabel, type Interface, type Namespace, type Snapshot} from '../snapshot.js';

export type Landing =
	/** Into namespace `ns` through interface `in` (the packet's next hop). */
	| {kind: 'namespace'; ns: Namespace; in: string; via: BridgePass | null}
	/** Out of a device that is not wired to another namespace: a NIC, a tunnel; nothing is claimed beyond. */
	| {kind: 'outside'; device: string; deviceKind: string; via: BridgePass | null}
	/** A veth whose other end nstui could not prove. */
	| {kind: 'unresolved'; device: string}
	/** A device the snapshot does not have (the namespace could not be read, or the device is newer than the reading). */
	| {kind: 'unread'; device: string}
	/** Nobody on the wire holds the address the packet is sent to (neighbour resolution fails). */
	| {
			kind: 'nobody';
			target: string;
			wire: string[];
			via: BridgePass | null; /** The interface at the other end of the wire, when there is one. */
			farEnd: Interface | null;
	  };

/** A bridge the packet crosses: where, in through which port, out through which. */
export type BridgePass = {
	ns: Namespace;
	bridge: Interface;
	inPort: Interface | null;
	outPort: Interface | null;
};

const sameAddress = (a: string, b: string) => {
	const x = parseIp(a);
	const y = parseIp(b);
	return x !== null && y !== null && x.family === y.family && x.value === y.value;
};

export const holds = (link: Interface, address: string) =>
	link.addresses.some(entry => sameAddress(entry.address, address));
export const nsHolds = (ns: Namespace, address: string) =>
	ns.interfaces.some(link => holds(link, address));

export const isUp = (link: Interface) => link.flags.includes('UP');
export const hasCarrier = (link: Interface) =>
	link.flags.includes('LOWER_UP') && !link.flags.includes('NO-CARRIER');
export const stateOf = (link: Interface) => linkStateText(link);

/**
 * The packet leaves `ns` through `device` towards `target` (the gateway, or the
 * destination when it is on the link). Which namespace receives it, and through which interface?
 */
export function landing(
	snapshot: Snapshot,
	ns: Namespace,
	device: string,
	target: string,
): Landing {
	const byInode = new Map(snapshot.namespaces.map(entry => [entry.inode, entry]));
	const link = ns.interfaces.find(entry => entry.name === device);
	if (!link) return {kind: 'unread', device};
	if (link.kind === 'bridge') return acrossBridge(byInode, ns, link, null, target);
	if (link.kind === 'veth') {
		if (!link.peer) return {kind: 'unresolved', device};
		const peerNs = byInode.get(link.peer.namespace);
		const peer = peerNs?.interfaces.find(entry => entry.name === link.peer!.name);
		if (!peerNs || !peer) return {kind: 'unresolved', device};
		const master = peer.master
			? peerNs.interfaces.find(entry => entry.name === peer.master)
			: undefined;
		if (master?.kind === 'bridge') return acrossBridge(byInode, peerNs, master, peer, target);
		// The kernel answers neighbour requests for any of its addresses (arp_ignore=0).
		if (nsHolds(peerNs, target)) return {kind: 'namespace', ns: peerNs, in: peer.name, via: null};
		return {
			kind: 'nobody',
			target,
			wire: [`${peer.name} in ${namespaceLabel(peerNs)}`],
			via: null,
			farEnd: peer,
		};
	}
	if (link.kind === 'loopback') return {kind: 'namespace', ns, in: 'lo', via: null};
	return {kind: 'outside', device, deviceKind: link.kind, via: null};
}

function acrossBridge(
	byInode: Map<number, Namespace>,
	ns: Namespace,
	bridge: Interface,
	inPort: Interface | null,
	target: string,
): Landing {
	if (holds(bridge, target) || (inPort === null && nsHolds(ns, target))) {
		return {kind: 'namespace', ns, in: bridge.name, via: {ns, bridge, inPort, outPort: null}};
	}
	const ports = ns.interfaces.filter(entry => entry.master === bridge.name && entry !== inPort);
	const wire: string[] = [];
	for (const port of ports) {
		const via: BridgePass = {ns, bridge, inPort, outPort: port};
		if (port.kind !== 'veth') {
			wire.push(`${port.name} (${port.kind})`);
			continue;
		}
		const far = port.peer ? byInode.get(port.peer.namespace) : undefined;
		const farLink = far?.interfaces.find(entry => entry.name === port.peer!.name);
		if (!far || !farLink) continue;
		wire.push(`${farLink.name} in ${namespaceLabel(far)}`);
		if (nsHolds(far, target)) return {kind: 'namespace', ns: far, in: farLink.name, via};
	}
	// A port that leads out of the host may hold it beyond; that is not for nstui to say.
	const outward = ports.find(port => port.kind !== 'veth' && port.kind !== 'bridge');
	if (outward)
		return {
			kind: 'outside',
			device: outward.name,
			deviceKind: outward.kind,
			via: {ns, bridge, inPort, outPort: outward},
		};
	if (nsHolds(ns, target))
		return {kind: 'namespace', ns, in: bridge.name, via: {ns, bridge, inPort, outPort: null}};
	return {kind: 'nobody', target, wire, via: {ns, bridge, inPort, outPort: null}, farEnd: null};
}
