// The real probe: pings from FROM to TO with a capture on each hop's
// interfaces meanwhile. Where the echo requests were last seen on the way
// there, and the replies on the way back, confirms (or contradicts) where the
// trace says the path breaks. Pure: which interfaces to watch, counting what
// tcpdump printed, and the verdict.
import {shown} from '../shown-text.js';
import type {Hop, Trace} from './types.js';

export type ProbePoint = {
	namespace: number;
	label: string;
	interface: string;
	direction: 'forward' | 'return';
};

/** Each hop's way in and way out, in the order the packets pass them; a place watched once. */
export function probePoints(trace: Trace): ProbePoint[] {
	const points: ProbePoint[] = [];
	const seen = new Set<string>();
	const add = (hop: Hop, name: string | null, direction: ProbePoint['direction']) => {
		if (hop.namespace === null || name === null || name === 'lo') return;
		const key = `${hop.namespace}|${name}`;
		if (seen.has(key)) return;
		seen.add(key);
		points.push({namespace: hop.namespace, label: hop.label, interface: name, direction});
	};
	for (const direction of ['forward', 'return'] as const) {
		for (const hop of trace[direction]) {
			add(hop, hop.in, direction);
			add(hop, hop.out, direction);
		}
	}
	return points;
}

export type EchoCount = {requests: number; replies: number};

/** Echo requests and replies among tcpdump's lines (IPv4 "ICMP echo request", IPv6 "ICMP6, echo request"). */
export function countEchoes(lines: readonly string[]): EchoCount {
	let requests = 0;
	let replies = 0;
	for (const line of lines) {
		if (/ICMP6?,? echo request/.test(line)) requests++;
		else if (/ICMP6?,? echo reply/.test(line)) replies++;
	}
	return {requests, replies};
}

export type ProbeResult = {
	/** ping's own verdict: did replies come back? */
	answered: boolean;
	seen: Array<ProbePoint & EchoCount & {error: string | null}>;
	/** Does the probe agree with the trace (both say it works, or both say it does not)? */
	agrees: boolean;
	lines: string[];
};

export function probeVerdict(
	trace: Trace,
	answered: boolean,
	seen: ProbeResult['seen'],
): ProbeResult {
	const agrees = answered === (trace.broken === null);
	const lines = seen.map(point => {
		const where = `${shown(point.label)} ${shown(point.interface)}`;
		if (point.error) return `? ${where}: not captured (${shown(point.error)})`;
		return `${point.requests + point.replies > 0 ? '•' : '·'} ${where}: ${point.requests} echo request${point.requests === 1 ? '' : 's'}, ${point.replies} repl${point.replies === 1 ? 'y' : 'ies'}`;
	});
	// Requests go along the forward path, replies along the return path: each is followed on its own.
	const lastRequest = [...seen]
		.reverse()
		.find(point => point.direction === 'forward' && point.requests > 0);
	const lastReply = [...seen]
		.reverse()
		.find(point => point.direction === 'return' && point.replies > 0);
	const where = (what: string, point: (typeof seen)[number] | undefined) =>
		point ? `; the ${what} were seen last at ${shown(point.label)} ${shown(point.interface)}` : '';
	lines.push(
		`${answered ? 'ping got replies' : 'ping got no reply'}${where('requests', lastRequest)}${answered ? '' : where('replies', lastReply)}: ${agrees ? 'the probe agrees with the trace' : 'the probe DISAGREES with the trace'}`,
	);
	return {answered, seen, agrees, lines};
}
