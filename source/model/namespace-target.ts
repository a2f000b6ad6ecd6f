// How to reach a namespace from the snapshot: to run a command inside it
// (NamespaceTarget), or to send an interface into it (NetnsRef).
import type {NetnsRef} from './commands.js';
import type {Namespace} from './snapshot.js';

/** How to get into a namespace: by its name in /run/netns, by a path to its nsfs file, or the one nstui runs in. */
export type NamespaceTarget = {name: string} | {path: string} | 'current';

/** The parts of a snapshot's namespace that lead into it. */
export type NamespaceWays = Pick<
	Namespace,
	| 'inode'
	| 'name'
	| 'root'
	| 'paths'
	| 'processes'
	| 'threads'
	| 'descriptors'
	| 'mounts'
	| 'hidden'
>;

/**
 * The way into `ns` for `ip -n` / `nsenter`, or null when there is none (no name,
 * no bind mount, no process). `selfInode` is the namespace nstui itself runs in.
 */
export function namespaceTargetOf(
	ns: NamespaceWays,
	selfInode: number | null,
): NamespaceTarget | null {
	if (ns.inode === selfInode) return 'current';
	// A name made by someone else may start with "-", which `ip -n` / `ip netns exec`
	// would take for an option: such a namespace is entered by its path instead.
	if (ns.name !== null)
		return ns.name.startsWith('-') ? {path: `/run/netns/${ns.name}`} : {name: ns.name};
	if (ns.root) return {path: '/proc/1/ns/net'};
	if (ns.paths[0]) return {path: ns.paths[0]};
	const pid = ns.processes[0]?.pid;
	if (pid !== undefined) return {path: `/proc/${pid}/ns/net`};
	return heldWay(ns);
}

/** The way in through a thread, a descriptor or a mount in another mount namespace, or null. */
export function heldWay(
	ns: Pick<Namespace, 'threads' | 'descriptors' | 'mounts'>,
): NamespaceTarget | null {
	const thread = ns.threads?.[0];
	if (thread) return {path: `/proc/${thread.pid}/task/${thread.tid}/ns/net`};
	const mount = ns.mounts?.find(holder => !holder.covered && holder.pid !== null);
	if (mount) return {path: `/proc/${mount.pid}/root${mount.path}`};
	const descriptor = ns.descriptors?.[0];
	if (descriptor) return {path: `/proc/${descriptor.pid}/fd/${descriptor.fd}`};
	return null;
}

/**
 * How `ip link set DEV netns X` can name `ns`: the host by PID 1, a named one by
 * name, an unnamed one by a PID inside it; null when it has none of these (a
 * namespace kept only by a bind mount: give it a name first).
 */
export function netnsRefOf(ns: Namespace): NetnsRef | null {
	if (ns.root) return {pid: 1};
	if (ns.name !== null) return {name: ns.name};
	const pid = ns.processes[0]?.pid ?? ns.threads?.[0]?.tid;
	return pid === undefined ? null : {pid};
}

/** The nsfs file a perl reader opens to enter `target` (nstui's own is /proc/self/ns/net, which it reads without entering). */
export function nsfsPathOf(target: NamespaceTarget): string {
	if (target === 'current') return '/proc/self/ns/net';
	return 'name' in target ? `/run/netns/${target.name}` : target.path;
}
