// "Find anything": one term looked for in every namespace of a snapshot: an interface
// name, an IP address or prefix, a MAC, a PID, a namespace, a command name or command
// line. Each result says what matched and where, in a shape the TUI can jump to.
import {parseIp, parsePrefix, prefixContains, type IpValue} from './ip-prefix.js';
import {shown} from './shown-text.js';
import {linkStateText} from './link-state.js';
import {localText, parsePortTerm, processesText, remoteText} from './sockets.js';
import {ownerLines, ownerTerms} from './owners.js';
import {publishedText} from './published-ports.js';
import {
	namespaceLabel,
	type Interface,
	type Namespace,
	type Owner,
	type Process,
	type Snapshot,
} from './snapshot.js';

export type FindMatch =
	'namespace' | 'interface' | 'address' | 'mac' | 'route' | 'process' | 'socket' | 'published';

/** exact: the term itself; within: an address inside a prefix (either way round); partial: a substring. */
export type FindHow = 'exact' | 'within' | 'partial';

export type FindResult = {
	match: FindMatch;
	how: FindHow;
	/** What matched, in words: "192.168.1.1/24 on veth0". */
	what: string;
	/** Where to jump: the namespace, and the interface or process in it when there is one. */
	namespace: number;
	namespaceLabel: string;
	interface: string | null;
	pid: number | null;
	/** The namespace's processes (the first few) and how many there are: seed 002's "which PIDs". */
	pids: number[];
	processCount: number;
};

const shownPids = 10;
const howRank: Record<FindHow, number> = {exact: 0, within: 1, partial: 2};
const matchRank: Record<FindMatch, number> = {
	namespace: 0,
	interface: 1,
	address: 2,
	mac: 3,
	socket: 4,
	published: 5,
	process: 6,
	route: 7,
};
const macPattern = /^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/i;
const partialMacPattern = /^[0-9a-f]{1,2}(:[0-9a-f]{1,2})+:?$/i;
const inodePattern = /^net:\[(\d+)\]$/;

export function findAnything(snapshot: Snapshot, rawTerm: string): FindResult[] {
	const term = rawTerm.trim();
	if (term === '') return [];
	const byInode = new Map(snapshot.namespaces.map(ns => [ns.inode, ns]));
	const results: FindResult[] = [];
	for (const ns of snapshot.namespaces) {
		const where = whereIn(ns);
		const add = (
			match: FindMatch,
			how: FindHow,
			what: string,
			place: {interface?: string; pid?: number} = {},
		) =>
			results.push({
				match,
				how,
				what,
				namespace: ns.inode,
				namespaceLabel: where.label,
				interface: place.interface ?? null,
				pid: place.pid ?? null,
				pids: where.pids,
				processCount: ns.processes.length,
			});
		for (const found of matchNamespace(ns, term)) add('namespace', found.how, found.what);
		for (const link of ns.interfaces) {
			for (const found of matchInterface(link, term, byInode))
				add(found.match, found.how, found.what, {interface: link.name});
		}
		for (const found of matchRoutes(ns, term))
			add('route', found.how, found.what, found.dev ? {interface: found.dev} : {});
		for (const process of ns.processes) {
			const found = matchProcess(process, term);
			if (found) add('process', found.how, found.what, {pid: process.pid});
		}
		for (const found of matchSockets(ns, term))
			add('socket', 'exact', found.what, found.pid === null ? {} : {pid: found.pid});
		for (const what of matchPublished(ns, term)) add('published', 'exact', what);
	}
	// Routes only say where traffic goes, so they come after what the term names; the sort is
	// stable, so within one rank and kind the snapshot's order (host first, then by name) stays.
	const isRoute = (result: FindResult) => (result.match === 'route' ? 1 : 0);
	return results.sort(
		(a, b) =>
			isRoute(a) - isRoute(b) ||
			howRank[a.how] - howRank[b.how] ||
			matchRank[a.match] - matchRank[b.match],
	);
}

type Found = {how: FindHow; what: string};

function whereIn(ns: Namespace) {
	return {
		label: namespaceLabel(ns),
		pids: ns.processes.slice(0, shownPids).map(process => process.pid),
	};
}

