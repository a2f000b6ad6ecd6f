// The walk of one direction as named steps over an explicit state: each step
// reads the hop it is on and the walk's state, adds its checks, and either
// lets the packet go on (null) or ends the walk with an outcome.
import {namespaceLabel, readTimedOut, type Namespace} from '../snapshot.js';
import {shown} from '../shown-text.js';
import {addressTyper, type AddressTyper} from './address-type.js';
import {label} from './explain.js';
import type {TraceFacts} from './facts.js';
import {dropSentence, filterChecks, natRewrite} from './firewall-checks.js';
import {bridgeHop, fresh, peerLabel, postrouting, sysctlKeys, type NatRecord} from './hop-steps.js';
import {startingMark, type HookContext, type Ruleset} from './netfilter.js';
import {ruleText, rulesFor} from './policy-rules.js';
import {explainRefusal, nobodySentence} from './refusal.js';
import {routeText, type ChosenRoute} from './route-answer.js';
import {
	checkFail,
	checkNote,
	checkOk,
	endpointText,
	type Hop,
	type Packet,
	type Protocol,
} from './types.js';
import {hasCarrier, isUp, landing, stateOf} from './wire.js';

export type TraceRequest = {
	from: Namespace;
	to: string;
	/** The namespace TO was given as, when it was. */
	toNamespace: Namespace | null;
	protocol: Protocol;
	port: number | null;
};

export type Outcome = {
	hops: Hop[];
	sentence: string | null;
	arrived: {ns: Namespace; packet: Packet} | null;
	outside: boolean;
};

/** What the walk carries from hop to hop. */
export type WalkState = {
	facts: TraceFacts;
	request: TraceRequest;
	back: boolean;
	connection: HookContext['state'];
	nat: NatRecord[];
	hops: Hop[];
	packet: Packet;
	/** The namespace the packet is in, and the device it came in by (null where it starts). */
	ns: Namespace;
	iif: string | null;
	seen: Set<string>;
};

/** What one hop knows once it has read its namespace's firewall. */
export type HopView = {
	hop: Hop;
	ruleset: Ruleset | null;
	mark: {value: number | null};
	addressType: AddressTyper;
};

/** A routed unicast hop: the kernel's answer and the device it leaves by. */
export type Routed = HopView & {answer: ChosenRoute; dev: string};

/** A step's answer: null lets the packet go on; an outcome ends the walk. */
export type Step = Outcome | null;

const name = (text: string) => shown(text);

export const stop = (state: WalkState, sentence: string): Outcome => ({
	hops: state.hops,
	sentence,
	arrived: null,
	outside: false,
});

const context = (state: WalkState, view: HopView, out: string | null): HookContext => ({
	in: state.iif,
	out,
	state: state.connection,
	addressType: view.addressType,
	mark: view.mark,
});

/** A new hop in the namespace the packet is in, with that namespace's firewall read. */
export async function enterHop(state: WalkState): Promise<HopView> {
	const {ns, iif, packet} = state;
	const hop: Hop = {
		namespace: ns.inode,
		label: namespaceLabel(ns),
		role: iif === null ? 'origin' : 'transit',
		in: iif,
		out: null,
		decision: null,
		packet: {...packet},
		checks: [],
	};
	state.hops.push(hop);
	const inLink = iif === null ? undefined : ns.interfaces.find(entry => entry.name === iif);
	const inVrf = inLink?.master
		? ns.interfaces.find(entry => entry.name === inLink.master && entry.kind === 'vrf')
		: undefined;
	// The kernel looks the packet up in the VRF's table (ip route get with iif does the same).
	if (inVrf)
		hop.checks.push(checkNote(`${name(iif!)} is in VRF ${name(inVrf.name)}: routed by its table`));
	const firewall = await state.facts.firewall(ns, packet.family);
	if (firewall.error) hop.checks.push(checkNote(`firewall not read: ${name(firewall.error)}`));
	const ruleset = firewall.ruleset;
	return {
		hop,
		ruleset,
		mark: {value: ruleset ? startingMark(ruleset) : null},
		addressType: addressTyper(ns),
	};
}

