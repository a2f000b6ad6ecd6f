// The kernel's type of an address as one namespace sees it, for iptables'
// `-m addrtype --dst-type LOCAL` and nft's `fib daddr type local`: Docker,
// CNI's portmap and kube-proxy DNAT published ports only to LOCAL addresses.
// From the namespace's own addresses (the local table holds exactly those,
// and 127.0.0.0/8, ::1); types nstui cannot tell from them are null.
import {familyBits} from '../ip-address.js';
import {parseIp, parsePrefix, prefixContains} from '../ip-prefix.js';
import type {Namespace} from '../snapshot.js';

export type AddressType = 'LOCAL' | 'BROADCAST' | 'MULTICAST' | 'UNICAST';
/** The type of an address where it is judged; null: not known (a type nstui does not tell apart). */
export type AddressTyper = (address: string) => AddressType | null;

const multicast = [parsePrefix('224.0.0.0/4')!, parsePrefix('ff00::/8')!];
const loopback = [parsePrefix('127.0.0.0/8')!, parsePrefix('::1/128')!];

export function addressTyper(ns: Pick<Namespace, 'interfaces' | 'routes'>): AddressTyper {
	return address => {
		const ip = parseIp(address);
		if (!ip) return null;
		if (loopback.some(prefix => prefixContains(prefix, ip))) return 'LOCAL';
		if (multicast.some(prefix => prefixContains(prefix, ip))) return 'MULTICAST';
		if (ip.family === 'inet' && ip.value === 0xffffffffn) return 'BROADCAST';
		for (const link of ns.interfaces) {
			for (const own of link.addresses) {
				const mine = parseIp(own.address);
				if (!mine || mine.family !== ip.family) continue;
				if (mine.value === ip.value) return 'LOCAL';
				if (ip.family === 'inet' && own.prefixlen < 31) {
					const hostBits = BigInt(familyBits.inet - own.prefixlen);
					const broadcast = ((mine.value >> hostBits) << hostBits) | ((1n << hostBits) - 1n);
					if (broadcast === ip.value) return 'BROADCAST';
				}
			}
		}
		// A blackhole, unreachable or prohibit route may make it one of those types instead.
		const typed = ns.routes.some(route => {
			if (!route.type || route.type === 'unicast' || route.type === 'local') return false;
			const prefix =
				route.dst === 'default'
					? {family: route.family, value: 0n, prefixlen: 0}
					: parsePrefix(route.dst);
			return prefix !== null && prefixContains(prefix, ip);
		});
		return typed ? null : 'UNICAST';
	};
}

/** Does `type` (iptables' comma list, e.g. `LOCAL,BROADCAST`) hold the address's type? null: cannot tell. */
export function addressTypeMatches(
	typer: AddressTyper | undefined,
	address: string,
	types: string,
): boolean | null {
	const type = typer?.(address) ?? null;
	if (type === null) return null;
	const wanted = types
		.toUpperCase()
		.split(',')
		.map(entry => entry.trim());
	return wanted.includes(type);
}
