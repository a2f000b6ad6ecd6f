// The trace itself: follows a packet from namespace to namespace by asking each
// namespace's kernel where it goes (facts.routeGet), across the wires the
// snapshot proves (wire.ts), through the firewall and NAT of each hop, and then
// the reply back. It stops at the first thing that breaks the path. The steps
// of a hop are in hop-walk.ts.
import {namespaceLabel, type Namespace} from '../snapshot.js';
import {shown} from '../shown-text.js';
import {label} from './explain.js';
import type {TraceFacts} from './facts.js';
import type {NatRecord} from './hop-steps.js';
import {
	arrive,
	askRoute,
	checkLoop,
	crossWire,
	enterHop,
	forward,
	leaveBy,
	natAfterRouting,
	natBeforeRouting,
	stop,
	type Outcome,
	type Step,
	type TraceRequest,
	type WalkState,
} from './hop-walk.js';
import {checkFail, type Packet, type Trace} from './types.js';

export type {TraceRequest} from './hop-walk.js';

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
	const state: WalkState = {
		facts,
		request,
		back: direction === 'return',
		connection: direction === 'forward' ? 'NEW' : 'ESTABLISHED',
		nat,
		hops: [],
		packet: {...initial},
		ns: start,
		iif: null,
		seen: new Set(),
	};
	try {
		for (let step = 0; step < maxHops; step++) {
			const outcome = await hop(state);
			if (outcome) return outcome;
		}
		return stop(state, `the path is longer than ${maxHops} hops: check for a routing loop`);
	} catch (error) {
		// A namespace on the way that cannot be entered (it vanished, it has no way in): say so where it happened.
		const message = error instanceof Error ? error.message : String(error);
		state.hops.at(-1)?.checks.push(checkFail(`could not ask its kernel: ${name(message)}`));
		return stop(state, `nstui could not follow the packet in ${label(state.ns)}: ${name(message)}`);
	}
}

/** One hop: in, NAT before routing, the route, then arrive here or forward, leave and cross the wire. */
async function hop(state: WalkState): Promise<Step> {
	const view = await enterHop(state);
	const undone = natBeforeRouting(state, view);
	const loop = checkLoop(state, view);
	if (loop) return loop;
	const answer = await askRoute(state, view, undone);
	if (!('kind' in answer)) return answer;
	if (answer.type === 'local') return arrive(state, view);
	if (answer.type !== 'unicast' || !answer.dev) {
		view.hop.checks.push(checkFail(`a ${answer.type} route: nstui follows unicast only`));
		return stop(
			state,
			`${label(state.ns)} sends ${state.packet.dst} by a ${answer.type} route, which nstui does not follow`,
		);
	}
	view.hop.out = answer.dev;
	const routed = {...view, answer, dev: answer.dev};
	const stopped = (await forward(state, routed)) ?? (await leaveBy(state, routed));
	if (stopped) return stopped;
	await natAfterRouting(state, routed);
	return crossWire(state, routed);
}