/**
 * Before routing: the reply is rewritten back where NAT rewrote the request; a
 * new connection may be DNATed. Returns the record a reply was rewritten by.
 */
export function natBeforeRouting(state: WalkState, view: HopView): NatRecord | null {
	const {packet, ns} = state;
	const {hop, ruleset} = view;
	let undone: NatRecord | null = null;
	if (state.back) {
		for (const record of state.nat) {
			if (record.ns !== ns.inode) continue;
			if (record.kind === 'snat' && record.to === packet.dst) {
				packet.dst = record.from;
				undone = record;
				hop.checks.push(
					checkNote(
						`conntrack rewrites the reply's destination ${record.to} back to ${record.from} (${record.rule})`,
					),
				);
			}
		}
	} else if (ruleset) {
		const chain = state.iif === null ? 'output' : 'prerouting';
		const {rewrite, checks} = natRewrite(ruleset, chain, packet, context(state, view, null));
		hop.checks.push(...checks);
		if (rewrite && rewrite.kind === 'dnat' && rewrite.to !== 'masquerade') {
			state.nat.push({
				ns: ns.inode,
				kind: 'dnat',
				from: packet.dst,
				to: rewrite.to,
				rule: `\`${rewrite.rule.text}\``,
				bridged: null,
			});
			const port = rewrite.port !== null && packet.dport !== null ? `:${rewrite.port}` : '';
			hop.checks.push(
				checkNote(
					`${rewrite.rule.table} ${rewrite.rule.chain}: \`${name(rewrite.rule.text)}\` rewrites the destination ${packet.dst} to ${rewrite.to}${port}`,
				),
			);
			packet.dst = rewrite.to;
			if (port) packet.dport = rewrite.port;
		}
	}
	hop.packet = {...packet};
	return undone;
}

/** The same packet in the same place twice is a routing loop. */
export function checkLoop(state: WalkState, view: HopView): Step {
	const {ns, iif, packet} = state;
	const visit = `${ns.inode}|${iif}|${packet.src}|${packet.dst}`;
	if (state.seen.has(visit)) {
		view.hop.checks.push(checkFail('the packet comes back here: a routing loop'));
		return stop(
			state,
			`the path loops through ${label(ns)}: check the routes to ${packet.dst} on the way`,
		);
	}
	state.seen.add(visit);
	return null;
}

/** The kernel's route for the packet, and the policy rule that chose a table other than main. */
export async function askRoute(
	state: WalkState,
	view: HopView,
	undone: NatRecord | null,
): Promise<ChosenRoute | Outcome> {
	const {facts, ns, packet, iif} = state;
	const answer = await facts.routeGet(ns, packet, iif);
	if (answer.kind === 'refused') {
		const sentence = await explainRefusal(facts, ns, packet, iif, answer, state.back, undone);
		view.hop.checks.push(checkFail(`the kernel refuses it: ${name(answer.message)}`));
		return stop(state, sentence);
	}
	view.hop.decision = routeText(answer);
	if (answer.table !== 'main' && answer.table !== 'local') {
		const rules = rulesFor(await facts.rules(ns, packet.family), packet, iif).filter(
			rule => rule.table === answer.table,
		);
		view.hop.checks.push(
			checkNote(
				`${rules[0] ? ruleText(rules[0]) : 'a policy rule'} sends it to table ${name(answer.table)}`,
			),
		);
	}
	return answer;
}

