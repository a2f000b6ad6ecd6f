// What each TUI pane lists, one row per item, built from a snapshot. Every row
// carries its identity (for the selection), the text the `/` filter searches,
// and a signature: when it differs between two refreshes, the row is highlighted.
import {formatRoute, peerText} from './format-snapshot.js';
import {linkStateText} from './link-state.js';
import type {RowIdentity} from './row-identity.js';
import {ownerTag, ownerTerms} from './owners.js';
import {
	namespaceLabel,
	type Interface,
	type Namespace,
	type OwnerEngine,
	type Process,
	type Route,
	type Snapshot,
} from './snapshot.js';

type RowBase = RowIdentity & {search: string; signature: string};

export type NamespaceRow = RowBase & {
	namespace: Namespace;
	label: string;
	unnamed: boolean;
	/** The owner's engine and tag (`docker`, `k8s`, `svc`, ...), when the label is the owner's. */
	owner: {engine: OwnerEngine; tag: string} | null;
	/** `v4`, `v6`, `v46` (both), or empty. */
	forwarding: string;
};

export type InterfaceRow = RowBase & {
	link: Interface;
	/** IPv4 first, then IPv6, without the link-local ones. */
	addresses: string;
	/** IPv6 link-local addresses (fe80::/10): every link has one, so they come last. */
	linkLocal: string;
	/** `name@namespace` for a veth. */
	peer: string | null;
	/** The operstate, or `UP no-carrier` for a link that is set up but has no carrier. */
	state: string;
};

export type RouteRow = RowBase & {route: Route; text: string; isDefault: boolean};

export type ProcessRow = RowBase & {
	process: Process;
	namespaceInode: number;
	namespaceLabel: string;
	namespaceUnnamed: boolean;
};

export function namespaceRows(snapshot: Snapshot): NamespaceRow[] {
	return snapshot.namespaces.map(namespaceRow);
}

/** A namespace's row: what it shows depends on the namespace alone, so the TUI keeps it while the namespace object lives. */
export function namespaceRow(namespace: Namespace): NamespaceRow {
	const label = namespaceLabel(namespace);
	const {ipv4, ipv6} = namespace.forwarding;
	const forwarding = ipv4 && ipv6 ? 'v46' : ipv4 ? 'v4' : ipv6 ? 'v6' : '';
	return {
		id: `ns:${namespace.inode}`,
		aliases: [],
		namespace,
		label,
		unnamed: !namespace.root && namespace.name === null && !namespace.owner,
		owner:
			!namespace.root && namespace.name === null && namespace.owner
				? {engine: namespace.owner.engine, tag: ownerTag(namespace.owner.engine)}
				: null,
		forwarding,
		search: [
			label,
			namespace.root ? 'host' : '',
			namespace.inode,
			...namespace.paths,
			...(namespace.owner ? ownerTerms(namespace.owner) : []),
		].join(' '),
		signature: [
			label,
			namespace.processes.length,
			namespace.interfaces.length,
			forwarding,
			namespace.error,
			namespace.stale === true,
		].join('|'),
	};
}

export function interfaceRows(
	namespace: Namespace,
	byInode: Map<number, Namespace>,
): InterfaceRow[] {
	return namespace.interfaces.map(link => {
		const text = (list: Interface['addresses']) =>
			list.map(address => `${address.address}/${address.prefixlen}`).join(' ');
		const isLinkLocal = (address: Interface['addresses'][number]) =>
			address.family === 'inet6' && /^fe[89ab]/i.test(address.address);
		const addresses = text([
			...link.addresses.filter(a => a.family === 'inet'),
			...link.addresses.filter(a => a.family === 'inet6' && !isLinkLocal(a)),
		]);
		const linkLocal = text(link.addresses.filter(isLinkLocal));
		const peer = peerText(link, byInode);
		const state = linkStateText(link);
		return {
			id: `if:${namespace.inode}:${link.ifindex}:${link.name}`,
			aliases: [
				`ifname:${namespace.inode}:${link.name}`,
				`ifindex:${namespace.inode}:${link.ifindex}`,
			],
			link,
			addresses,
			linkLocal,
			peer,
			state,
			search: [
				link.name,
				link.kind,
				state,
				addresses,
				linkLocal,
				link.master ?? '',
				peer ?? '',
			].join(' '),
			signature: [link.kind, state, link.mtu, addresses, linkLocal, link.master, peer].join('|'),
		};
	});
}

