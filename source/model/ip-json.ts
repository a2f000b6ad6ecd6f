// Pure parsing of iproute2's JSON (`ip -j`). ip's JSON is not always whole: on
// some failures it prints `[` and then an error, so nothing here throws.
import type {Address, Family, Forwarding, Interface, Route} from './snapshot.js';

type Json = Record<string, unknown>;

/** One JSON array a line, as `ip -j -b -` prints; a line that is not a whole array ends the list. */
export function parseJsonLines(text: string): unknown[][] {
	const arrays: unknown[][] = [];
	for (const line of text.split('\n')) {
		const trimmed = line.trim();
		if (trimmed === '') continue;
		const value = parseJsonArray(trimmed);
		if (!value) break;
		arrays.push(value);
	}
	return arrays;
}

/** The array in `text`, or null when it is empty, truncated or not an array. */
export function parseJsonArray(text: string): unknown[] | null {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		// ip escapes only \t \n \r \f \b \\ and " in strings and prints every other
		// control character raw, which JSON forbids: an interface named with an
		// ESC in it would hide its whole namespace.
		if (!rawControl.test(text)) return null;
		try {
			value = JSON.parse(escapeRawControls(text));
		} catch {
			return null;
		}
	}
	return Array.isArray(value) ? value : null;
}

const rawControl = /[\u0000-\u001f]/;

/** Control characters inside JSON strings as \u00XX escapes; outside strings they stay (they are whitespace there). */
export function escapeRawControls(text: string): string {
	let out = '';
	let inString = false;
	let escaping = false;
	for (const character of text) {
		const code = character.charCodeAt(0);
		if (inString && code < 0x20) {
			out += `\\u${code.toString(16).padStart(4, '0')}`;
			escaping = false;
			continue;
		}
		out += character;
		if (escaping) escaping = false;
		else if (inString && character === '\\') escaping = true;
		else if (character === '"') inString = !inString;
	}
	return out;
}

const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null =>
	typeof value === 'number' && Number.isFinite(value) ? value : null;

/** A link as ip reports it, with the two fields that point at a veth's other end. */
export type RawLink = Omit<Interface, 'peer'> & {
	/** ifindex of the other end (for a veth), in the namespace named by linkNetnsid. */
	linkIndex: number | null;
	/** nsid, relative to the namespace that was asked, of the namespace holding the other end; null: the same namespace. */
	linkNetnsid: number | null;
};

export function parseLinks(items: unknown[]): RawLink[] {
	const links: RawLink[] = [];
	const sameNamespaceLink = new Map<number, string>();
	for (const item of items) {
		if (!isObject(item)) continue;
		const ifindex = num(item.ifindex);
		const name = str(item.ifname);
		if (ifindex === null || name === null) continue;
		const linkinfo = isObject(item.linkinfo) ? item.linkinfo : {};
		const linkType = str(item.link_type);
		const kind = str(linkinfo.info_kind) ?? (linkType === 'loopback' ? 'loopback' : 'device');
		const addresses: Address[] = [];
		for (const info of Array.isArray(item.addr_info) ? item.addr_info : []) {
			if (!isObject(info)) continue;
			const family = str(info.family);
			const address = str(info.local);
			const prefixlen = num(info.prefixlen);
			if ((family === 'inet' || family === 'inet6') && address !== null && prefixlen !== null) {
				addresses.push({family, address, prefixlen});
			}
		}
		const flags = Array.isArray(item.flags)
			? item.flags.filter((flag): flag is string => typeof flag === 'string')
			: [];
		links.push({
			ifindex,
			name,
			kind,
			state: str(item.operstate) ?? 'UNKNOWN',
			flags,
			mtu: num(item.mtu) ?? 0,
			mac: str(item.address),
			master: str(item.master),
			addresses,
			linkIndex: num(item.link_index),
			linkNetnsid: num(item.link_netnsid),
		});
		if (str(item.link) !== null) sameNamespaceLink.set(links.length - 1, str(item.link)!);
	}
	// When the other end is in the same namespace, ip names it (`link`) instead of giving its index.
	for (const [position, name] of sameNamespaceLink) {
		const other = links.find(link => link.name === name);
		if (other && links[position]!.linkIndex === null) links[position]!.linkIndex = other.ifindex;
	}
	return links;
}

/** Routes of every table but `local` (which only lists the namespace's own addresses). */
export function parseRoutes(items: unknown[], family: Family): Route[] {
	const routes: Route[] = [];
	for (const item of items) {
		if (!isObject(item)) continue;
		const dst = str(item.dst);
		const table = str(item.table) ?? 'main';
		if (dst === null || table === 'local') continue;
		const type = str(item.type);
		const route: Route = {
			family,
			dst,
			gateway: str(item.gateway),
			dev: str(item.dev),
			table,
			protocol: str(item.protocol),
			scope: str(item.scope),
			metric: num(item.metric),
		};
		if (type && type !== 'unicast') route.type = type;
		routes.push(route);
	}
	return routes;
}

/** Forwarding from `ip -j netconf show`: the `all` entry of each family. */
export function parseForwarding(items: unknown[]): Forwarding {
	const forwarding: Forwarding = {ipv4: false, ipv6: false};
	for (const item of items) {
		if (!isObject(item) || item.interface !== 'all') continue;
		if (item.family === 'inet') forwarding.ipv4 = item.forwarding === true;
		if (item.family === 'inet6') forwarding.ipv6 = item.forwarding === true;
	}
	return forwarding;
}

export type NsidEntry = {nsid: number; name: string | null};

/** `ip -j netns list-id`: the nsids this namespace has given to others, with the name where one is known. */
export function parseNsids(items: unknown[]): NsidEntry[] {
	const entries: NsidEntry[] = [];
	for (const item of items) {
		if (!isObject(item)) continue;
		const nsid = num(item.nsid);
		if (nsid !== null && nsid >= 0) entries.push({nsid, name: str(item.name)});
	}
	return entries;
}
