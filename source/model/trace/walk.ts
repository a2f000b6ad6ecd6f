// The trace itself: follows a packet from namespace to namespace by asking each
// namespace's kernel where it goes (facts.routeGet), across the wires the
// snapshot proves (wire.ts), through the firewall and NAT of each hop, and then
// the reply back. It stops at the first thing that breaks the path.
import {namespaceLabel, readTimedOut, type Namespace} from '../snapshot.js';
import {shown} from '../shown-text.js';
import {addressTyper} from './address-type.js';
import {label} from './explain.js';
import {bridgeHop, fresh, peerLabel, postrouting, sysctlKeys, type NatRecord} from './hop-steps.js';
import {explainRefusal, nobodySentence} from './refusal.js';
import type {TraceFacts} from './facts.js';
import {dropSentence, filterChecks, natRewrite} from './firewall-checks.js';
import {startingMark, type HookContext} from './netfilter.js';
import {ruleText, rulesFor} from './policy-rules.js';
import {routeText} from './route-answer.js';
import {
	checkFail,
	checkNote,
	checkOk,
	endpointText,
	type Hop,
	type Packet,
	type Protocol,
	type Trace,
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

type Outcome = {
	hops: Hop[];
	sentence: string | null;
	arrived: {ns: Namespace; packet: Packet} | null;
	outside: boolean;
};

const maxHops = 24;
const name = (text: string) => shown(text);

export async function tracePath(facts: TraceFacts, request: TraceRequest): Promise<Trace> {
	const family = request.to.includes(':') ? 'inet6' : 'inet';
	const first = await facts.routeGet(
		request.from,
		{family, src: '', dst: request.to, protocol: request.protocol, dport: request.port},
		null,
	);
	const source = first.kind === 'route' ? first.prefsrc : null;
	const packet: Packet = {
		family,
		src: source ?? '',
		dst: request.to,
		protocol: request.protocol,
		dport: request.port,
		sport: null,
	};
	const trace: Trace = {
		from: {namespace: request.from.inode, label: namespaceLabel(request.from)},
		to: {
			address: request.to,
			namespace: request.toNamespace?.inode ?? null,
			label: request.toNamespace ? namespaceLabel(request.toNamespace) : null,
			port: request.port,
			protocol: request.protocol,
		},
		source,
		forward: [],
		return: [],
		leavesHost: false,
		ok: false,
		broken: null,
	};
	const nat: NatRecord[] = [];
	const forward = await follow(facts, request.from, packet, 'forward', nat, request);
	trace.forward = forward.hops;
	if (forward.sentence) {
		trace.broken = {direction: 'forward', hop: forward.hops.length - 1, sentence: forward.sentence};
		return trace;
	}
	if (forward.outside) {
		trace.leavesHost = true;
		trace.ok = true;
		return trace;
	}
	const arrived = forward.arrived!;
	const reply: Packet = {
		...arrived.packet,
		src: arrived.packet.dst,
		dst: arrived.packet.src,
		dport: arrived.packet.sport,
		sport: arrived.packet.dport,
	};
	const back = await follow(facts, arrived.ns, reply, 'return', nat, request);
	trace.return = back.hops;
	if (back.sentence) {
		trace.broken = {direction: 'return', hop: back.hops.length - 1, sentence: back.sentence};
		return trace;
	}
	if (back.outside) trace.leavesHost = true;
	trace.ok = true;
	return trace;
}

async function follow(
	facts: TraceFacts,
	start: Namespace,
	initial: Packet,
	direction: 'forward' | 'return',
	nat: NatRecord[],
	request: TraceRequest,
): Promise<Outcome> {
	const hops: Hop[] = [];
	const packet = {...initial};
	const state: HookContext['state'] = direction === 'forward' ? 'NEW' : 'ESTABLISHED';
	const back = direction === 'return';
	let ns = start;
	let iif: string | null = null;
	const seen = new Set<string>();
	const stop = (sentence: string): Outcome => ({hops, sentence, arrived: null, outside: false});

	try {
		return await walk();
	} catch (error) {
		// A namespace on the way that cannot be entered (it vanished, it has no way in): say so where it happened.
		const message = error instanceof Error ? error.message : String(error);
		hops.at(-1)?.checks.push(checkFail(`could not ask its kernel: ${name(message)}`));
		return stop(`nstui could not follow the packet in ${label(ns)}: ${name(message)}`);
	}

	async function walk(): Promise<Outcome> {
		for (let step = 0; step < maxHops; step++) {
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
			hops.push(hop);
			const inLink = iif === null ? undefined : ns.interfaces.find(entry => entry.name === iif);
			const inVrf = inLink?.master
				? ns.interfaces.find(entry => entry.name === inLink.master && entry.kind === 'vrf')
				: undefined;
			// The kernel looks the packet up in the VRF's table (ip route get with iif does the same).
			if (inVrf)
				hop.checks.push(
					checkNote(`${name(iif!)} is in VRF ${name(inVrf.name)}: routed by its table`),
				);
			const addressType = addressTyper(ns);
			const firewall = await facts.firewall(ns, packet.family);
			if (firewall.error) hop.checks.push(checkNote(`firewall not read: ${name(firewall.error)}`));
			const ruleset = firewall.ruleset;
			const mark = {value: ruleset ? startingMark(ruleset) : null};

			// Before routing: the reply is rewritten back where NAT rewrote the request; a new connection may be DNATed.
			let undone: NatRecord | null = null;
			if (back) {
				for (const record of nat) {
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
				const chain = iif === null ? 'output' : 'prerouting';
				const {rewrite, checks} = natRewrite(ruleset, chain, packet, {
					in: iif,
					out: null,
					state,
					addressType,
					mark,
				});
				hop.checks.push(...checks);
				if (rewrite && rewrite.kind === 'dnat' && rewrite.to !== 'masquerade') {
					nat.push({
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

			const visit = `${ns.inode}|${iif}|${packet.src}|${packet.dst}`;
			if (seen.has(visit)) {
				hop.checks.push(checkFail('the packet comes back here: a routing loop'));
				return stop(
					`the path loops through ${label(ns)}: check the routes to ${packet.dst} on the way`,
				);
			}
			seen.add(visit);

			const answer = await facts.routeGet(ns, packet, iif);
			if (answer.kind === 'refused') {
				const sentence = await explainRefusal(facts, ns, packet, iif, answer, back, undone);
				hop.checks.push(checkFail(`the kernel refuses it: ${name(answer.message)}`));
				return stop(sentence);
			}
			hop.decision = routeText(answer);
			if (answer.table !== 'main' && answer.table !== 'local') {
				const rules = rulesFor(await facts.rules(ns, packet.family), packet, iif).filter(
					rule => rule.table === answer.table,
				);
				hop.checks.push(
					checkNote(
						`${rules[0] ? ruleText(rules[0]) : 'a policy rule'} sends it to table ${name(answer.table)}`,
					),
				);
			}
			const values = await facts.sysctls(ns, sysctlKeys(iif));

			if (answer.type === 'local') {
				hop.role = 'destination';
				hop.checks.push(checkOk(`${packet.dst} is an address of ${label(ns)}`));
				if (!back && request.toNamespace && request.toNamespace.inode !== ns.inode) {
					hop.checks.push(
						checkFail(
							`${label(ns)} holds ${packet.dst} too, so it never reaches ${label(request.toNamespace)}`,
						),
					);
					return stop(
						`${label(ns)} also holds ${packet.dst} and keeps the packet: remove the address there (d) or trace another address`,
					);
				}
				if (ruleset && iif !== null) {
					const input = filterChecks(ruleset, 'input', packet, {
						in: iif,
						out: null,
						state,
						addressType,
						mark,
					});
					hop.checks.push(...input.checks);
					if (input.drop) return stop(dropSentence(label(ns), input.drop, false));
				}
				if (!back && packet.dport !== null && packet.protocol !== 'icmp') {
					const socket = await facts.listening(ns, packet);
					if (socket.listening === false) {
						hop.checks.push(checkFail(socket.detail));
						return stop(
							`nothing in ${label(ns)} listens on ${endpointText(packet.dst, packet.dport, packet.protocol)}: start the service there, or trace the port it listens on`,
						);
					}
					hop.checks.push(socket.listening ? checkOk(socket.detail) : checkNote(socket.detail));
				}
				return {hops, sentence: null, arrived: {ns, packet: {...packet}}, outside: false};
			}
			if (answer.type !== 'unicast' || !answer.dev) {
				hop.checks.push(checkFail(`a ${answer.type} route: nstui follows unicast only`));
				return stop(
					`${label(ns)} sends ${packet.dst} by a ${answer.type} route, which nstui does not follow`,
				);
			}
			const dev = answer.dev;
			hop.out = dev;
			if (iif !== null) {
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
				const filtered = filterChecks(ruleset, iif === null ? 'output' : 'forward', packet, {
					in: iif,
					out: dev,
					state,
					addressType,
					mark,
				});
				hop.checks.push(...filtered.checks);
				if (filtered.drop) return stop(dropSentence(label(ns), filtered.drop, false));
			}

			// Leaving through the device.
			const link = await fresh(
				facts,
				ns,
				ns.interfaces.find(entry => entry.name === dev),
			);
			if (link) {
				if (link.master) {
					const master = ns.interfaces.find(entry => entry.name === link.master);
					if (master?.kind === 'vrf')
						hop.checks.push(checkNote(`${name(dev)} is in VRF ${name(master.name)}`));
				}
				if (!isUp(link)) {
					hop.checks.push(checkFail(`${name(dev)} is down`));
					return stop(`${name(dev)} in ${label(ns)} is down: press u on it there`);
				}
				if (!hasCarrier(link) && link.kind !== 'bridge') {
					const peerNs = link.peer
						? facts.snapshot.namespaces.find(entry => entry.inode === link.peer!.namespace)
						: undefined;
					hop.checks.push(checkFail(`${name(dev)} is ${stateOf(link)}`));
					if (peerNs && link.peer)
						return stop(
							`${name(dev)} in ${label(ns)} has no carrier: its peer ${name(link.peer.name)} in ${label(peerNs)} is down: press u on it there`,
						);
					return stop(
						`${name(dev)} in ${label(ns)} has no carrier: bring up what is on the other end`,
					);
				}
				hop.checks.push(
					checkOk(
						`${name(dev)} is up with carrier${link.peer ? `, peer ${name(link.peer.name)} in ${peerLabel(facts, link.peer.namespace)}` : ''}`,
					),
				);
			}

			// After routing: source NAT on the way out; on the way back, a DNAT's reply gets its source back.
			if (back) {
				for (const record of nat) {
					if (record.ns === ns.inode && record.kind === 'dnat' && record.to === packet.src) {
						hop.checks.push(
							checkNote(
								`conntrack rewrites the reply's source ${record.to} back to ${record.from}`,
							),
						);
						packet.src = record.from;
					}
				}
			} else if (ruleset) {
				const rewritten = await postrouting(
					facts,
					ns,
					ruleset,
					packet,
					{in: iif, out: dev, state, addressType, mark},
					answer,
					null,
				);
				hop.checks.push(...rewritten.checks);
				if (rewritten.record) nat.push(rewritten.record);
			}

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
					`nstui does not know where ${name(dev)} in ${label(ns)} leads: ${why}; trace again (Ctrl-R)`,
				);
			}
			if (landed.kind === 'unresolved') {
				hop.checks.push(checkFail(`the other end of ${name(dev)} is not proven`));
				// Under load a read times out: the other end may well be in a namespace nstui sees but could not read.
				const unread = facts.snapshot.namespaces.filter(entry => entry.error === readTimedOut);
				return stop(
					unread.length > 0
						? `nstui cannot follow the packet past ${name(dev)} in ${label(ns)}: the other end of that veth is not proven, and ${unread.length === 1 ? `${label(unread[0]!)} could not be read (timed out)` : `${unread.length} namespaces could not be read (timed out)`}; trace again (Ctrl-R)`
						: `nstui cannot follow the packet past ${name(dev)} in ${label(ns)}: the other end of that veth is in a namespace it cannot see`,
				);
			}
			if ('via' in landed && landed.via) {
				const bridged = await bridgeHop(facts, landed.via, packet, state, back, nat);
				hops.push(bridged.hop);
				if (bridged.sentence) return stop(bridged.sentence);
			}
			if (landed.kind === 'outside') {
				hops.push({
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
				return {hops, sentence: null, arrived: null, outside: true};
			}
			if (landed.kind === 'nobody') {
				hop.checks.push(
					checkFail(
						`nobody on the wire of ${name(dev)} holds ${target}${neighbour ? ` (neighbour ${neighbour})` : ''}`,
					),
				);
				return stop(nobodySentence(ns, dev, answer, target, landed.farEnd));
			}
			ns = landed.ns;
			iif = landed.in;
		}
		return stop(`the path is longer than ${maxHops} hops: check for a routing loop`);
	}
}
