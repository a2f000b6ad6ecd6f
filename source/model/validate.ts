// One validation layer for every value a user types (or nstui passes on) before
// it becomes an argument to ip, sysctl, iptables or ping. Pure: no I/O.
// Each validator returns the cleaned value or a reason that reads well in place.
import {isIPv4, isIPv6} from 'node:net';
import {familyBits, hasHostBits, networkOf} from './ip-address.js';
import type {NamespaceTarget} from './namespace-target.js';
import type {NetnsRef} from './commands.js';
import type {Family, Route} from './snapshot.js';
import {shown} from './shown-text.js';

export type Validation<T> = {ok: true; value: T} | {ok: false; reason: string};

export type IpAddress = {family: Family; address: string};
/** address/prefixlen; `text` is the form to pass to ip. */
export type Cidr = IpAddress & {prefixlen: number; text: string};
export type RouteDestination = {kind: 'default'} | ({kind: 'prefix'} & Cidr);

const valid = <T>(value: T): Validation<T> => ({ok: true, value});
const invalid = <T>(reason: string): Validation<T> => ({ok: false, reason});

/** Names checked for a new object are held to more rules than names that already exist. */
export type NameUse = 'new' | 'existing';

const controlCharacter = /[\u0000-\u001f\u007f-\u009f]/u;
// Characters that change how text looks without being seen: zero-width, bidi
// overrides, line separators, lone surrogates. A name with one looks like another name.
const invisibleCharacter = /[\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}\p{Cn}]/u;
const anyWhitespace = /[\s\p{Zs}]/u;

const byteLength = (text: string) => Buffer.byteLength(text, 'utf8');