/** The packet is for this namespace: the input chain, and on the way out a listener. */
export async function arrive(state: WalkState, view: HopView): Promise<Outcome> {
	const {ns, packet, request, iif} = state;
	const {hop, ruleset} = view;
	hop.role = 'destination';
	hop.checks.push(checkOk(`${packet.dst} is an address of ${label(ns)}`));
	if (!state.back && request.toNamespace && request.toNamespace.inode !== ns.inode) {
		hop.checks.push(
			checkFail(
				`${label(ns)} holds ${packet.dst} too, so it never reaches ${label(request.toNamespace)}`,
			),
		);
		return stop(
			state,
			`${label(ns)} also holds ${packet.dst} and keeps the packet: remove the address there (d) or trace another address`,
		);
	}
	if (ruleset && iif !== null) {
		const input = filterChecks(ruleset, 'input', packet, context(state, view, null));
		hop.checks.push(...input.checks);
		if (input.drop) return stop(state, dropSentence(label(ns), input.drop, false));
	}
	if (!state.back && packet.dport !== null && packet.protocol !== 'icmp') {
		const socket = await state.facts.listening(ns, packet);
		if (socket.listening === false) {
			hop.checks.push(checkFail(socket.detail));
			return stop(
				state,
				`nothing in ${label(ns)} listens on ${endpointText(packet.dst, packet.dport, packet.protocol)}: start the service there, or trace the port it listens on`,
			);
		}
		hop.checks.push(socket.listening ? checkOk(socket.detail) : checkNote(socket.detail));
	}
	return {hops: state.hops, sentence: null, arrived: {ns, packet: {...packet}}, outside: false};
}

/** A transit hop forwards (ip_forward, rp_filter); the output or forward chain may drop it. */
export async function forward(state: WalkState, view: Routed): Promise<Step> {
	const {ns, packet, iif} = state;
	const {hop, ruleset, dev} = view;
	if (iif !== null) {
		const values = await state.facts.sysctls(ns, sysctlKeys(iif));
		hop.role = 'transit';
		const rp = values.get(`net/ipv4/conf/${iif}/rp_filter`) ?? '?';
		const rpAll = values.get('net/ipv4/conf/all/rp_filter') ?? '?';
		hop.checks.push(
			checkOk(
				packet.family === 'inet'
					? `forwards IPv4 (ip_forward=${values.get('net/ipv4/ip_forward') ?? '?'}), rp_filter ${rpAll}/${rp} (all/${name(iif)})`
					: 'forwards IPv6',
			),
		);
	}
	if (ruleset) {
		const filtered = filterChecks(
			ruleset,
			iif === null ? 'output' : 'forward',
			packet,
			context(state, view, dev),
		);
		hop.checks.push(...filtered.checks);
		if (filtered.drop) return stop(state, dropSentence(label(ns), filtered.drop, false));
	}
	return null;
}

/** The device it leaves by, as the kernel has it now: up, with carrier. */
export async function leaveBy(state: WalkState, view: Routed): Promise<Step> {
	const {facts, ns} = state;
	const {hop, dev} = view;
	const link = await fresh(
		facts,
		ns,
		ns.interfaces.find(entry => entry.name === dev),
	);
	if (!link) return null;
	if (link.master) {
		const master = ns.interfaces.find(entry => entry.name === link.master);
		if (master?.kind === 'vrf')
			hop.checks.push(checkNote(`${name(dev)} is in VRF ${name(master.name)}`));
	}
	if (!isUp(link)) {
		hop.checks.push(checkFail(`${name(dev)} is down`));
		return stop(state, `${name(dev)} in ${label(ns)} is down: press u on it there`);
	}
	if (!hasCarrier(link) && link.kind !== 'bridge') {
		const peerNs = link.peer
			? facts.snapshot.namespaces.find(entry => entry.inode === link.peer!.namespace)
			: undefined;
		hop.checks.push(checkFail(`${name(dev)} is ${stateOf(link)}`));
		if (peerNs && link.peer)
			return stop(
				state,
				`${name(dev)} in ${label(ns)} has no carrier: its peer ${name(link.peer.name)} in ${label(peerNs)} is down: press u on it there`,
			);
		return stop(
			state,
			`${name(dev)} in ${label(ns)} has no carrier: bring up what is on the other end`,
		);
	}
	hop.checks.push(
		checkOk(
			`${name(dev)} is up with carrier${link.peer ? `, peer ${name(link.peer.name)} in ${peerLabel(facts, link.peer.namespace)}` : ''}`,
		),
	);
	return null;
}

