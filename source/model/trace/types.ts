// The shape of a path trace (nstui trace, the T view): the hops a packet takes from one
// namespace to an address and the reply back, each with what was checked.
import type {Family} from '../snapshot.js';

export type Protocol = 'icmp' | 'tcp' | 'udp';

/** A packet as the trace follows it; addresses change where NAT rewrites them. */
export type Packet = {
	family: Family;
	src: string;
	dst: string;
	protocol: Protocol;
	/** The destination port for tcp/udp, when one was given; the source port is not known. */
	dport: number | null;
	sport: number | null;
};

/** true: passes; false: this breaks the path; null: said for information, or not known. */
export type CheckResult = boolean | null;

export type Check = {ok: CheckResult; text: string};

export type HopRole = 'origin' | 'transit' | 'bridge' | 'destination' | 'outside';

export type Hop = {
	/** Inode of the namespace, null for "outside the host". */
	namespace: number | null;
	label: string;
	role: HopRole;
	/** The interface the packet came in through; null where it starts. */
	in: string | null;
	/** The interface it leaves through, when it leaves. */
	out: string | null;
	/** What the kernel decided, in ip's words ("192.168.2.1 via 192.168.1.254 dev veth-ns1 table main"). */
	decision: string | null;
	/** The packet as it is in this namespace (after NAT that happened before routing). */
	packet: Packet;
	checks: Check[];
};

/** The first thing that breaks the path: where, and one sentence with the cause and the fix. */
export type Break = {direction: 'forward' | 'return'; hop: number; sentence: string};

export type Trace = {
	from: {namespace: number; label: string};
	to: {
		address: string;
		namespace: number | null;
		label: string | null;
		port: number | null;
		protocol: Protocol;
	};
	/** The source address the origin picks (its route's prefsrc). */
	source: string | null;
	forward: Hop[];
	/** Empty when the forward path breaks or leaves the host. */
	return: Hop[];
	/** The path leaves the host (a route out of a physical NIC): nothing is claimed beyond. */
	leavesHost: boolean;
	ok: boolean;
	broken: Break | null;
};

export const checkOk = (text: string): Check => ({ok: true, text});
export const checkFail = (text: string): Check => ({ok: false, text});
export const checkNote = (text: string): Check => ({ok: null, text});

export const hopBroken = (hop: Hop) => hop.checks.some(check => check.ok === false);

/** address:port/protocol, with an IPv6 address in brackets. */
export const endpointText = (address: string, port: number | null, protocol: Protocol) =>
	`${address.includes(':') ? `[${address}]` : address}${port !== null ? `:${port}` : ''}/${protocol}`;
