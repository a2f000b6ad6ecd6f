// The changes between two snapshots, in words the timeline shows: the kernel's
// own state read twice, so a burst of events is one change per real
// difference. Discovery hands back the same Namespace object while nothing in
// it changed, so those are skipped by identity and a refresh that changed one
// namespace of a thousand compares one.
import {linkStateText} from '../link-state.js';
import {
	namespaceLabel,
	type Interface,
	type Namespace,
	type Process,
	type Snapshot,
} from '../snapshot.js';
import type {Change, ChangeKind, ChangeNamespace, ChangeValue, OtherNamespace} from './change.js';
import {addressText, routeKey, routeText} from './words.js';

/** The command lines nstui's perl helpers give themselves (`$0`), in any nstui on the host. */
export const nstuiHelperCommands: ReadonlySet<string> = new Set([
	'nstui namespace reader',
	'nstui nsid reader',
	'nstui socket reader',
	'nstui namespace watcher',
]);

export type DiffOptions = {
	/**
	 * The parent pid of a process, where the scan knows it: a process whose
	 * parent is one of nstui's helpers (the `ip` another nstui's reader runs
	 * inside each namespace it reads) is reading, not entering.
	 */
	parentOf?: (process: Process) => number | undefined;
};

export function diffSnapshots(
	before: Snapshot,
	after: Snapshot,
	time = after.takenAt,
	options: DiffOptions = {},
): Change[] {
	if (before === after) return [];
	const old = new Map(before.namespaces.map(ns => [ns.inode, ns] as const));
	const kept = new Set<number>();
	const changes: Change[] = [];
	/** Links that went away and links that appeared, across namespaces: a pair of them is a move. */
	const gone: Array<{ns: Namespace; link: Interface}> = [];
	const came: Array<{ns: Namespace; link: Interface}> = [];
	const created: Namespace[] = [];
	const processesChanged: Array<{was: Namespace | null; ns: Namespace}> = [];
	for (const ns of after.namespaces) {
		const was = old.get(ns.inode);
		if (was) kept.add(ns.inode);
		if (was === ns) continue;
		if (!was) {
			created.push(ns);
			changes.push(change(time, ns, 'namespace-created', null, null, namespaceLabel(ns)));
			if (ns.owner) changes.push(change(time, ns, 'owner-appeared', null, null, ownerOf(ns)));
			if (!unread(ns)) for (const link of ns.interfaces) came.push({ns, link});
			processesChanged.push({was: null, ns});
			continue;
		}
		namespaceChanges(time, was, ns, changes);
		if (!unread(was) && !unread(ns)) contentChanges(time, was, ns, changes, gone, came);
		if (was.processes !== ns.processes) processesChanged.push({was, ns});
	}
	const deleted = before.namespaces.filter(ns => !kept.has(ns.inode));
	for (const ns of deleted)
		if (!unread(ns)) for (const link of ns.interfaces) gone.push({ns, link});
	moves(time, gone, came, new Set([...created, ...deleted]), changes);
	if (processesChanged.length > 0)
		processChanges(time, before, processesChanged, changes, nstuiReading(after, options));
	for (const ns of deleted) {
		if (ns.owner) changes.push(change(time, ns, 'owner-gone', null, ownerOf(ns), null));
		changes.push(change(time, ns, 'namespace-deleted', null, namespaceLabel(ns), null));
	}
	return changes;
}

/** Listed but not read (the TUI's first quick list), or the reading failed: its contents say nothing. */
const unread = (ns: Namespace) => ns.pending === true || ns.error !== null;

function change(
	time: string,
	ns: Namespace,
	kind: ChangeKind,
	link: Pick<Interface, 'name' | 'ifindex'> | null,
	before: ChangeValue,
	after: ChangeValue,
): Change {
	return {
		time,
		namespace: namespaceOf(ns),
		kind,
		interface: link ? {name: link.name, ifindex: link.ifindex} : null,
		before,
		after,
	};
}

export function namespaceOf(ns: Namespace): ChangeNamespace {
	return {inode: ns.inode, name: ns.name, label: namespaceLabel(ns), owner: ownerOf(ns)};
}

const ownerOf = (ns: Namespace) =>
	ns.owner ? {engine: ns.owner.engine, id: ns.owner.id, name: ns.owner.name} : null;

