// The two ends of `nstui trace FROM TO[:PORT[/udp]]`: FROM a namespace by name,
// inode or owner; TO an address or a namespace (whose address is then used).
import {isIP} from 'node:net';
import {ownerLabel, ownerTerms} from '../owners.js';
import {namespaceLabel, type Namespace, type Snapshot} from '../snapshot.js';
import type {Protocol} from './types.js';

export type Resolved<T> = {ok: true; value: T} | {ok: false; reason: string};

/** A namespace by its name, inode (`4026532386` or `net:[4026532386]`), label, or an owner's name or id. */
export function resolveNamespace(snapshot: Snapshot, term: string): Resolved<Namespace> {
	const inode = /^(?:net:\[)?(\d+)\]?$/.exec(term)?.[1];
	if (inode) {
		const ns = snapshot.namespaces.find(entry => entry.inode === Number(inode));
		return ns ? {ok: true, value: ns} : {ok: false, reason: `no namespace has inode ${inode}`};
	}
	const byName = snapshot.namespaces.filter(ns => ns.name === term || namespaceLabel(ns) === term);
	if (byName.length === 1) return {ok: true, value: byName[0]!};
	const byOwner = snapshot.namespaces.filter(
		ns =>
			ns.owner &&
			(ownerTerms(ns.owner).includes(term) ||
				ownerLabel(ns.owner) === term ||
				(term.length >= 3 && /^[0-9a-f]+$/.test(term) && ns.owner.id.startsWith(term))),
	);
	const found = byName.length > 1 ? byName : byOwner;
	if (found.length === 1) return {ok: true, value: found[0]!};
	if (found.length > 1)
		return {
			ok: false,
			reason: `"${term}" names ${found.length} namespaces (${found.map(ns => `net:[${ns.inode}]`).join(', ')}): give the inode`,
		};
	return {
		ok: false,
		reason: `no namespace is called "${term}" (give a name, an inode or a container's name)`,
	};
}

export type Destination = {
	address: string;
	namespace: Namespace | null;
	port: number | null;
	protocol: Protocol;
};

/** Splits `TO[:PORT[/udp|/tcp]]`; `[v6]:PORT` for an IPv6 address with a port. */
export function splitDestination(
	text: string,
): Resolved<{to: string; port: number | null; protocol: Protocol}> {
	let to = text;
	let portText: string | null = null;
	const bracketed = /^\[([^\]]+)\](?::(.+))?$/.exec(text);
	if (bracketed) {
		to = bracketed[1]!;
		portText = bracketed[2] ?? null;
	} else if (isIP(text) !== 6) {
		const at = text.lastIndexOf(':');
		if (at > 0) {
			to = text.slice(0, at);
			portText = text.slice(at + 1);
		}
	}
	if (portText === null) return {ok: true, value: {to, port: null, protocol: 'icmp'}};
	const match = /^(\d{1,5})(?:\/(tcp|udp))?$/.exec(portText);
	const port = match ? Number(match[1]) : NaN;
	if (!match || port < 1 || port > 65535)
		return {ok: false, reason: `"${portText}" is not a port (1-65535, optionally /tcp or /udp)`};
	return {ok: true, value: {to, port, protocol: (match[2] as Protocol | undefined) ?? 'tcp'}};
}

/** The address a namespace is reached at: its first global IPv4 address (on a veth first), else IPv6. */
export function addressOfNamespace(ns: Namespace): string | null {
	const links = [...ns.interfaces]
		.filter(link => link.kind !== 'loopback')
		.sort((a, b) => Number(b.kind === 'veth') - Number(a.kind === 'veth'));
	for (const family of ['inet', 'inet6'] as const) {
		for (const link of links) {
			const address = link.addresses.find(
				entry =>
					entry.family === family &&
					!entry.address.startsWith('fe80') &&
					!entry.address.startsWith('127.'),
			);
			if (address) return address.address;
		}
	}
	return null;
}

export function resolveDestination(snapshot: Snapshot, text: string): Resolved<Destination> {
	const split = splitDestination(text);
	if (!split.ok) return split;
	const {to, port, protocol} = split.value;
	if (isIP(to)) return {ok: true, value: {address: to, namespace: null, port, protocol}};
	const ns = resolveNamespace(snapshot, to);
	if (!ns.ok) return {ok: false, reason: `TO is neither an address nor a namespace: ${ns.reason}`};
	const address = addressOfNamespace(ns.value);
	if (!address)
		return {ok: false, reason: `${namespaceLabel(ns.value)} has no address to trace to`};
	return {ok: true, value: {address, namespace: ns.value, port, protocol}};
}
