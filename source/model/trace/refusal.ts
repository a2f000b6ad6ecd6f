// Why the kernel refused a packet, in one sentence with the fix: its errno
// read together with the namespace's rules, routes, sysctls and the way back.
import type {Interface, Namespace} from '../snapshot.js';
import {shown} from '../shown-text.js';
import {
	downWithAddresses,
	forwardingOff,
	label,
	linkDownNoRoute,
	noRoute,
	routesOfType,
	typedRoute,
} from './explain.js';
import type {TraceFacts} from './facts.js';
import {ruleText, rulesFor} from './policy-rules.js';
import type {RouteAnswer} from './route-answer.js';
import {sysctlKeys, type NatRecord} from './hop-steps.js';
import type {Packet} from './types.js';

const name = (text: string) => shown(text);

export async function explainRefusal(
	facts: TraceFacts,
	ns: Namespace,
	packet: Packet,
	iif: string | null,
	answer: Extract<RouteAnswer, {kind: 'refused'}>,
	back: boolean,
	undone: NatRecord | null,
): Promise<string> {
	const values = await facts.sysctls(ns, sysctlKeys(iif));
	if (iif !== null && answer.refusal === 'unreachable') {
		const forwarding =
			packet.family === 'inet'
				? (values.get(`net/ipv4/conf/${iif}/forwarding`) ?? values.get('net/ipv4/ip_forward'))
				: values.get('net/ipv6/conf/all/forwarding');
		if (forwarding === '0') {
			// The reply came here only because this namespace masqueraded traffic between two ports of its bridge.
			if (undone?.bridged) {
				const bridge = name(undone.bridged.bridge.name);
				return `${label(ns)} masquerades traffic between ports of ${bridge} (${name(undone.rule)}), so the replies come to ${label(ns)}, which forwards no IPv4: add "! -o ${bridge}" to that rule (M)`;
			}
			return forwardingOff(ns, packet.family, iif, values);
		}
	}
	// The kernel refuses a failed reverse-path check with EXDEV, or (6.x, through its drop reasons) with EINVAL like a blackhole.
	if (
		iif !== null &&
		packet.family === 'inet' &&
		(answer.refusal === 'reverse-path' ||
			(answer.refusal === 'blackhole' && routesOfType(ns, 'blackhole', packet.dst).length === 0))
	) {
		const rp = Math.max(
			Number(values.get('net/ipv4/conf/all/rp_filter') ?? 0),
			Number(values.get(`net/ipv4/conf/${iif}/rp_filter`) ?? 0),
		);
		const way = await facts.routeGet(ns, {...packet, src: '', dst: packet.src}, null);
		const wayDev = way.kind === 'route' ? way.dev : null;
		if (
			answer.refusal === 'reverse-path' ||
			(rp === 1 && wayDev !== iif) ||
			(rp === 2 && way.kind === 'refused')
		) {
			const out = wayDev ? `leaves through ${name(wayDev)}, not ${name(iif)}` : 'does not exist';
			return `${label(ns)} drops packets from ${packet.src} that come in on ${name(iif)}: rp_filter=${rp} and its route back to ${packet.src} ${out} (an asymmetric path): route ${packet.src} back through ${name(iif)} (r), or set rp_filter=2 there`;
		}
	}
	if (answer.refusal === 'blackhole') return typedRoute(ns, 'blackhole', packet.dst, back);
	if (answer.refusal === 'prohibit') return typedRoute(ns, 'prohibit', packet.dst, back);
	if (answer.refusal === 'unreachable') {
		const rule = rulesFor(await facts.rules(ns, packet.family), packet, iif).find(
			entry => entry.certain && entry.action === 'unreachable',
		);
		if (rule)
			return `${label(ns)} refuses ${packet.dst} by ${ruleText(rule)}: delete that rule (ip rule del priority ${rule.priority})`;
		return typedRoute(ns, 'unreachable', packet.dst, back);
	}
	if (answer.refusal === 'no-route') {
		for (const rule of rulesFor(await facts.rules(ns, packet.family), packet, iif)) {
			if (!rule.certain || rule.table === null) continue;
			if (await facts.tableEmpty(ns, packet.family, rule.table)) {
				return `${label(ns)} looks up ${packet.dst} by ${ruleText(rule)}, and table ${name(rule.table)} is empty, as is every table after it for ${packet.dst}: add the route to table ${name(rule.table)} (\`ip route add ... table ${name(rule.table)}\`)`;
			}
		}
		const down = downWithAddresses(ns)[0];
		if (down) return linkDownNoRoute(ns, down, packet.dst, back);
		return noRoute(ns, facts.snapshot, packet.dst, back);
	}
	return `${label(ns)} cannot route ${packet.dst}: ${name(answer.message)}`;
}

export function nobodySentence(
	ns: Namespace,
	dev: string,
	answer: Extract<RouteAnswer, {kind: 'route'}>,
	target: string,
	farEnd: Interface | null,
): string {
	if (answer.gateway) {
		return `nobody on the wire of ${name(dev)} in ${label(ns)} holds its gateway ${answer.gateway}: fix the route (r) or the gateway's address (a)`;
	}
	const own = ns.interfaces
		.find(link => link.name === dev)
		?.addresses.find(address => address.family === (answer.dst.includes(':') ? 'inet6' : 'inet'));
	const far = farEnd?.addresses.find(
		address => address.family === own?.family && !address.address.startsWith('fe80'),
	);
	if (own && far && far.prefixlen !== own.prefixlen) {
		return `${label(ns)} sends ${target} straight out of ${name(dev)}, as its address ${own.address}/${own.prefixlen} covers it, but nobody there holds ${target}: a wrong prefix length (the other end has ${far.address}/${far.prefixlen}): fix the address (d, then a)`;
	}
	return `${label(ns)} sends ${target} straight out of ${name(dev)}, but nobody on that wire holds ${target}: route it through a gateway (r) or fix the addresses (a)`;
}