const other = (ns: Namespace): OtherNamespace => ({inode: ns.inode, label: namespaceLabel(ns)});

function namespaceChanges(time: string, was: Namespace, ns: Namespace, changes: Change[]) {
	if (was.name !== ns.name)
		changes.push(
			change(
				time,
				ns,
				ns.name === null ? 'namespace-unnamed' : 'namespace-named',
				null,
				was.name,
				ns.name,
			),
		);
	const before = ownerOf(was);
	const after = ownerOf(ns);
	if (before?.id !== after?.id || before?.engine !== after?.engine) {
		if (before) changes.push(change(time, ns, 'owner-gone', null, before, null));
		if (after) changes.push(change(time, ns, 'owner-appeared', null, null, after));
	}
}

function contentChanges(
	time: string,
	was: Namespace,
	ns: Namespace,
	changes: Change[],
	gone: Array<{ns: Namespace; link: Interface}>,
	came: Array<{ns: Namespace; link: Interface}>,
) {
	if (was.interfaces !== ns.interfaces) {
		const old = new Map(was.interfaces.map(link => [link.ifindex, link] as const));
		const now = new Set(ns.interfaces.map(link => link.ifindex));
		for (const link of was.interfaces) if (!now.has(link.ifindex)) gone.push({ns: was, link});
		for (const link of ns.interfaces) {
			const before = old.get(link.ifindex);
			// A different kind at the same index: the old one went and a new one took its number.
			if (!before || before.kind !== link.kind) {
				if (before) gone.push({ns: was, link: before});
				came.push({ns, link});
			} else if (before !== link) linkChanges(time, ns, before, link, changes);
		}
	}
	if (was.routes !== ns.routes) routeChanges(time, was, ns, changes);
	if (was.forwarding.ipv4 !== ns.forwarding.ipv4 || was.forwarding.ipv6 !== ns.forwarding.ipv6)
		changes.push(change(time, ns, 'forwarding', null, {...was.forwarding}, {...ns.forwarding}));
}

const carrier = (link: Interface) =>
	link.flags.includes('LOWER_UP') && !link.flags.includes('NO-CARRIER');

function linkChanges(
	time: string,
	ns: Namespace,
	before: Interface,
	link: Interface,
	changes: Change[],
) {
	const add = (kind: ChangeKind, from: ChangeValue, to: ChangeValue) =>
		changes.push(change(time, ns, kind, link, from, to));
	if (before.name !== link.name) add('link-renamed', before.name, link.name);
	const state = [linkStateText(before), linkStateText(link)] as const;
	// The state as people read it already says a carrier came or went when the state moved with it.
	if (state[0] !== state[1]) add('link-state', state[0], state[1]);
	else if (carrier(before) !== carrier(link))
		add(
			'link-carrier',
			carrier(before) ? 'carrier' : 'no-carrier',
			carrier(link) ? 'carrier' : 'no-carrier',
		);
	if (before.mtu !== link.mtu) add('link-mtu', before.mtu, link.mtu);
	if (before.master !== link.master) add('link-master', before.master, link.master);
	if (before.addresses !== link.addresses) {
		const old = new Set(before.addresses.map(addressText));
		const now = new Set(link.addresses.map(addressText));
		for (const address of old) if (!now.has(address)) add('address-removed', address, null);
		for (const address of now) if (!old.has(address)) add('address-added', null, address);
	}
}

function routeChanges(time: string, was: Namespace, ns: Namespace, changes: Change[]) {
	const old = new Map(was.routes.map(route => [routeKey(route), route] as const));
	const now = new Map(ns.routes.map(route => [routeKey(route), route] as const));
	const device = (space: Namespace, name: string | null) => {
		const link = name === null ? undefined : space.interfaces.find(l => l.name === name);
		return link ?? (name === null ? null : {name, ifindex: 0});
	};
	for (const [key, route] of old)
		if (!now.has(key))
			changes.push(
				change(time, ns, 'route-removed', device(was, route.dev), routeText(route), null),
			);
	for (const [key, route] of now)
		if (!old.has(key))
			changes.push(change(time, ns, 'route-added', device(ns, route.dev), null, routeText(route)));
}

