// The steps of one hop that the walk (walk.ts) takes in turn: a link's state
// read fresh, source NAT on the way out, and a bridge crossed on the way.
import {namespaceLabel, type Interface, type Namespace} from '../snapshot.js';
import {shown} from '../shown-text.js';
import {addressTyper} from './address-type.js';
import {label} from './explain.js';
import type {TraceFacts} from './facts.js';
import {dropSentence, filterChecks, natRewrite} from './firewall-checks.js';
import {startingMark, type HookContext, type Ruleset} from './netfilter.js';
import type {RouteAnswer} from './route-answer.js';
import {checkFail, checkNote, checkOk, type Hop, type Packet} from './types.js';
import {hasCarrier, isUp, stateOf, type BridgePass} from './wire.js';

/** A rewrite a namespace made on the way out; the reply is rewritten back there (conntrack). */
export type NatRecord = {
	ns: number;
	kind: 'snat' | 'dnat';
	from: string;
	to: string;
	rule: string;
	bridged: BridgePass | null;
};

const name = (text: string) => shown(text);

/** The link with its flags and state as the kernel has them now. */
export async function fresh<T extends Interface | null | undefined>(
	facts: TraceFacts,
	ns: Namespace,
	link: T,
): Promise<T> {
	if (!link) return link;
	const now = await facts.link(ns, link.name);
	return now ? {...link, flags: now.flags, state: now.state} : link;
}

export const peerLabel = (facts: TraceFacts, inode: number) => {
	const ns = facts.snapshot.namespaces.find(entry => entry.inode === inode);
	return ns ? label(ns) : `net:[${inode}]`;
};

export function sysctlKeys(iif: string | null): string[] {
	return [
		'net/ipv4/ip_forward',
		'net/ipv4/conf/all/rp_filter',
		'net/ipv6/conf/all/forwarding',
		'net/bridge/bridge-nf-call-iptables',
		...(iif ? [`net/ipv4/conf/${iif}/forwarding`, `net/ipv4/conf/${iif}/rp_filter`] : []),
	];
}

export async function postrouting(
	facts: TraceFacts,
	ns: Namespace,
	ruleset: Ruleset,
	packet: Packet,
	context: HookContext,
	answer: RouteAnswer | null,
	bridged: BridgePass | null,
) {
	const {rewrite, checks} = natRewrite(ruleset, 'postrouting', packet, context);
	if (!rewrite || rewrite.kind !== 'snat') return {checks, record: null};
	let to = rewrite.to;
	if (to === 'masquerade') {
		// MASQUERADE takes the address the kernel picks for the way out.
		const out = await facts.routeGet(ns, {...packet, src: ''}, null);
		to =
			out.kind === 'route' && out.prefsrc
				? out.prefsrc
				: answer?.kind === 'route' && answer.prefsrc
					? answer.prefsrc
					: '';
	}
	if (!to) {
		checks.push(
			checkNote(
				`${rewrite.rule.table} ${rewrite.rule.chain}: \`${name(rewrite.rule.text)}\` rewrites the source, to an address nstui cannot tell`,
			),
		);
		return {checks, record: null};
	}
	checks.push(
		checkNote(
			`${rewrite.rule.table} ${rewrite.rule.chain}: \`${name(rewrite.rule.text)}\` rewrites the source ${packet.src} to ${to}${bridged ? ` (between ports of ${name(bridged.bridge.name)})` : ''}`,
		),
	);
	const record: NatRecord = {
		ns: ns.inode,
		kind: 'snat',
		from: packet.src,
		to,
		rule: `\`${rewrite.rule.text}\``,
		bridged,
	};
	packet.src = to;
	return {checks, record};
}

/** A bridge the packet crosses: its ports, and with br_netfilter on, the bridge namespace's FORWARD and NAT. */
export async function bridgeHop(
	facts: TraceFacts,
	via: BridgePass,
	packet: Packet,
	state: HookContext['state'],
	back: boolean,
	nat: NatRecord[],
): Promise<{hop: Hop; sentence: string | null}> {
	const hop: Hop = {
		namespace: via.ns.inode,
		label: namespaceLabel(via.ns),
		role: 'bridge',
		in: via.inPort?.name ?? null,
		out: via.outPort?.name ?? via.bridge.name,
		decision: null,
		packet: {...packet},
		checks: [],
	};
	const where = label(via.ns);
	via = {
		...via,
		bridge: await fresh(facts, via.ns, via.bridge),
		inPort: await fresh(facts, via.ns, via.inPort),
		outPort: await fresh(facts, via.ns, via.outPort),
	};
	if (!isUp(via.bridge)) {
		hop.checks.push(checkFail(`bridge ${name(via.bridge.name)} is down`));
		return {
			hop,
			sentence: `bridge ${name(via.bridge.name)} in ${where} is down: press u on it there`,
		};
	}
	for (const port of [via.inPort, via.outPort]) {
		if (!port) continue;
		if (!isUp(port)) {
			hop.checks.push(checkFail(`bridge port ${name(port.name)} is down`));
			return {
				hop,
				sentence: `bridge port ${name(port.name)} of ${name(via.bridge.name)} in ${where} is down: press u on it there`,
			};
		}
		if (!hasCarrier(port)) {
			hop.checks.push(checkFail(`bridge port ${name(port.name)} is ${stateOf(port)}`));
			const peerNs = port.peer
				? facts.snapshot.namespaces.find(entry => entry.inode === port.peer!.namespace)
				: undefined;
			return {
				hop,
				sentence: `bridge port ${name(port.name)} of ${name(via.bridge.name)} in ${where} has no carrier${peerNs && port.peer ? `: its peer ${name(port.peer.name)} in ${label(peerNs)} is down: press u on it there` : ''}`,
			};
		}
	}
	const ports = [via.inPort, via.outPort].filter(Boolean).map(port => name(port!.name));
	hop.checks.push(
		checkOk(
			`bridge ${name(via.bridge.name)}${ports.length ? `, ports ${ports.join(' → ')}` : ''} up`,
		),
	);
	// Only traffic bridged from one port to another meets br_netfilter; traffic to or from the bridge's own address is routed.
	if (!via.inPort || !via.outPort) return {hop, sentence: null};
	const values = await facts.sysctls(via.ns, ['net/bridge/bridge-nf-call-iptables']);
	if (values.get('net/bridge/bridge-nf-call-iptables') !== '1' || packet.family !== 'inet') {
		hop.checks.push(checkNote('br_netfilter does not pass bridged IPv4 to iptables here'));
		return {hop, sentence: null};
	}
	hop.checks.push(
		checkNote(
			'br_netfilter passes bridged IPv4 to iptables here (net.bridge.bridge-nf-call-iptables=1)',
		),
	);
	const {ruleset} = await facts.firewall(via.ns, packet.family);
	if (!ruleset) return {hop, sentence: null};
	const context: HookContext = {
		in: via.bridge.name,
		out: via.bridge.name,
		state,
		addressType: addressTyper(via.ns),
		mark: {value: startingMark(ruleset)},
	};
	const filtered = filterChecks(ruleset, 'forward', packet, context);
	hop.checks.push(...filtered.checks);
	if (filtered.drop) return {hop, sentence: dropSentence(where, filtered.drop, true)};
	if (!back) {
		const rewritten = await postrouting(facts, via.ns, ruleset, packet, context, null, via);
		hop.checks.push(...rewritten.checks);
		if (rewritten.record) nat.push(rewritten.record);
	}
	return {hop, sentence: null};
}