/** After routing: source NAT on the way out; on the way back, a DNAT's reply gets its source back. */
export async function natAfterRouting(state: WalkState, view: Routed): Promise<void> {
	const {ns, packet} = state;
	const {hop, ruleset, dev, answer} = view;
	if (state.back) {
		for (const record of state.nat) {
			if (record.ns === ns.inode && record.kind === 'dnat' && record.to === packet.src) {
				hop.checks.push(
					checkNote(`conntrack rewrites the reply's source ${record.to} back to ${record.from}`),
				);
				packet.src = record.from;
			}
		}
	} else if (ruleset) {
		const rewritten = await postrouting(
			state.facts,
			ns,
			ruleset,
			packet,
			context(state, view, dev),
			answer,
			null,
		);
		hop.checks.push(...rewritten.checks);
		if (rewritten.record) state.nat.push(rewritten.record);
	}
}

/**
 * Across the wire: the neighbour, then where the device leads. Moves the state
 * to the next namespace, or ends the walk outside the host or where it breaks.
 */
export async function crossWire(state: WalkState, view: Routed): Promise<Step> {
	const {facts, ns, packet} = state;
	const {hop, dev, answer} = view;
	const target = answer.gateway ?? packet.dst;
	const neighbour = await facts.neighbour(ns, target, dev);
	if (neighbour === 'FAILED' || neighbour === 'INCOMPLETE')
		hop.checks.push(checkNote(`neighbour ${target} on ${name(dev)} is ${neighbour}`));
	else if (neighbour)
		hop.checks.push(checkOk(`neighbour ${target} on ${name(dev)} is ${neighbour}`));

	const landed = landing(facts.snapshot, ns, dev, target);
	if (landed.kind === 'unread') {
		const why = ns.error
			? ns.error === readTimedOut
				? 'its namespace could not be read (timed out)'
				: `its namespace could not be read: ${name(ns.error)}`
			: ns.pending
				? 'nstui has not read its namespace yet'
				: "it is newer than nstui's reading";
		hop.checks.push(checkFail(`${name(dev)} is not in nstui's reading (${why})`));
		return stop(
			state,
			`nstui does not know where ${name(dev)} in ${label(ns)} leads: ${why}; trace again (Ctrl-R)`,
		);
	}
	if (landed.kind === 'unresolved') {
		hop.checks.push(checkFail(`the other end of ${name(dev)} is not proven`));
		// Under load a read times out: the other end may well be in a namespace nstui sees but could not read.
		const unread = facts.snapshot.namespaces.filter(entry => entry.error === readTimedOut);
		return stop(
			state,
			unread.length > 0
				? `nstui cannot follow the packet past ${name(dev)} in ${label(ns)}: the other end of that veth is not proven, and ${unread.length === 1 ? `${label(unread[0]!)} could not be read (timed out)` : `${unread.length} namespaces could not be read (timed out)`}; trace again (Ctrl-R)`
				: `nstui cannot follow the packet past ${name(dev)} in ${label(ns)}: the other end of that veth is in a namespace it cannot see`,
		);
	}
	if ('via' in landed && landed.via) {
		const bridged = await bridgeHop(
			facts,
			landed.via,
			packet,
			state.connection,
			state.back,
			state.nat,
		);
		state.hops.push(bridged.hop);
		if (bridged.sentence) return stop(state, bridged.sentence);
	}
	if (landed.kind === 'outside') {
		state.hops.push({
			namespace: null,
			label: 'outside this host',
			role: 'outside',
			in: null,
			out: landed.device,
			decision: null,
			packet: {...packet},
			checks: [
				checkNote(
					`leaves the host through ${name(landed.device)} (${name(landed.deviceKind)}): nstui claims nothing beyond`,
				),
			],
		});
		return {hops: state.hops, sentence: null, arrived: null, outside: true};
	}
	if (landed.kind === 'nobody') {
		hop.checks.push(
			checkFail(
				`nobody on the wire of ${name(dev)} holds ${target}${neighbour ? ` (neighbour ${neighbour})` : ''}`,
			),
		);
		return stop(state, nobodySentence(ns, dev, answer, target, landed.farEnd));
	}
	state.ns = landed.ns;
	state.iif = landed.in;
	return null;
}
