// One sentence for the first thing that breaks a path: what is wrong, and what
// would fix it, naming nstui's key for that fix where it has one.
import {routeHint} from '../gateway-hint.js';
import {parseIp, parsePrefix, prefixContains} from '../ip-prefix.js';
import {
	namespaceLabel,
	type Interface,
	type Namespace,
	type Route,
	type Snapshot,
} from '../snapshot.js';
import {shown} from '../shown-text.js';
import type {Packet} from './types.js';

export const label = (ns: Namespace) => shown(namespaceLabel(ns));
const name = (text: string) => shown(text);

export function forwardingOff(
	ns: Namespace,
	family: Packet['family'],
	iif: string,
	values: Map<string, string>,
): string {
	if (family === 'inet6')
		return `${label(ns)} forwards no IPv6 (net.ipv6.conf.all.forwarding=0): set it to 1 there`;
	const perDevice = values.get(`net/ipv4/conf/${iif}/forwarding`);
	const all = values.get('net/ipv4/ip_forward');
	if (all === '1' && perDevice === '0') {
		return `${label(ns)} forwards no IPv4 coming in on ${name(iif)} (net.ipv4.conf.${name(iif)}.forwarding=0): set it to 1 there`;
	}
	return `${label(ns)} forwards no IPv4 (net.ipv4.ip_forward=0): press f there`;
}

/** `default via GW`, with GW a neighbour's address on the namespace's own subnet. */
export function routeSuggestion(ns: Namespace, snapshot: Snapshot): string {
	const hint = routeHint(ns, snapshot.namespaces).replace(/^e\.g\. /, '');
	return hint.startsWith('default') || /via/.test(hint)
		? hint.replace(/^10\.0\.0\.0\/8/, 'default')
		: hint;
}

export function noRoute(ns: Namespace, snapshot: Snapshot, dst: string, back: boolean): string {
	const family = dst.includes(':') ? 'inet6' : 'inet';
	const addressed = ns.interfaces.some(
		link =>
			link.kind !== 'loopback' &&
			link.addresses.some(
				address => address.family === family && !address.address.startsWith('fe80'),
			),
	);
	if (!addressed)
		return `${label(ns)} has no ${family === 'inet' ? 'IPv4' : 'IPv6'} address to send ${back ? 'the reply ' : ''}from and no route ${back ? 'back ' : ''}to ${dst}: add an address (a), then a route (r)`;
	const suggestion = routeSuggestion(ns, snapshot);
	return `${label(ns)} has no route ${back ? 'back ' : ''}to ${dst}: add \`${suggestion}\` (r)`;
}

/** Interfaces that are set down and have addresses: their routes went away with them. */
export function downWithAddresses(ns: Namespace): Interface[] {
	return ns.interfaces.filter(
		link =>
			link.kind !== 'loopback' &&
			!link.flags.includes('UP') &&
			link.addresses.some(a => a.family === 'inet' || !a.address.startsWith('fe80')),
	);
}

export function linkDownNoRoute(
	ns: Namespace,
	link: Interface,
	dst: string,
	back: boolean,
): string {
	return `${label(ns)} has no route ${back ? 'back ' : ''}to ${dst} because ${name(link.name)} is down (its routes went with it): press u on ${name(link.name)} there`;
}

/** The routes of a type (blackhole, unreachable, prohibit) whose prefix holds dst, most specific first. */
export function routesOfType(ns: Namespace, type: string, dst: string): Route[] {
	const ip = parseIp(dst);
	return ns.routes
		.filter(route => route.type === type)
		.filter(route => {
			const prefix =
				route.dst === 'default'
					? {family: route.family, value: 0n, prefixlen: 0}
					: parsePrefix(route.dst);
			return prefix !== null && ip !== null && prefixContains(prefix, ip);
		})
		.sort((a, b) => prefixLength(b.dst) - prefixLength(a.dst));
}

const prefixLength = (dst: string) => (dst === 'default' ? 0 : Number(dst.split('/')[1] ?? 128));

export function typedRoute(ns: Namespace, type: string, dst: string, back: boolean): string {
	const route = routesOfType(ns, type, dst)[0];
	const what = route
		? `\`${type} ${route.dst}${route.table !== 'main' ? ` table ${name(route.table)}` : ''}\``
		: `a ${type} route`;
	const verb = type === 'blackhole' ? 'drops' : type === 'prohibit' ? 'refuses' : 'cannot reach';
	return `${label(ns)} ${verb} traffic ${back ? 'back ' : ''}to ${dst} by ${what}: delete that route (d in Routes)`;
}