/** What tells one link from another across namespaces: a move keeps the kind and the MAC address. */
const moveKey = (link: Interface) =>
	link.mac && link.mac !== '00:00:00:00:00:00' ? `${link.kind} ${link.mac}` : null;

function moves(
	time: string,
	gone: Array<{ns: Namespace; link: Interface}>,
	came: Array<{ns: Namespace; link: Interface}>,
	/** Namespaces created or deleted: their own line stands for the links they came or went with. */
	whole: ReadonlySet<Namespace>,
	changes: Change[],
) {
	const left = new Map<string, Array<{ns: Namespace; link: Interface}>>();
	for (const item of gone) {
		const key = moveKey(item.link);
		if (key === null) continue;
		const list = left.get(key) ?? [];
		list.push(item);
		left.set(key, list);
	}
	const pairs = new Map<Interface, {ns: Namespace; link: Interface}>();
	for (const {ns, link} of came) {
		const key = moveKey(link);
		const list = key === null ? undefined : left.get(key);
		const from = list?.find(item => item.ns.inode !== ns.inode);
		if (!from) continue;
		list!.splice(list!.indexOf(from), 1);
		pairs.set(link, from);
	}
	const moved = new Set([...pairs.values()].map(item => item.link));
	for (const {ns, link} of gone)
		if (!moved.has(link) && !whole.has(ns))
			changes.push(change(time, ns, 'link-removed', link, linkSummary(link), null));
	for (const {ns, link} of came) {
		const from = pairs.get(link);
		if (from) {
			changes.push(change(time, from.ns, 'link-moved-out', from.link, other(from.ns), other(ns)));
			changes.push(change(time, ns, 'link-moved-in', link, other(from.ns), other(ns)));
		} else if (!whole.has(ns))
			changes.push(change(time, ns, 'link-added', link, null, linkSummary(link)));
	}
}

const linkSummary = (link: Interface) => ({
	name: link.name,
	kind: link.kind,
	state: linkStateText(link),
	mtu: link.mtu,
	mac: link.mac,
});

/** Whether a process is one of nstui's helpers or a program one of them runs. */
function nstuiReading(after: Snapshot, {parentOf}: DiffOptions) {
	let byPid: Map<number, Process> | null = null;
	return (process: Process) => {
		if (nstuiHelperCommands.has(process.cmdline)) return true;
		const parent = parentOf?.(process);
		if (parent === undefined) return false;
		byPid ??= new Map(after.namespaces.flatMap(ns => ns.processes.map(p => [p.pid, p] as const)));
		const cmdline = byPid.get(parent)?.cmdline;
		return cmdline !== undefined && nstuiHelperCommands.has(cmdline);
	};
}

/**
 * A process that made a namespace (the first of a new one) or entered one: it
 * was in another namespace before, or it runs a command none of the
 * namespace's processes ran (`ip netns exec`, `docker exec`, `nsenter`). A
 * process forked from one already there (a server's workers) is no change of
 * the namespace, nor is any new process of the host's (cron, shells).
 */
function processChanges(
	time: string,
	before: Snapshot,
	changed: Array<{was: Namespace | null; ns: Namespace}>,
	changes: Change[],
	reading: (process: Process) => boolean,
) {
	const whereWas = new Map<number, Namespace>();
	for (const ns of before.namespaces)
		for (const process of ns.processes) whereWas.set(process.pid, ns);
	for (const {was, ns} of changed) {
		const had = new Set(was?.processes.map(process => process.pid));
		const commands = new Set(was?.processes.map(process => process.comm));
		for (const process of ns.processes) {
			if (had.has(process.pid) || reading(process)) continue;
			const from = whereWas.get(process.pid);
			const what = {
				pid: process.pid,
				comm: process.comm,
				cmdline: process.cmdline,
				user: process.user,
			};
			if (!was) {
				changes.push(change(time, ns, 'process-made', null, from ? other(from) : null, what));
				break;
			}
			if (from && from.inode !== ns.inode)
				changes.push(change(time, ns, 'process-entered', null, other(from), what));
			else if (!from && !ns.root && !commands.has(process.comm)) {
				commands.add(process.comm);
				changes.push(change(time, ns, 'process-entered', null, null, what));
			}
		}
	}
}
