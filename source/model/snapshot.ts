// The snapshot contract: what `nstui snapshot --json` prints and what every pane reads.
// Field names are a public interface (scripts rely on them); add, never rename.

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
	const leader = ns.processes[0];
	if (leader) return `<unnamed> pid ${leader.pid} ${leader.comm}`;
	if (ns.paths[0]) return `<unnamed> ${ns.paths[0]}`;
	return `<unnamed> net:[${ns.inode}]`;
}
