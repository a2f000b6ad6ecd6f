// nftables' own rules (`nft -j list ruleset`) as the trace's Ruleset. Tables
// that iptables-nft made are left to iptables-save, which says more about them
// (nft shows their conntrack matches and NAT targets as opaque `xt` blobs).
// Each rule becomes iptables-like words for the one evaluator; expressions
// nstui does not read become a word that makes the rule "may match".
import type {Hook, NfChain, NfRule, Ruleset} from './netfilter.js';

type Json = Record<string, unknown>;

export const iptablesTables = new Set(['filter', 'nat', 'mangle', 'raw', 'security']);

/** The families whose rules apply to a packet of this IP family (bridge, arp, netdev chains are not followed). */
export const familiesFor = (family: 'inet' | 'inet6') =>
	family === 'inet' ? ['ip', 'inet'] : ['ip6', 'inet'];

const hooks = new Set<Hook>(['prerouting', 'input', 'forward', 'output', 'postrouting']);
const unknown = ['--nft-expression', '?'];

/**
 * The ruleset for one IP family. `skip(family, table)` leaves out tables read
 * elsewhere (iptables-nft's, through iptables-save).
 */
export function parseNftRuleset(
	text: string,
	family: 'inet' | 'inet6',
	skip: (family: string, table: string) => boolean,
): Ruleset {
	let items: unknown[];
	try {
		const parsed = JSON.parse(text) as {nftables?: unknown[]};
		items = Array.isArray(parsed.nftables) ? parsed.nftables : [];
	} catch {
		return {rules: [], chains: []};
	}
	const wanted = familiesFor(family);
	const ruleset: Ruleset = {rules: [], chains: []};
	const keep = (entry: Json) =>
		typeof entry.family === 'string' &&
		wanted.includes(entry.family) &&
		typeof entry.table === 'string' &&
		!skip(entry.family, entry.table);
	const tableKey = (entry: Json) => `${entry.family as string} ${entry.table as string}`;
	for (const item of items) {
		if (typeof item !== 'object' || item === null) continue;
		const chain = (item as Json).chain as Json | undefined;
		const rule = (item as Json).rule as Json | undefined;
		if (chain && keep(chain)) {
			const entry: NfChain = {
				table: tableKey(chain),
				chain: String(chain.name),
				policy: null,
				packets: null,
			};
			if (
				typeof chain.hook === 'string' &&
				hooks.has(chain.hook as Hook) &&
				(chain.type === 'filter' || chain.type === 'nat')
			) {
				entry.policy = typeof chain.policy === 'string' ? chain.policy.toUpperCase() : 'ACCEPT';
				entry.base = {
					hook: chain.hook as Hook,
					kind: chain.type,
					priority: typeof chain.prio === 'number' ? chain.prio : 0,
				};
			}
			ruleset.chains.push(entry);
		} else if (rule && keep(rule) && Array.isArray(rule.expr)) {
			ruleset.rules.push(ruleFrom(tableKey(rule), String(rule.chain), rule.expr));
		}
	}
	return ruleset;
}

function ruleFrom(table: string, chain: string, expressions: unknown[]): NfRule {
	const words: string[] = [];
	const text: string[] = [];
	let packets: number | null = null;
	for (const expression of expressions) {
		if (typeof expression !== 'object' || expression === null) continue;
		const [kind, value] = Object.entries(expression as Json)[0] ?? [];
		if (kind === 'counter') {
			const counter = value as Json;
			packets = typeof counter.packets === 'number' ? counter.packets : null;
			text.push('counter');
			continue;
		}
		const converted =
			kind === 'match' ? matchWords(value as Json) : verdictWords(kind ?? '', value);
		words.push(...(converted?.words ?? unknown));
		text.push(converted?.text ?? `${kind ?? '?'} …`);
	}
	return {table, chain, words, text: text.join(' '), packets};
}

function rightText(right: unknown): string | null {
	if (typeof right === 'string' || typeof right === 'number') return String(right);
	if (typeof right !== 'object' || right === null) return null;
	const entry = right as Json;
	if (entry.prefix && typeof entry.prefix === 'object') {
		const prefix = entry.prefix as Json;
		return `${String(prefix.addr)}/${String(prefix.len)}`;
	}
	if (Array.isArray(entry.range) && entry.range.length === 2)
		return `${String(entry.range[0])}:${String(entry.range[1])}`;
	if (Array.isArray(entry.set)) {
		const members = entry.set.map(rightText);
		return members.every(member => member !== null) ? members.join(',') : null;
	}
	return null;
}

