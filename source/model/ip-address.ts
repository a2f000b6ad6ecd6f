// IP address arithmetic for validation: an address as a number, and the
// network of an address/prefix. Inputs must already pass isIPv4/isIPv6.
import {isIPv4} from 'node:net';
import type {Family} from './snapshot.js';

export const familyBits = {inet: 32, inet6: 128} as const;

export function addressToBigInt(address: string): bigint {
	if (isIPv4(address)) return ipv4ToBigInt(address);
	return ipv6ToBigInt(address);
}

function ipv4ToBigInt(address: string): bigint {
	return address.split('.').reduce((value, octet) => (value << 8n) | BigInt(Number(octet)), 0n);
}

function ipv6ToBigInt(address: string): bigint {
	let text = address;
	// An embedded IPv4 tail (::ffff:1.2.3.4) is two groups.
	const lastColon = text.lastIndexOf(':');
	const tail = text.slice(lastColon + 1);
	if (isIPv4(tail)) {
		const v4 = ipv4ToBigInt(tail);
		text = `${text.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
	}
	const [head = '', rest] = text.split('::');
	const headGroups = head === '' ? [] : head.split(':');
	const restGroups = rest === undefined || rest === '' ? [] : rest.split(':');
	const missing = 8 - headGroups.length - restGroups.length;
	const groups =
		rest === undefined
			? headGroups
			: [...headGroups, ...Array<string>(missing).fill('0'), ...restGroups];
	return groups.reduce((value, group) => (value << 16n) | BigInt(Number.parseInt(group, 16)), 0n);
}

export function bigIntToAddress(value: bigint, family: Family): string {
	if (family === 'inet') {
		return [24n, 16n, 8n, 0n].map(shift => String((value >> shift) & 0xffn)).join('.');
	}
	const groups = Array.from({length: 8}, (_, index) =>
		((value >> BigInt(112 - 16 * index)) & 0xffffn).toString(16),
	);
	return compressIpv6(groups);
}

/** RFC 5952 text: the longest run (of two or more) of zero groups becomes `::`. */
function compressIpv6(groups: string[]): string {
	let bestStart = -1;
	let bestLength = 0;
	for (let start = 0; start < groups.length;) {
		if (groups[start] !== '0') {
			start++;
			continue;
		}
		let end = start;
		while (end < groups.length && groups[end] === '0') end++;
		if (end - start > bestLength) [bestStart, bestLength] = [start, end - start];
		start = end;
	}
	if (bestLength < 2) return groups.join(':');
	return `${groups.slice(0, bestStart).join(':')}::${groups.slice(bestStart + bestLength).join(':')}`;
}

/** The network address of address/prefixlen (host bits cleared). */
export function networkOf(address: string, prefixlen: number, family: Family): string {
	const bits = BigInt(familyBits[family]);
	const hostBits = bits - BigInt(prefixlen);
	const value = (addressToBigInt(address) >> hostBits) << hostBits;
	return bigIntToAddress(value, family);
}

export function hasHostBits(address: string, prefixlen: number, family: Family): boolean {
	return addressToBigInt(address) !== addressToBigInt(networkOf(address, prefixlen, family));
}
