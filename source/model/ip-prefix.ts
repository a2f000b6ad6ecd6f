// Parsing a search term as an IP address or prefix, and "is this address inside that prefix".
import {isIPv4, isIPv6} from 'node:net';
import {addressToBigInt, familyBits} from './ip-address.js';
import type {Family} from './snapshot.js';

export type IpValue = {family: Family; value: bigint};
export type IpPrefix = IpValue & {prefixlen: number};

export function parseIp(text: string): IpValue | null {
	// A zone (fe80::1%eth0) names an interface, not part of the address.
	const address = text.split('%')[0]!;
	if (isIPv4(address)) return {family: 'inet', value: addressToBigInt(address)};
	if (isIPv6(address)) return {family: 'inet6', value: addressToBigInt(address)};
	return null;
}

/** "192.168.15.0/24", or a bare address as a host prefix; null when it is neither. */
export function parsePrefix(text: string): IpPrefix | null {
	const [address = '', length, ...rest] = text.split('/');
	if (rest.length > 0) return null;
	const ip = parseIp(address);
	if (!ip) return null;
	if (length === undefined) return {...ip, prefixlen: familyBits[ip.family]};
	if (!/^\d{1,3}$/.test(length)) return null;
	const prefixlen = Number(length);
	return prefixlen <= familyBits[ip.family] ? {...ip, prefixlen} : null;
}

export function prefixContains(prefix: IpPrefix, ip: IpValue): boolean {
	if (prefix.family !== ip.family) return false;
	const shift = BigInt(familyBits[prefix.family] - prefix.prefixlen);
	return prefix.value >> shift === ip.value >> shift;
}