/** Default routes first (they matter most), then the rest in the kernel's order. */
export function routeRows(namespace: Namespace): RouteRow[] {
	const rows = namespace.routes.map(route => {
		const text = formatRoute(route);
		const isDefault =
			route.dst === 'default' && (route.type === undefined || route.type === 'unicast');
		const key = `${namespace.inode}:${route.family}:${route.table}:${route.type ?? ''}:${route.dst}`;
		return {
			id: `route:${key}:${route.dev ?? ''}:${route.metric ?? ''}`,
			aliases: [`routedst:${key}`],
			route,
			text,
			isDefault,
			search: `${route.family === 'inet' ? 'v4' : 'v6'} ${text}`,
			signature: text,
		};
	});
	return [...rows.filter(row => row.isDefault), ...rows.filter(row => !row.isDefault)];
}

export function processRows(namespaces: readonly Namespace[]): ProcessRow[] {
	return namespaces.flatMap(namespace => {
		const label = namespaceLabel(namespace);
		return namespace.processes.map(process => ({
			id: `pid:${process.pid}`,
			aliases: [],
			process,
			namespaceInode: namespace.inode,
			namespaceLabel: label,
			namespaceUnnamed: !namespace.root && namespace.name === null && !namespace.owner,
			search: [process.pid, process.user, process.cmdline || process.comm, label].join(' '),
			signature: [process.user, process.cmdline, namespace.inode].join('|'),
		}));
	});
}

/** Every row of every pane, id -> signature: two of these tell what changed between refreshes. */
export function rowSignatures(snapshot: Snapshot): Map<string, string> {
	return signaturesOf(snapshot.namespaces, snapshot);
}

/** The rows of these namespaces of `snapshot` (a veth's peer is named from the whole snapshot). */
function signaturesOf(namespaces: readonly Namespace[], snapshot: Snapshot): Map<string, string> {
	const byInode = new Map(snapshot.namespaces.map(namespace => [namespace.inode, namespace]));
	const signatures = new Map<string, string>();
	const add = (rows: readonly RowBase[]) => {
		for (const row of rows) signatures.set(row.id, row.signature);
	};
	add(namespaceRows({...snapshot, namespaces: [...namespaces]}));
	add(processRows(namespaces));
	for (const namespace of namespaces) {
		add(interfaceRows(namespace, byInode));
		add(routeRows(namespace));
	}
	return signatures;
}

/**
 * changedRowIds(rowSignatures(previous), rowSignatures(next)), looking only at
 * the namespaces whose object changed (discovery keeps the object of one that
 * did not) and those with a veth peer in one of them or in one gone: with live
 * updates a thousand-namespace host changes a namespace at a time.
 */
export function changedRowsBetween(previous: Snapshot, next: Snapshot): Set<string> {
	const before = new Map(previous.namespaces.map(namespace => [namespace.inode, namespace]));
	const after = new Set(next.namespaces.map(namespace => namespace.inode));
	const changed = new Set(
		next.namespaces.flatMap(namespace =>
			before.get(namespace.inode) === namespace ? [] : [namespace.inode],
		),
	);
	const gone = new Set(
		previous.namespaces.flatMap(namespace => (after.has(namespace.inode) ? [] : [namespace.inode])),
	);
	const touched = next.namespaces.filter(
		namespace =>
			changed.has(namespace.inode) ||
			namespace.interfaces.some(
				link => link.peer && (changed.has(link.peer.namespace) || gone.has(link.peer.namespace)),
			),
	);
	const earlier = touched.flatMap(namespace => before.get(namespace.inode) ?? []);
	return changedRowIds(signaturesOf(earlier, previous), signaturesOf(touched, next));
}

/** Rows that are new or different in `next`. */
export function changedRowIds(
	previous: ReadonlyMap<string, string>,
	next: ReadonlyMap<string, string>,
): Set<string> {
	const changed = new Set<string>();
	for (const [id, signature] of next) if (previous.get(id) !== signature) changed.add(id);
	return changed;
}