function matchNamespace(ns: Namespace, term: string): Found[] {
	const inode = inodePattern.exec(term)?.[1] ?? (/^\d+$/.test(term) ? term : null);
	if (inode !== null && Number(inode) === ns.inode)
		return [{how: 'exact', what: `net:[${ns.inode}]`}];
	if (inodePattern.test(term)) return [];
	const label = namespaceLabel(ns);
	// Digits alone are an inode, or a container id's prefix (an id may start with ten digits), never a name.
	if (inode !== null)
		return ns.owner ? [matchOwner(ns.owner, term, label)].filter(found => found !== null) : [];
	if (ns.owner) {
		const found = matchOwner(ns.owner, term, label);
		if (found) return [found];
	}
	if (ns.name === null) return [];
	if (textEquals(ns.name, term)) return [{how: 'exact', what: label}];
	// An unnamed namespace's label is made of its process; the process result says that better.
	if (textIncludes(ns.name, term)) return [{how: 'partial', what: label}];
	return [];
}

/** Container names, ids (a prefix of 3 or more), pod names, images, services, compose services. */
function matchOwner(owner: Owner, term: string, label: string): Found | null {
	const what = `${label} (${ownerLines(owner).summary})`;
	const terms = ownerTerms(owner);
	if (terms.some(text => textEquals(text, term))) return {how: 'exact', what};
	const needle = term.toLowerCase();
	const ids = [owner.id, ...owner.containers.map(container => container.id)];
	if (/^[0-9a-f]{3,64}$/.test(needle) && ids.some(id => id.startsWith(needle)))
		return {how: 'exact', what};
	// Ids match by their start only: a letter or two would be in most of them.
	if (terms.some(text => !ids.includes(text) && textIncludes(text, term)))
		return {how: 'partial', what};
	return null;
}

function matchInterface(
	link: Interface,
	term: string,
	byInode: Map<number, Namespace>,
): (Found & {match: FindMatch})[] {
	const found: (Found & {match: FindMatch})[] = [];
	const description = describeInterface(link, byInode);
	const needle = term.toLowerCase();
	if (textEquals(link.name, term))
		found.push({match: 'interface', how: 'exact', what: description});
	else if (!isIpLike(term) && !/^\d+$/.test(term) && textIncludes(link.name, term))
		found.push({match: 'interface', how: 'partial', what: description});

	const ip = parseIp(term);
	const prefix = term.includes('/') ? parsePrefix(term) : null;
	for (const address of link.addresses) {
		const text = `${address.address}/${address.prefixlen}`;
		const own = parsePrefix(text)!;
		if (ip && sameIp(ip, own))
			found.push({match: 'address', how: 'exact', what: `${text} on ${link.name}`});
		else if (ip && prefixContains(own, ip))
			found.push({
				match: 'address',
				how: 'within',
				what: `${text} on ${link.name} (its prefix holds ${term})`,
			});
		else if (prefix && sameIp(prefix, own) && prefix.prefixlen === own.prefixlen)
			found.push({match: 'address', how: 'exact', what: `${text} on ${link.name}`});
		else if (prefix && prefixContains(prefix, own))
			found.push({
				match: 'address',
				how: 'within',
				what: `${text} on ${link.name} (inside ${term})`,
			});
	}

	if (link.mac) {
		const mac = link.mac.toLowerCase();
		const wanted = needle.replace(/-/g, ':');
		if (macPattern.test(term) && mac === wanted)
			found.push({match: 'mac', how: 'exact', what: `${link.mac} on ${link.name}`});
		else if (
			!macPattern.test(term) &&
			partialMacPattern.test(term) &&
			!parseIp(term) &&
			mac.includes(wanted)
		) {
			found.push({match: 'mac', how: 'partial', what: `${link.mac} on ${link.name}`});
		}
	}
	return found;
}

