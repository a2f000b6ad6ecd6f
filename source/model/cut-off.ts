// Changes that can cut the operator off from the host: in the host's own
// namespace always, elsewhere on the interface that carries the operator's SSH
// session. What they risk, in words, for the confirmation that comes first.
// Pure: the session is found by system/ssh-session.ts.
import {validateIpAddress} from './validate.js';
import type {Interface, Namespace} from './snapshot.js';

/** The operator's SSH client, and the interfaces its packets take (found by `ip route get CLIENT`). */
export type SshSession = {
	client: string;
	links: readonly {namespace: number; device: string}[];
};

export type RiskyChange =
	| {kind: 'link-down' | 'delete-link' | 'move-link'; link: Interface}
	| {kind: 'delete-address'; link: Interface; address: string}
	| {kind: 'delete-route'; device: string | null; route: string}
	| {kind: 'forwarding-off' | 'forwarding-on'};

/** The client's address from `SSH_CONNECTION` ("CLIENT PORT SERVER PORT"), or null. */
export function sshClientOf(connection: string | undefined): string | null {
	const client = connection?.trim().split(/\s+/)[0];
	if (!client) return null;
	const checked = validateIpAddress(client);
	return checked.ok ? checked.value.address : null;
}

/** The device the session takes in `ns`, when it is `device` itself or the bridge/VRF `device` is a port of. */
function sessionThrough(
	ns: Namespace,
	device: string | null,
	session: SshSession | null,
): string | null {
	if (!session || device === null) return null;
	const here = session.links.filter(link => link.namespace === ns.inode).map(link => link.device);
	if (here.includes(device)) return device;
	const master = ns.interfaces.find(link => link.name === device)?.master;
	return master && here.includes(master) ? master : null;
}

const deviceOf = (change: RiskyChange): string | null =>
	'link' in change ? change.link.name : change.kind === 'delete-route' ? change.device : null;

const whatItDoes: Record<RiskyChange['kind'], string> = {
	'link-down': 'taking it down',
	'delete-link': 'deleting it',
	'move-link': 'moving it out',
	'delete-address': 'deleting this address',
	'delete-route': 'deleting this route',
	'forwarding-off': 'turning forwarding off',
	'forwarding-on': 'turning forwarding on',
};

function hostLine(change: RiskyChange): string {
	switch (change.kind) {
		case 'link-down':
			return `This is the host's own namespace: with ${change.link.name} down, nothing reaches the host or what it routes through ${change.link.name}.`;
		case 'delete-link':
			return `This is the host's own namespace: what reaches the host or its containers through ${change.link.name} stops.`;
		case 'move-link':
			return `This is the host's own namespace: the host loses ${change.link.name} and every connection through it.`;
		case 'delete-address':
			return `This is the host's own namespace: connections to ${change.address} on the host end.`;
		case 'delete-route':
			return `This is the host's own namespace: the host's own traffic to ${change.route} loses its way.`;
		case 'forwarding-off':
			return "This is the host's own namespace: the host stops forwarding, so every container and namespace routed through it loses its way out.";
		case 'forwarding-on':
			return "This is the host's own namespace: the host starts routing between all its networks (and its containers'), which it did not do before.";
	}
}

/**
 * Why the change can cut the operator off (or, forwarding turned on in the
 * host, open the host up as a router), most important first; empty when
 * it cannot (not the host, not the session's interface): such a change may run
 * at once.
 */
export function cutOffRisk(
	ns: Namespace,
	change: RiskyChange,
	session: SshSession | null,
): string[] {
	const lines: string[] = [];
	const device = deviceOf(change);
	const through = sessionThrough(ns, device, session);
	if (session && through !== null) {
		const port = through === device ? '' : ` (${device} is a port of ${through})`;
		lines.push(
			`${through} carries your SSH session from ${session.client}${port}: ${whatItDoes[change.kind]} can cut you off.`,
		);
	} else if (session && change.kind === 'forwarding-off') {
		const here = session.links.find(link => link.namespace === ns.inode);
		if (here)
			lines.push(
				`Your SSH session from ${session.client} comes through ${here.device} here: if it is forwarded, turning forwarding off cuts you off.`,
			);
	}
	if (ns.root) lines.push(hostLine(change));
	return lines;
}
