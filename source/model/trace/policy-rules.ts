// Policy rules (`ip -j rule`), read to explain the kernel's answer: which rules
// before `main` would send this packet to another table. The route itself is
// always the kernel's (`ip route get`); this only names why.
import {parseIp, parsePrefix, prefixContains} from '../ip-prefix.js';
import type {Packet} from './types.js';

export type PolicyRule = {
	priority: number;
	/** The table it looks up, or null for a rule with an action instead (unreachable, blackhole, prohibit, goto). */
	table: string | null;
	action: string | null;
	selector: string;
	/** Conditions nstui cannot judge for a packet (fwmark, uid range, l3mdev, ...). */
	opaque: boolean;
	not: boolean;
	src: string | null;
	dst: string | null;
	iif: string | null;
	ipproto: string | null;
	dport: number | null;
};

const standard = new Set(['local', 'main', 'default']);

export function parsePolicyRules(items: unknown[]): PolicyRule[] {
	const rules: PolicyRule[] = [];
	for (const item of items) {
		if (typeof item !== 'object' || item === null) continue;
		const entry = item as Record<string, unknown>;
		const text = (key: string) => (typeof entry[key] === 'string' ? entry[key] : null);
		const prefix = (key: string, lengthKey: string) => {
			const value = text(key);
			if (value === null || value === 'all') return null;
			return typeof entry[lengthKey] === 'number' ? `${value}/${entry[lengthKey]}` : value;
		};
		const src = prefix('src', 'srclen');
		const dst = prefix('dst', 'dstlen');
		const known = new Set([
			'priority',
			'src',
			'srclen',
			'dst',
			'dstlen',
			'iif',
			'table',
			'action',
			'not',
			'ipproto',
			'dport',
			'flags',
			'protocol',
		]);
		const opaque = Object.keys(entry).some(key => !known.has(key));
		const iif = text('iif');
		const ipproto = text('ipproto');
		const dport = typeof entry.dport === 'number' ? entry.dport : null;
		const not = 'not' in entry;
		const selector = [
			not ? 'not' : null,
			`from ${src ?? 'all'}`,
			dst ? `to ${dst}` : null,
			iif ? `iif ${iif}` : null,
			ipproto ? `ipproto ${ipproto}` : null,
			dport !== null ? `dport ${dport}` : null,
		]
			.filter(Boolean)
			.join(' ');
		rules.push({
			priority: typeof entry.priority === 'number' ? entry.priority : 0,
			table: text('table'),
			action: text('action'),
			selector,
			opaque,
			not,
			src,
			dst,
			iif,
			ipproto,
			dport,
		});
	}
	return rules.sort((a, b) => a.priority - b.priority);
}

/** Does the rule select this packet? 'maybe' when it has conditions a packet alone does not tell. */
export function ruleSelects(
	rule: PolicyRule,
	packet: Packet,
	iif: string | null,
): boolean | 'maybe' {
	if (rule.opaque) return 'maybe';
	const within = (prefix: string | null, address: string) => {
		if (prefix === null) return true;
		const parsed = parsePrefix(prefix);
		const ip = parseIp(address);
		return parsed !== null && ip !== null && prefixContains(parsed, ip);
	};
	let selects =
		within(rule.src, packet.src) &&
		within(rule.dst, packet.dst) &&
		(rule.iif === null || rule.iif === (iif ?? 'lo')) &&
		(rule.ipproto === null || rule.ipproto === packet.protocol) &&
		(rule.dport === null || rule.dport === packet.dport);
	if (rule.not) selects = !selects;
	return selects;
}

/** The rules before `main` that would select the packet, lookups of other tables and actions. */
export function rulesFor(
	rules: PolicyRule[],
	packet: Packet,
	iif: string | null,
): Array<PolicyRule & {certain: boolean}> {
	return rules
		.filter(
			rule =>
				!(
					rule.table !== null &&
					standard.has(rule.table) &&
					!rule.not &&
					rule.selector === 'from all'
				),
		)
		.map(rule => ({...rule, selects: ruleSelects(rule, packet, iif)}))
		.filter(rule => rule.selects !== false)
		.map(({selects, ...rule}) => ({...rule, certain: selects === true}));
}

export function ruleText(rule: PolicyRule): string {
	return `rule ${rule.priority} (${rule.selector}) ${rule.table !== null ? `lookup ${rule.table}` : (rule.action ?? '')}`.trim();
}
