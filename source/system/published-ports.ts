// The published ports of some namespaces (model/published-ports.ts): each
// one's firewall read once (iptables-save and nft, as the trace reads it), a
// few at a time, and docker-proxy from its processes. Only when asked
// (`snapshot --ports`, find `:PORT`, the details view of one namespace).
import {publishedPorts, type PublishedPort} from '../model/published-ports.js';
import type {Namespace, Snapshot} from '../model/snapshot.js';
import {targetFor} from './actions/targets.js';
import {readRuleset} from './trace/firewall-reading.js';

export type PortsReading = {inode: number; ports: PublishedPort[]; error: string | null};

const atOnce = 4;

export async function readPortsOf(ns: Namespace, snapshot: Snapshot): Promise<PortsReading> {
	const target = targetFor(ns);
	// With nothing but loopback nothing from elsewhere reaches it: no rule of its publishes to another namespace.
	if (ns.interfaces.every(link => link.kind === 'loopback'))
		return {inode: ns.inode, ports: publishedPorts(snapshot, ns, null), error: null};
	if (!target)
		return {inode: ns.inode, ports: publishedPorts(snapshot, ns, null), error: 'cannot be entered'};
	try {
		// IPv4's rules: Docker and portmap publish through them (ip6tables only where enabled).
		const v4 = await readRuleset(target, 'inet');
		return {
			inode: ns.inode,
			ports: publishedPorts(snapshot, ns, v4.ruleset),
			error: v4.ruleset ? null : v4.error,
		};
	} catch (error) {
		return {
			inode: ns.inode,
			ports: [],
			error: error instanceof Error ? error.message : String(error),
		};
	}
}

export async function readPublishedPorts(
	snapshot: Snapshot,
	namespaces: readonly Namespace[] = snapshot.namespaces,
): Promise<PortsReading[]> {
	const readings: PortsReading[] = [];
	for (let start = 0; start < namespaces.length; start += atOnce)
		readings.push(
			...(await Promise.all(
				namespaces.slice(start, start + atOnce).map(ns => readPortsOf(ns, snapshot)),
			)),
		);
	return readings;
}

/** Fills in each namespace's `ports` (and `portsError`) in place. */
export async function addPublishedPorts(snapshot: Snapshot): Promise<void> {
	const readings = await readPublishedPorts(snapshot);
	snapshot.namespaces.forEach((ns, index) => {
		ns.ports = readings[index]!.ports;
		ns.portsError = readings[index]!.error;
	});
}
