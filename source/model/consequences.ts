// What a destructive action takes with it, for the confirmation dialog. Pure:
// reads the snapshot only.
import {namespaceLabel, type Interface, type Namespace} from './snapshot.js';

export type Consequences = {
	/** The question, e.g. "Delete namespace web-ns?" */
	title: string;
	/** One line per consequence, most important first. */
	lines: string[];
	/** How it can cut the operator off (model/cut-off.ts), shown first and in red. */
	danger?: string[];
};

const plural = (count: number, word: string) =>
	`${count} ${word}${count === 1 ? '' : word.endsWith('s') ? 'es' : 's'}`;

function vethPeerName(iface: Interface, namespaces: readonly Namespace[]): string {
	if (!iface.peer) return '';
	const holder = namespaces.find(ns => ns.inode === iface.peer!.namespace);
	return ` (${iface.peer.name}${holder ? ` in ${namespaceLabel(holder)}` : ''})`;
}

function peerNote(iface: Interface, namespaces: readonly Namespace[]): string {
	if (!iface.peer) return iface.kind === 'veth' ? ' (its peer too, wherever it is)' : '';
	const holder = namespaces.find(ns => ns.inode === iface.peer!.namespace);
	const where = holder ? ` in ${namespaceLabel(holder)}` : '';
	return ` (its peer ${iface.peer.name}${where} too)`;
}

/**
 * `ip netns del` removes the name. The namespace itself, and everything in it,
 * only goes when nothing else holds it: a process inside or another bind mount
 * keeps it alive, unnamed.
 */
export function describeNamespaceDeletion(
	ns: Namespace,
	namespaces: readonly Namespace[] = [],
): Consequences {
	const title = `Delete namespace ${namespaceLabel(ns)}?`;
	const lines: string[] = [];
	const ownPath = ns.name === null ? null : `/run/netns/${ns.name}`;
	const otherMounts = ns.paths.filter(
		path => path !== ownPath && path !== `/var/run/netns/${ns.name}`,
	);
	const interfaces = ns.interfaces.filter(iface => iface.kind !== 'loopback');
	const kept = ns.processes.length > 0 || otherMounts.length > 0;

	if (ns.processes.length > 0) {
		const shown = ns.processes
			.slice(0, 5)
			.map(process => `${process.pid} ${process.comm}`)
			.join(', ');
		const more = ns.processes.length > 5 ? `, and ${ns.processes.length - 5} more` : '';
		lines.push(
			`${plural(ns.processes.length, 'process')} still inside keep running: ${shown}${more}.`,
		);
	}
	if (otherMounts.length > 0) lines.push(`It is also mounted at ${otherMounts.join(', ')}.`);
	if (kept) {
		lines.push(
			'Only the name goes: the namespace and its interfaces stay, unnamed, while those hold it.',
		);
		return {title, lines};
	}
	const virtual = interfaces.filter(iface => iface.kind !== 'device');
	const physical = interfaces.filter(iface => iface.kind === 'device');
	if (virtual.length > 0) {
		lines.push(
			`These interfaces vanish: ${virtual.map(iface => `${iface.name}${peerNote(iface, namespaces)}`).join(', ')}.`,
		);
	}
	if (physical.length > 0)
		lines.push(
			`These devices go back to the host: ${physical.map(iface => iface.name).join(', ')}.`,
		);
	const addresses = interfaces.reduce((count, iface) => count + iface.addresses.length, 0);
	const routes = ns.routes.length;
	if (addresses + routes > 0)
		lines.push(`With them go ${plural(addresses, 'address')} and ${plural(routes, 'route')}.`);
	if (lines.length === 0) lines.push('It holds nothing but lo.');
	return {title, lines};
}

export function describeInterfaceDeletion(
	ns: Namespace,
	iface: Interface,
	namespaces: readonly Namespace[] = [],
): Consequences {
	const title = `Delete interface ${iface.name} in ${namespaceLabel(ns)}?`;
	const lines: string[] = [];
	if (iface.kind === 'veth')
		lines.push(
			`The other end of the veth pair${vethPeerName(iface, namespaces)} is deleted with it.`,
		);
	if (iface.kind === 'device' || iface.kind === 'loopback') {
		lines.push('This is not a virtual device: the kernel will most likely refuse to delete it.');
	}
	const ports = ns.interfaces.filter(other => other.master === iface.name).map(other => other.name);
	if (ports.length > 0)
		lines.push(`These interfaces lose their master ${iface.name}: ${ports.join(', ')}.`);
	if (iface.addresses.length > 0) {
		lines.push(
			`Its addresses go: ${iface.addresses.map(address => `${address.address}/${address.prefixlen}`).join(', ')}.`,
		);
	}
	const routes = ns.routes.filter(route => route.dev === iface.name).length;
	if (routes > 0) lines.push(`${plural(routes, 'route')} through it go too.`);
	return {title, lines};
}

export function describeAddressDeletion(
	ns: Namespace,
	iface: Interface,
	address: string,
): Consequences {
	return {
		title: `Delete address ${address} from ${iface.name} in ${namespaceLabel(ns)}?`,
		lines: [
			'The route to its subnet that the kernel added with it goes too, and routes through a gateway in that subnet may stop working.',
		],
	};
}