function matchRoutes(ns: Namespace, term: string): (Found & {dev: string | null})[] {
	const ip = parseIp(term);
	const prefix = term.includes('/') ? parsePrefix(term) : null;
	if (!ip && !prefix) return [];
	const found: (Found & {dev: string | null})[] = [];
	for (const route of ns.routes) {
		const kind = route.type && route.type !== 'unicast' ? `${route.type} ` : '';
		const text = `${kind}${route.dst}${route.gateway ? ` via ${route.gateway}` : ''}${route.dev ? ` dev ${route.dev}` : ''}`;
		const dst = route.dst === 'default' ? null : parsePrefix(route.dst);
		const gateway = route.gateway ? parseIp(route.gateway) : null;
		if (ip && gateway && sameIp(ip, gateway))
			found.push({how: 'exact', what: text, dev: route.dev});
		else if (
			prefix &&
			dst &&
			dst.family === prefix.family &&
			dst.prefixlen === prefix.prefixlen &&
			prefixContains(prefix, dst)
		) {
			found.push({how: 'exact', what: text, dev: route.dev});
		}
		// Routes through a gateway, and those that end traffic (blackhole, unreachable, prohibit): a
		// connected route says the same as the interface's own prefix.
		else if (ip && dst && (route.gateway || kind !== '') && prefixContains(dst, ip))
			found.push({how: 'within', what: text, dev: route.dev});
	}
	return found;
}

/**
 * `:PORT`: the namespace's sockets on that port, at either end (a listener,
 * or a connection to it). Only where the snapshot holds sockets (read for
 * find, `snapshot --sockets`, or the TUI's selected namespace).
 */
function matchSockets(ns: Namespace, term: string): Array<{what: string; pid: number | null}> {
	const port = parsePortTerm(term);
	if (port === null || !ns.sockets) return [];
	return ns.sockets
		.filter(socket => socket.localPort === port || socket.remotePort === port)
		.map(socket => {
			const owners = processesText(socket.processes);
			const remote = socket.listening ? '' : ` → ${remoteText(socket)}`;
			return {
				what: `${socket.protocol} ${socket.state} ${localText(socket)}${remote}${owners ? ` ${owners}` : ''}`,
				pid: socket.processes[0]?.pid ?? null,
			};
		});
}

/** `:PORT`: the ports the namespace publishes on that port, or forwards to it (where read: find, `snapshot --ports`). */
function matchPublished(ns: Namespace, term: string): string[] {
	const port = parsePortTerm(term);
	if (port === null || !ns.ports) return [];
	return ns.ports
		.filter(entry => entry.port === port || entry.to.port === port)
		.map(entry => `published ${publishedText(entry)}`);
}

function matchProcess(process: Process, term: string): Found | null {
	const what = `pid ${process.pid} ${process.comm}${process.cmdline ? `: ${process.cmdline}` : ''}`;
	if (/^\d+$/.test(term)) return Number(term) === process.pid ? {how: 'exact', what} : null;
	if (textEquals(process.comm, term)) return {how: 'exact', what};
	if (textIncludes(process.comm, term) || textIncludes(process.cmdline, term))
		return {how: 'partial', what};
	return null;
}

/**
 * Text from the system matches what the user typed in either form: as it is
 * (pasted raw) or as nstui shows it (`e\e[2J` for a name with an ESC in it).
 */
function textEquals(raw: string, term: string): boolean {
	const needle = term.toLowerCase();
	return raw.toLowerCase() === needle || shown(raw).toLowerCase() === needle;
}

function textIncludes(raw: string, term: string): boolean {
	const needle = term.toLowerCase();
	return raw.toLowerCase().includes(needle) || shown(raw).toLowerCase().includes(needle);
}

function describeInterface(link: Interface, byInode: Map<number, Namespace>): string {
	const addresses = link.addresses.map(address => `${address.address}/${address.prefixlen}`);
	const parts = [
		link.kind,
		linkStateText(link),
		...addresses,
		link.master ? `master ${link.master}` : null,
	];
	if (link.peer) {
		const peerNs = byInode.get(link.peer.namespace);
		parts.push(
			`peer ${link.peer.name} in ${peerNs ? namespaceLabel(peerNs) : `net:[${link.peer.namespace}]`}`,
		);
	} else if (link.peerUnresolved) {
		parts.push('peer unresolved');
	}
	return `${link.name} (${parts.filter(Boolean).join(', ')})`;
}

function isIpLike(term: string): boolean {
	return parseIp(term) !== null || parsePrefix(term) !== null;
}

const sameIp = (a: IpValue, b: IpValue) => a.family === b.family && a.value === b.value;
