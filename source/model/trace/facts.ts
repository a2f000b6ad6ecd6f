// What the trace asks the system, one question at a time. system/trace answers
// from the kernel (ip route get, ip rule, sysctl, ip neigh, iptables-save);
// tests can answer from a table. The walk itself (walk.ts) does no I/O.
import type {Namespace, Snapshot} from '../snapshot.js';
import type {PolicyRule} from './policy-rules.js';
import type {Ruleset} from './netfilter.js';
import type {RouteAnswer} from './route-answer.js';
import type {Packet} from './types.js';

export type TraceFacts = {
	snapshot: Snapshot;
	/** `ip -j route get DST [from SRC] [iif IN]` inside ns: the kernel's decision. */
	routeGet(
		ns: Namespace,
		packet: Pick<Packet, 'family' | 'src' | 'dst' | 'protocol' | 'dport'>,
		iif: string | null,
	): Promise<RouteAnswer>;
	/** A link's flags and operstate as they are now (the snapshot may be a moment old); null when it is gone. */
	link(ns: Namespace, name: string): Promise<{flags: string[]; state: string} | null>;
	/** `ip -j rule` inside ns. */
	rules(ns: Namespace, family: Packet['family']): Promise<PolicyRule[]>;
	/** Whether a routing table holds no route at all. */
	tableEmpty(ns: Namespace, family: Packet['family'], table: string): Promise<boolean>;
	/** sysctl values read inside ns, by their slash path under /proc/sys (net/ipv4/ip_forward); missing keys are absent. */
	sysctls(ns: Namespace, keys: string[]): Promise<Map<string, string>>;
	/** The neighbour cache's state for address on dev (REACHABLE, STALE, FAILED, INCOMPLETE, ...), null when it has no entry. */
	neighbour(ns: Namespace, address: string, dev: string): Promise<string | null>;
	/** The firewall rules with counters, or why they could not be read. */
	firewall(
		ns: Namespace,
		family: Packet['family'],
	): Promise<{ruleset: Ruleset | null; error: string | null; source: string}>;
	/** Does a socket listen for the packet's protocol and port on its destination? null: nstui cannot tell. */
	listening(ns: Namespace, packet: Packet): Promise<{listening: boolean | null; detail: string}>;
};
