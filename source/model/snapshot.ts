// The snapshot contract: what `nstui snapshot --json` prints and what every pane reads.
// Field names are a public interface (scripts rely on them); add, never rename.

import {ownerLabel} from './owners.js';
import type {PublishedPort} from './published-ports.js';
import type {Socket} from './sockets.js';

export type Family = 'inet' | 'inet6';

export type Address = {
	family: Family;
	address: string;
	prefixlen: number;
};

export type Peer = {
	/** Inode of the namespace that holds the other end. */
	namespace: number;
	name: string;
	ifindex: number;
};

export type Interface = {
	ifindex: number;
	name: string;
	/** veth, bridge, vrf, loopback, ... ; "device" for a link without a kind (a physical NIC). */
	kind: string;
	state: string;
	flags: string[];
	mtu: number;
	mac: string | null;
	master: string | null;
	addresses: Address[];
	/** For a veth: the other end, when it could be resolved. */
	peer: Peer | null;
	/** For a veth whose other end could not be resolved: true. */
	peerUnresolved?: boolean;
};

export type Route = {
	family: Family;
	dst: string;
	gateway: string | null;
	dev: string | null;
	table: string;
	protocol: string | null;
	scope: string | null;
	metric: number | null;
	/** unicast routes leave it out; blackhole, unreachable, prohibit, ... */
	type?: string;
};

export type Process = {
	pid: number;
	comm: string;
	cmdline: string;
	user: string;
};

export type Forwarding = {ipv4: boolean; ipv6: boolean};

/** An nsfs bind mount that holds a namespace, in some mount namespace. */
export type MountHolder = {
	/** As that mount namespace sees it (relative to the root of `pid`). */
	path: string;
	/** Inode of the mount namespace it is in (readlink /proc/PID/ns/mnt). */
	mountNamespace: number;
	/** A process in that mount namespace, through whose /proc/PID/root the path is reached; null for nstui's own. */
	pid: number | null;
	/** Another mount on top of it at the same path hides it: the path leads elsewhere. */
	covered: boolean;
};

/** A thread that is in the namespace while its process (its main thread) is elsewhere. */
export type ThreadHolder = {pid: number; tid: number; comm: string};

/** An open file descriptor that refers to the namespace (readlink /proc/PID/fd/FD is `net:[INODE]`). */
export type DescriptorHolder = {pid: number; fd: number; comm: string};

/** Who runs the processes of a namespace (model/owners.ts). */
export type OwnerEngine =
	'docker' | 'kubernetes' | 'containerd' | 'crio' | 'podman' | 'lxc' | 'nspawn' | 'systemd';

export type OwnerContainer = {
	id: string;
	name: string | null;
	image: string | null;
	labels: Record<string, string>;
};

export type Owner = {
	engine: OwnerEngine;
	/** The full container id (the pod's sandbox for Kubernetes); the machine or LXC name; the systemd unit. */
	id: string;
	/** The container's name; `namespace/pod`; the machine, LXC container or unit; null when the engine could not be asked. */
	name: string | null;
	image: string | null;
	/** The owning container's labels (Docker), or its OCI annotations (Kubernetes). */
	labels: Record<string, string>;
	/** Every container whose processes are in the namespace, the one that holds it first (none for lxc, nspawn, systemd). */
	containers: OwnerContainer[];
	/** The cgroup path of the first process that named it. */
	cgroup: string;
	/** Why the name or image is missing (the engine did not answer in time, ...); null when nothing is. */
	note: string | null;
	pod?: {namespace: string; name: string; uid: string | null};
	compose?: {project: string; service: string};
	/** Under Kubernetes: the runtime (containerd, crio, docker) when known. */
	runtime?: string | null;
};

/** A namespace's `error` when reading it timed out (a busy host, not a broken namespace). */
export const readTimedOut = 'ip timed out';

export type Namespace = {
	inode: number;
	name: string | null;
	paths: string[];
	root: boolean;
	nsid: number | null;
	forwarding: Forwarding;
	processes: Process[];
	interfaces: Interface[];
	routes: Route[];
	error: string | null;
	/** Listed but not read yet: the TUI's first frame shows namespaces before reading them all. */
	pending?: boolean;
	/**
	 * Reading it again timed out (a busy host): what is shown is its last good
	 * reading, and it is read again with backoff. Absent when the reading is current.
	 */
	stale?: boolean;
	/**
	 * How it is held besides `processes`. discover() always fills these in
	 * (empty when none); they are optional for snapshots made by hand.
	 * `mounts` lists every nsfs bind mount that holds it, in any mount namespace
	 * (`paths` are those of nstui's own mount namespace that lead to it).
	 */
	mounts?: MountHolder[];
	threads?: ThreadHolder[];
	descriptors?: DescriptorHolder[];
	/**
	 * Every mount that holds it is covered by another (its path leads to the upper
	 * namespace): read through a process, thread or descriptor in it if there is
	 * one, else nothing of it is read and `error` says so.
	 */
	hidden?: boolean;
	/** The container, pod, machine or service its processes belong to; discover() fills it in (null when none). */
	owner?: Owner | null;
	/**
	 * Its TCP and UDP sockets, listening ones first, with the processes that hold
	 * them (system/sockets.ts): only when asked for (`snapshot --sockets`, find
	 * `:PORT`, the TUI's selected namespace); `socketsError` says why none could be read.
	 */
	sockets?: Socket[];
	socketsError?: string | null;
	/**
	 * The ports it publishes (DNAT rules of Docker, portmap, kube-proxy, or by
	 * hand; docker-proxy), model/published-ports.ts: only when asked
	 * (`snapshot --ports`, find `:PORT`); `portsError` says why its firewall could not be read.
	 */
	ports?: PublishedPort[];
	portsError?: string | null;
};

export type Snapshot = {
	version: 1;
	takenAt: string;
	namespaces: Namespace[];
};

/** What nstui calls a namespace in one line: its name, or the process that holds it. */
export function namespaceLabel(ns: Namespace): string {
	if (ns.root) return ns.name ?? '<host>';
	if (ns.name) return ns.name;
	if (ns.owner) return ownerLabel(ns.owner);
	const leader = ns.processes[0];
	if (leader) return `<unnamed> pid ${leader.pid} ${leader.comm}`;
	if (ns.paths[0]) return `<unnamed> ${ns.paths[0]}`;
	const thread = ns.threads?.[0];
	if (thread) return `<unnamed> tid ${thread.tid} ${thread.comm}`;
	const descriptor = ns.descriptors?.[0];
	if (descriptor)
		return `<unnamed> fd ${descriptor.fd} of pid ${descriptor.pid} ${descriptor.comm}`;
	const mount = ns.mounts?.find(holder => !holder.covered) ?? ns.mounts?.[0];
	if (mount)
		return `${mount.covered ? '<hidden under a mount>' : '<unnamed>'} ${mount.path}${mount.pid === null ? '' : ` (mnt:[${mount.mountNamespace}])`}`;
	return `<unnamed> net:[${ns.inode}]`;
}