function matchWords(match: Json): {words: string[]; text: string} | null {
	const left = match.left as Json | undefined;
	const op = match.op;
	let value = Array.isArray(match.right)
		? match.right.map(String).join(',')
		: rightText(match.right);
	if (!left || value === null || (op !== '==' && op !== '!=' && op !== 'in')) return null;
	const not = op === '!=' ? ['!'] : [];
	const payload = left.payload as Json | undefined;
	const meta = left.meta as Json | undefined;
	const ct = left.ct as Json | undefined;
	const fib = left.fib as Json | undefined;
	let words: string[] | null = null;
	let what = '';
	const masked = markMask(left);
	if (masked !== null && /^\d+$/.test(value)) {
		words = ['-m', 'mark', ...not, '--mark', `${value}/${masked}`];
		what = masked === 0xffffffff ? 'meta mark' : `meta mark & 0x${masked.toString(16)}`;
		value = `0x${Number(value).toString(16)}`;
	} else if (
		payload &&
		(payload.protocol === 'ip' || payload.protocol === 'ip6') &&
		(payload.field === 'saddr' || payload.field === 'daddr')
	) {
		words = [...not, payload.field === 'saddr' ? '-s' : '-d', value];
		what = `${payload.protocol} ${payload.field}`;
	} else if (
		payload &&
		(payload.protocol === 'tcp' || payload.protocol === 'udp') &&
		(payload.field === 'dport' || payload.field === 'sport')
	) {
		words = [
			'-p',
			payload.protocol,
			...not,
			payload.field === 'dport' ? '--dport' : '--sport',
			value,
		];
		what = `${payload.protocol} ${payload.field}`;
	} else if (payload && payload.protocol === 'ip' && payload.field === 'protocol') {
		words = [...not, '-p', value];
		what = 'ip protocol';
	} else if (
		meta &&
		(meta.key === 'iifname' || meta.key === 'oifname' || meta.key === 'iif' || meta.key === 'oif')
	) {
		words = [...not, String(meta.key).startsWith('i') ? '-i' : '-o', value.replace(/\*$/, '+')];
		what = `meta ${String(meta.key)}`;
	} else if (meta && meta.key === 'l4proto') {
		words = [...not, '-p', value];
		what = 'meta l4proto';
	} else if (fib && fib.result === 'type' && Array.isArray(fib.flags)) {
		// `fib daddr type local`: iptables' addrtype; `. iif`/`. oif` limits it to one interface's addresses.
		const flags = fib.flags.map(String);
		const side = flags.includes('daddr')
			? '--dst-type'
			: flags.includes('saddr')
				? '--src-type'
				: null;
		if (side) {
			const limited = flags.some(flag => flag === 'iif' || flag === 'oif');
			words = [
				'-m',
				'addrtype',
				...not,
				side,
				value.toUpperCase(),
				...(limited ? ['--limit-iface-in'] : []),
			];
			what = `fib ${flags.join(' . ')} type`;
		}
	} else if (ct && ct.key === 'state') {
		value = value.toUpperCase();
		words = op === '!=' ? null : ['--ctstate', value];
		what = 'ct state';
	}
	return words
		? {
				words,
				text: `${what} ${op === '==' || op === 'in' ? '' : '!= '}${value}`.replace(/\s+/g, ' '),
			}
		: null;
}

const isMark = (entry: unknown) =>
	typeof entry === 'object' &&
	entry !== null &&
	((entry as Json).meta as Json | undefined)?.key === 'mark';

/** `meta mark` (the whole mark) or `meta mark & MASK`: the mask; null for anything else. */
function markMask(left: Json): number | null {
	if (isMark(left)) return 0xffffffff;
	const and = left['&'];
	if (Array.isArray(and) && and.length === 2 && isMark(and[0]) && typeof and[1] === 'number')
		return and[1];
	return null;
}

/** `meta mark set N` or `meta mark set mark or N`, as iptables' MARK target. */
function markWords(entry: Json): {words: string[]; text: string} | null {
	if (!isMark(entry.key)) return null;
	const value = entry.value;
	if (typeof value === 'number')
		return {
			words: ['-j', 'MARK', '--set-mark', String(value)],
			text: `meta mark set 0x${value.toString(16)}`,
		};
	const or = typeof value === 'object' && value !== null ? (value as Json)['|'] : undefined;
	if (Array.isArray(or) && or.length === 2 && isMark(or[0]) && typeof or[1] === 'number')
		return {
			words: ['-j', 'MARK', '--or-mark', String(or[1])],
			text: `meta mark set mark or 0x${or[1].toString(16)}`,
		};
	return {words: ['-j', 'MARK', '--unknown', '?'], text: 'meta mark set …'};
}

function verdictWords(kind: string, value: unknown): {words: string[]; text: string} | null {
	const entry = (typeof value === 'object' && value !== null ? value : {}) as Json;
	switch (kind) {
		case 'accept':
		case 'drop':
		case 'reject':
		case 'return':
			return {words: ['-j', kind.toUpperCase()], text: kind};
		case 'jump':
		case 'goto':
			return {
				words: [kind === 'jump' ? '-j' : '-g', String(entry.target)],
				text: `${kind} ${String(entry.target)}`,
			};
		case 'masquerade':
			return {words: ['-j', 'MASQUERADE'], text: 'masquerade'};
		case 'snat':
		case 'dnat': {
			const address = typeof entry.addr === 'string' ? entry.addr : null;
			if (!address) return null;
			const port = typeof entry.port === 'number' ? `:${entry.port}` : '';
			return {
				words: [
					'-j',
					kind.toUpperCase(),
					kind === 'snat' ? '--to-source' : '--to-destination',
					`${address}${port}`,
				],
				text: `${kind} to ${address}${port}`,
			};
		}
		case 'log':
			return {words: [], text: 'log'};
		case 'mangle':
			return markWords(entry);
		default:
			return null;
	}
}
