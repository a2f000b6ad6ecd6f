// How to reach a namespace from the snapshot: to run a command inside it
// (NamespaceTarget), or to send an interface into it (NetnsRef).
import type {NetnsRef} from './commands.js';
import type {Namespace} from './snapshot.js';

/** How to get into a namespace: by its name in /run/netns, by a path to its nsfs file, or the one nstui runs in. */
export type NamespaceTarget = {name: string} | {path: string} | 'current';

/**
 * The way into `ns` for `ip -n` / `nsenter`, or null when there is none (no name,
 * no bind mount, no process). `selfInode` is the namespace nstui itself runs in.
 */
export function namespaceTargetOf(
	ns: Pick<Namespace, 'inode' | 'name' | 'root' | 'paths' | 'processes'>,
	selfInode: number | null,
): NamespaceTarget | null {
	if (ns.inode === selfInode) return 'current';
	// A name made by someone else may start with "-", which `ip -n` / `ip netns exec`
	// would take for an option: such a namespace is entered by its path instead.
	if (ns.name !== null) return ns.name.startsWith('-') ? {path: `/run/netns/${ns.name}`} : {name: ns.name};
	if (ns.root) return {path: '/proc/1/ns/net'};
	if (ns.paths[0]) return {path: ns.paths[0]};
	const pid = ns.processes[0]?.pid;
	return pid === undefined ? null : {path: `/proc/${pid}/ns/net`};
}

/**
 * How `ip link set DEV netns X` can name `ns`: the host by PID 1, a named one by
 * name, an unnamed one by a PID inside it; null when it has none of these (a
 * namespace kept only by a bind mount: give it a name first).
 */
export function netnsRefOf(ns: Namespace): NetnsRef | null {
	if (ns.root) return {pid: 1};
	if (ns.name !== null) return {name: ns.name};
	const pid = ns.processes[0]?.pid;
	return pid === undefined ? null : {pid};
}