function codePoint(character: string): string {
	return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

function describeCharacter(character: string): string {
	switch (character) {
		case '\n':
			return 'a newline';
		case '\r':
			return 'a carriage return';
		case '\t':
			return 'a tab';
		case '\0':
			return 'a NUL character';
		case ' ':
			return 'a space';
		default:
			return `the character ${codePoint(character)}`;
	}
}

/**
 * Rules every name shares: a leading `-` that a program would read as an
 * option, and, for a new name, hidden characters. A name that exists already
 * is taken as the system gave it (an ESC or a newline in it included: nstui
 * must still be able to delete it), but for bytes that are not UTF-8, which
 * cannot be passed on exactly.
 */
function checkCommonNameRules(what: string, input: string, use: NameUse): string | null {
	if (input === '') return `${what} cannot be empty`;
	if (input === '.' || input === '..') return `${what} cannot be "${input}"`;
	if (input.includes('/')) return `${what} cannot contain "/"`;
	if (input.includes('\0')) return `${what} cannot contain ${describeCharacter('\0')}`;
	if (use === 'existing') {
		if (notUtf8.test(input))
			return `${what} that is not UTF-8 (${shown(input)}) cannot be passed on exactly; use ip by hand`;
	} else {
		const control = controlCharacter.exec(input);
		if (control) return `${what} cannot contain ${describeCharacter(control[0])}`;
		const hidden = invisibleCharacter.exec(input);
		if (hidden) return `${what} cannot contain an invisible character (${codePoint(hidden[0])})`;
	}
	if (input.startsWith('-')) return `${what} cannot start with "-" (it would be read as an option)`;
	return null;
}

// Bytes that were not UTF-8, as model/byte-text.ts keeps them.
const notUtf8 = /[\udc80-\udcff]/u;
// What the kernel refuses in an interface name (isspace()).
const kernelSpace = /[ \t\n\v\f\r]/;

export function validateNamespaceName(input: string, use: NameUse = 'new'): Validation<string> {
	const what = 'A namespace name';
	const common = checkCommonNameRules(what, input, use);
	if (common) return invalid(common);
	const bytes = byteLength(input);
	if (bytes > 255) return invalid(`${what} can be at most 255 bytes long (this one is ${bytes})`);
	if (use === 'existing') return valid(input);
	const space = anyWhitespace.exec(input);
	if (space) return invalid(`${what} cannot contain ${describeCharacter(space[0])}`);
	// `ip link set DEV netns 1234` looks for a namespace named 1234 before the PID 1234.
	if (/^\d+$/.test(input))
		return invalid(`${what} cannot be only digits (ip would confuse it with a PID)`);
	return valid(input);
}

/** A new name is held to stricter rules than the kernel's; an existing one only to the kernel's. */
export function validateInterfaceName(input: string, use: NameUse = 'new'): Validation<string> {
	const what = 'An interface name';
	const common = checkCommonNameRules(what, input, use);
	if (common) return invalid(common);
	const space = (use === 'new' ? anyWhitespace : kernelSpace).exec(input);
	if (space) return invalid(`${what} cannot contain ${describeCharacter(space[0])}`);
	if (input.includes(':')) return invalid(`${what} cannot contain ":"`);
	// The kernel would treat "%d" as a template and pick a number itself.
	if (use === 'new' && input.includes('%')) return invalid(`${what} cannot contain "%"`);
	const bytes = byteLength(input);
	if (bytes > 15) return invalid(`${what} can be at most 15 bytes long (this one is ${bytes})`);
	return valid(input);
}

/** A path to a namespace file (/run/netns/x, /proc/PID/ns/net, a bind mount). */
export function validateNamespacePath(input: string): Validation<string> {
	if (!input.startsWith('/')) return invalid(`A namespace path must be absolute (start with "/")`);
	// Paths come from the system (mountinfo, /proc): one with a newline in it is still the path.
	if (input.includes('\0'))
		return invalid(`A namespace path cannot contain ${describeCharacter('\0')}`);
	if (notUtf8.test(input))
		return invalid(
			`A namespace path that is not UTF-8 (${shown(input)}) cannot be passed on exactly`,
		);
	return valid(input);
}

// Spaces around a pasted number or address are dropped; anything else stays an error.
const trimSpaces = (input: string) => input.replace(/^ +| +$/g, '');

export function validatePid(input: string | number): Validation<number> {
	const text = typeof input === 'number' ? String(input) : trimSpaces(input);
	if (text === '') return invalid('A PID cannot be empty');
	if (!/^[1-9]\d*$/.test(text))
		return invalid(`"${printable(text)}" is not a PID (a whole number above 0)`);
	const pid = Number(text);
	// PID_MAX_LIMIT on 64-bit Linux.
	if (pid > 4_194_304) return invalid(`${text} is larger than any PID (4194304)`);
	return valid(pid);
}

const reservedTables: Record<number, string> = {253: 'default', 254: 'main', 255: 'local'};

export function validateVrfTable(input: string | number): Validation<number> {
	const text = typeof input === 'number' ? String(input) : trimSpaces(input);
	if (text === '') return invalid('A table number cannot be empty');
	if (!/^[1-9]\d*$/.test(text))
		return invalid(
			`"${printable(text)}" is not a table number (a whole number from 1 to 4294967295)`,
		);
	const table = Number(text);
	if (table > 4_294_967_295) return invalid(`A table number can be at most 4294967295`);
	const reserved = reservedTables[table];
	if (reserved)
		return invalid(`Table ${table} is the kernel's "${reserved}" table: pick another number`);
	return valid(table);
}

export function validateIpAddress(input: string, what = 'An address'): Validation<IpAddress> {
	const text = trimSpaces(input);
	if (text === '') return invalid(`${what} cannot be empty`);
	if (isIPv4(text)) return valid({family: 'inet', address: text});
	if (isIPv6(text)) {
		if (text.includes('%'))
			return invalid(
				`${what} cannot carry a zone ("%${printable(text.split('%')[1] ?? '')}"): give the interface separately`,
			);
		return valid({family: 'inet6', address: text.toLowerCase()});
	}
	if (/^[\d.]+$/.test(text) && text.split('.').some(part => /^0\d/.test(part))) {
		return invalid(
			`"${printable(text)}" has a leading zero in a number: write it without (leading zeros can mean octal)`,
		);
	}
	return invalid(`"${printable(text)}" is not an IPv4 or IPv6 address`);
}

type CidrOptions = {
	what?: string;
	/** A bare address is taken as a single host (/32 or /128). */
	allowBareAddress?: boolean;
	/** The host bits must be zero: a network, as routes and firewall rules want. */
	network?: boolean;
};

export function validateCidr(input: string, options: CidrOptions = {}): Validation<Cidr> {
	const what = options.what ?? 'An address';
	const text = trimSpaces(input);
	if (text === '') return invalid(`${what} cannot be empty`);
	const slash = text.indexOf('/');
	if (slash === -1 && !options.allowBareAddress) {
		return invalid(`${what} needs a prefix length, as in 192.168.1.1/24 or 2001:db8::1/64`);
	}
	const addressPart = slash === -1 ? text : text.slice(0, slash);
	const address = validateIpAddress(addressPart, what);
	if (!address.ok) return address;
	const {family} = address.value;
	const max = familyBits[family];
	let prefixlen: number = max;
	if (slash !== -1) {
		const prefixText = text.slice(slash + 1);
		if (!/^\d{1,3}$/.test(prefixText))
			return invalid(`"${printable(prefixText)}" is not a prefix length (0 to ${max})`);
		prefixlen = Number(prefixText);
		if (prefixlen > max)
			return invalid(
				`An ${family === 'inet' ? 'IPv4' : 'IPv6'} prefix length is 0 to ${max}, not ${prefixlen}`,
			);
	}
	if (options.network && hasHostBits(address.value.address, prefixlen, family)) {
		const network = `${networkOf(address.value.address, prefixlen, family)}/${prefixlen}`;
		return invalid(
			`${address.value.address}/${prefixlen} has host bits set: the network is ${network}`,
		);
	}
	return valid({...address.value, prefixlen, text: `${address.value.address}/${prefixlen}`});
}

/** A network prefix such as 192.168.15.0/24 (for routes and NAT rules). */
export function validatePrefix(input: string, what = 'A prefix'): Validation<Cidr> {
	return validateCidr(input, {what, network: true});
}

export function validateRouteDestination(input: string): Validation<RouteDestination> {
	const text = trimSpaces(input);
	if (text === 'default') return valid({kind: 'default'});
	const cidr = validateCidr(text, {what: 'A destination', allowBareAddress: true, network: true});
	if (!cidr.ok) {
		return text === ''
			? invalid('A destination cannot be empty: type "default" or a prefix such as 10.0.0.0/24')
			: cidr;
	}
	return valid({kind: 'prefix', ...cidr.value});
}

/** A gateway: an address of the destination's family, when the destination has one. */
export function validateGateway(input: string, family?: Family): Validation<IpAddress> {
	const gateway = validateIpAddress(input, 'A gateway');
	if (!gateway.ok) return gateway;
	if (family && gateway.value.family !== family) {
		const name = (f: Family) => (f === 'inet' ? 'IPv4' : 'IPv6');
		return invalid(
			`The gateway is ${name(gateway.value.family)} but the destination is ${name(family)}`,
		);
	}
	return valid(gateway.value);
}

/** Shows hostile input in a reason without its control characters doing anything. */
export function printable(text: string): string {
	return shown(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

/** A way into a namespace passed on from the snapshot: an existing name, an absolute path, or nstui's own. */
export function validateNamespaceTarget(target: NamespaceTarget): Validation<NamespaceTarget> {
	if (target === 'current') return valid(target);
	if ('name' in target) {
		const name = validateNamespaceName(target.name, 'existing');
		return name.ok ? valid({name: name.value}) : name;
	}
	const path = validateNamespacePath(target.path);
	return path.ok ? valid({path: path.value}) : path;
}

/** A namespace to send an interface to: an existing name, or a PID inside it. */
export function validateNetnsRef(
	ref: {name: string} | {pid: string | number},
): Validation<NetnsRef> {
	if ('name' in ref) {
		const name = validateNamespaceName(ref.name, 'existing');
		return name.ok ? valid({name: name.value}) : name;
	}
	const pid = validatePid(ref.pid);
	return pid.ok ? valid({pid: pid.value}) : pid;
}

const routeTypes = new Set([
	'unicast',
	'blackhole',
	'unreachable',
	'prohibit',
	'throw',
	'local',
	'broadcast',
	'multicast',
	'anycast',
	'nat',
]);

/** A route from the snapshot, checked before its fields become arguments of `ip route del`. */
export function validateRoute(route: Route): Validation<Route> {
	if (route.dst !== 'default') {
		const dst = validateCidr(route.dst, {what: 'The route destination', allowBareAddress: true});
		if (!dst.ok) return dst;
		if (dst.value.family !== route.family)
			return invalid(`The route destination ${route.dst} is not ${route.family}`);
	}
	if (route.gateway !== null) {
		const gateway = validateGateway(route.gateway, route.family);
		if (!gateway.ok) return gateway;
	}
	if (route.dev !== null) {
		const dev = validateInterfaceName(route.dev, 'existing');
		if (!dev.ok) return dev;
	}
	if (!/^[A-Za-z0-9_]+$/.test(route.table))
		return invalid(`"${printable(route.table)}" is not a routing table`);
	if (route.type !== undefined && !routeTypes.has(route.type))
		return invalid(`"${printable(route.type)}" is not a route type`);
	if (route.metric !== null && !(Number.isInteger(route.metric) && route.metric >= 0))
		return invalid(`${route.metric} is not a route metric`);
	return valid(route);
}

export type ValidRouteRequest = {
	family: Family;
	destination: RouteDestination;
	gateway: IpAddress | null;
	device: string | null;
};

/** `default via GW`, `DST via GW`, `DST dev DEV` (or both): empty gateway or device means none. */
export function validateRouteRequest(input: {
	destination: string;
	gateway?: string;
	device?: string;
}): Validation<ValidRouteRequest> {
	const destination = validateRouteDestination(input.destination);
	if (!destination.ok) return destination;
	const destinationFamily =
		destination.value.kind === 'prefix' ? destination.value.family : undefined;
	const gatewayText = trimSpaces(input.gateway ?? '');
	const deviceText = input.device ?? '';
	if (gatewayText === '' && deviceText === '')
		return invalid('A route needs a gateway ("via") or an interface ("dev"), or both');
	let gateway: IpAddress | null = null;
	if (gatewayText !== '') {
		const checked = validateGateway(gatewayText, destinationFamily);
		if (!checked.ok) return checked;
		gateway = checked.value;
	}
	let device: string | null = null;
	if (deviceText !== '') {
		const checked = validateInterfaceName(deviceText, 'existing');
		if (!checked.ok) return checked;
		device = checked.value;
	}
	const family = destinationFamily ?? gateway?.family ?? 'inet';
	return valid({family, destination: destination.value, gateway, device});
}
