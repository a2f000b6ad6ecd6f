// iptables rules with their counters (`iptables-save -c`), and what they would
// do to one packet at one hook: drop it, accept it, or rewrite it (NAT). Rules
// with matches nstui does not read count as "may match": the trace then says
// it is not sure rather than claim a verdict.
import {parseIp, parsePrefix, prefixContains} from '../ip-prefix.js';
import {addressTypeMatches, type AddressTyper} from './address-type.js';
import type {Packet} from './types.js';

export type NfRule = {
	table: string;
	chain: string;
	words: string[];
	text: string;
	packets: number | null;
};
export type Hook = 'prerouting' | 'input' | 'forward' | 'output' | 'postrouting';

/** A chain; a base chain (hooked into the stack) has a hook, a kind and a priority, like nft's. */
export type NfChain = {
	table: string;
	chain: string;
	policy: string | null;
	packets: number | null;
	base?: {hook: Hook; kind: 'filter' | 'nat'; priority: number};
};
/** Rules of one or more tables; `source` says where they were read (iptables-save, nft). */
export type Ruleset = {rules: NfRule[]; chains: NfChain[]};

// iptables' built-in chains as nft sees them: their hooks and priorities.
const tablePriority: Record<string, number> = {
	raw: -300,
	mangle: -150,
	nat: -100,
	filter: 0,
	security: 50,
};
const hookOf: Record<string, Hook> = {
	PREROUTING: 'prerouting',
	INPUT: 'input',
	FORWARD: 'forward',
	OUTPUT: 'output',
	POSTROUTING: 'postrouting',
};

function builtinBase(table: string, chain: string): NfChain['base'] {
	const hook = hookOf[chain];
	const priority = tablePriority[table];
	if (!hook || priority === undefined) return undefined;
	const kind = table === 'nat' ? 'nat' : 'filter';
	// nat's source NAT hooks sit after filter (100), its destination NAT before (-100).
	return {
		hook,
		kind,
		priority: kind === 'nat' && (hook === 'postrouting' || hook === 'input') ? 100 : priority,
	};
}

/** The base chains at a hook, of a kind, in the order the kernel runs them. */
export function chainsAt(ruleset: Ruleset, hook: Hook, kind: 'filter' | 'nat'): NfChain[] {
	return ruleset.chains
		.filter(chain => chain.base?.hook === hook && chain.base.kind === kind)
		.sort((a, b) => a.base!.priority - b.base!.priority);
}

/** Splits a rule as iptables-save quotes it: `--comment "two words"` is one word. */
export function ruleWords(text: string): string[] {
	const words: string[] = [];
	const pattern = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
	for (const match of text.matchAll(pattern))
		words.push(match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2]!);
	return words;
}

export function parseIptablesCounters(text: string): Ruleset {
	const ruleset: Ruleset = {rules: [], chains: []};
	let table = '';
	for (const raw of text.split('\n')) {
		const line = raw.trim();
		if (line.startsWith('*')) table = line.slice(1);
		else if (line.startsWith(':')) {
			const [chain = '', policy = '-', counters = ''] = line.slice(1).split(' ');
			ruleset.chains.push({
				table,
				chain,
				policy: policy === '-' ? null : policy,
				packets: counterPackets(counters),
				base: builtinBase(table, chain),
			});
		} else {
			const counted = /^\[(\d+):(\d+)\]\s+(-A .*)$/.exec(line);
			const body = counted ? counted[3]! : line.startsWith('-A ') ? line : null;
			if (body === null) continue;
			const words = ruleWords(body).slice(1);
			const chain = words.shift() ?? '';
			ruleset.rules.push({
				table,
				chain,
				words,
				text: `-A ${chain} ${body.slice(body.indexOf(chain) + chain.length + 1)}`,
				packets: counted ? Number(counted[1]) : null,
			});
		}
	}
	return ruleset;
}

const counterPackets = (text: string) => {
	const match = /^\[(\d+):\d+\]$/.exec(text);
	return match ? Number(match[1]) : null;
};

/** Where the packet is: its interfaces at this hook and whether it starts a connection or answers one. */
export type HookContext = {
	in: string | null;
	out: string | null;
	state: 'NEW' | 'ESTABLISHED';
	/** The namespace's address types, for `-m addrtype`; without it those matches are "may match". */
	addressType?: AddressTyper;
	/**
	 * The packet's mark in this namespace (0 as it arrives: a veth into another
	 * namespace clears it), changed by MARK rules as the chains run; value null
	 * once a rule that may apply could have changed it. Without it `-m mark` is "may match".
	 */
	mark?: {value: number | null};
};

/**
 * The mark a packet has as a hop's chains start: 0 (a veth into another
 * namespace clears it), unless a MARK rule sits where the walk does not run
 * (mangle, raw, an nft filter chain at prerouting): then it cannot be told.
 */
export function startingMark(ruleset: Ruleset): number | null {
	const natOnly = (table: string) => {
		const kinds = new Set(
			ruleset.chains.filter(c => c.table === table && c.base).map(c => c.base!.kind),
		);
		return kinds.size > 0 && !kinds.has('filter');
	};
	const elsewhere = ruleset.rules.some(
		rule => targetOf(rule.words)?.name === 'MARK' && !natOnly(rule.table),
	);
	return elsewhere ? null : 0;
}

/** `0x2000/0x2000` or `16`: value and mask. */
function markPair(text: string): {value: number; mask: number} | null {
	const [value, mask] = text.split('/').map(part => Number(part));
	if (value === undefined || Number.isNaN(value)) return null;
	const wanted = mask === undefined ? 0xffffffff : mask;
	return Number.isNaN(wanted) ? null : {value: value >>> 0, mask: wanted >>> 0};
}

/** What a MARK target does to a mark (its --set-xmark, --set-mark, --or-mark, --and-mark, --xor-mark). */
export function markedBy(options: Record<string, string>, mark: number): number | null {
	const [option, text = ''] = Object.entries(options)[0] ?? [];
	const pair = markPair(text);
	if (!pair) return null;
	switch (option) {
		case '--set-xmark':
			return ((mark & ~pair.mask) ^ pair.value) >>> 0;
		case '--set-mark':
			return ((mark & ~pair.mask) | pair.value) >>> 0;
		case '--or-mark':
			return (mark | pair.value) >>> 0;
		case '--and-mark':
			return (mark & pair.value) >>> 0;
		case '--xor-mark':
			return (mark ^ pair.value) >>> 0;
		default:
			return null;
	}
}

type Match = 'yes' | 'no' | 'maybe';

const protocolNumbers: Record<string, string> = {
	'1': 'icmp',
	'6': 'tcp',
	'17': 'udp',
	'58': 'ipv6-icmp',
};

function interfaceMatches(pattern: string, name: string | null): boolean {
	if (name === null) return false;
	return pattern.endsWith('+') ? name.startsWith(pattern.slice(0, -1)) : pattern === name;
}

function addressMatches(list: string, address: string): boolean {
	const ip = parseIp(address);
	return list.split(',').some(item => {
		const prefix = parsePrefix(item);
		return prefix !== null && ip !== null && prefixContains(prefix, ip);
	});
}

function portMatches(list: string, port: number | null): Match {
	if (port === null) return 'maybe';
	return list.split(',').some(item => {
		const [low, high = low] = item.split(':').map(Number);
		return low !== undefined && high !== undefined && port >= low && port <= high;
	})
		? 'yes'
		: 'no';
}

// Options whose value nstui does not judge, but which do not decide a match either.
const harmless = new Set([
	'--comment',
	'--log-prefix',
	'--log-level',
	'--reject-with',
	'--to-destination',
	'--to-source',
	'--to-ports',
	'--set-mark',
	'--set-xmark',
	'--random',
	'--random-fully',
	'--persistent',
	'--log-uid',
	'--icmp-type',
]);
const harmlessModules = new Set([
	'comment',
	'tcp',
	'udp',
	'icmp',
	'multiport',
	'state',
	'conntrack',
	'addrtype',
	'mark',
]);

const fromMatch = (known: boolean | null): Match =>
	known === null ? 'maybe' : known ? 'yes' : 'no';

/** Whether a rule's matches select the packet; `-j`/`-g` and its options are left to the caller. */
export function ruleMatches(words: string[], packet: Packet, context: HookContext): Match {
	let result: Match = 'yes';
	let module = '';
	const combine = (match: Match) => {
		if (match === 'no') result = 'no';
		else if (match === 'maybe' && result === 'yes') result = 'maybe';
	};
	for (let index = 0; index < words.length; index++) {
		let word = words[index]!;
		let negated = false;
		if (word === '!') {
			negated = true;
			word = words[++index] ?? '';
		}
		const value = words[index + 1] ?? '';
		const decide = (match: Match) => {
			index++;
			combine(negated && match !== 'maybe' ? (match === 'yes' ? 'no' : 'yes') : match);
		};
		if (word === '-j' || word === '-g') {
			index = skipTarget(words, index);
			continue;
		}
		if (word === '-s') decide(addressMatches(value, packet.src) ? 'yes' : 'no');
		else if (word === '-d') decide(addressMatches(value, packet.dst) ? 'yes' : 'no');
		else if (word === '-i')
			decide(context.in === null ? 'no' : interfaceMatches(value, context.in) ? 'yes' : 'no');
		else if (word === '-o')
			decide(context.out === null ? 'no' : interfaceMatches(value, context.out) ? 'yes' : 'no');
		else if (word === '-p') {
			const wanted = protocolNumbers[value] ?? value.toLowerCase();
			decide(
				wanted === 'all' ||
					wanted === packet.protocol ||
					(wanted === 'ipv6-icmp' && packet.protocol === 'icmp')
					? 'yes'
					: 'no',
			);
		} else if (word === '--dport' || word === '--dports' || word === '--destination-port')
			decide(portMatches(value, packet.dport));
		else if (word === '--sport' || word === '--sports' || word === '--source-port')
			decide(portMatches(value, packet.sport));
		else if (word === '--state' || word === '--ctstate')
			decide(value.split(',').includes(context.state) ? 'yes' : 'no');
		else if (word === '--dst-type' || word === '--src-type')
			decide(
				fromMatch(
					addressTypeMatches(
						context.addressType,
						word === '--dst-type' ? packet.dst : packet.src,
						value,
					),
				),
			);
		// Which interface's addresses count as LOCAL: nstui judges the namespace's, so this is not sure.
		else if (word === '--limit-iface-in' || word === '--limit-iface-out') combine('maybe');
		else if (word === '--mark' && module === 'mark') {
			const pair = markPair(value);
			const mark = context.mark?.value;
			decide(
				pair === null || mark === null || mark === undefined
					? 'maybe'
					: (mark & pair.mask) === pair.value
						? 'yes'
						: 'no',
			);
		} else if (word === '-m') {
			module = value;
			index++;
			if (!harmlessModules.has(value)) combine('maybe');
		} else if (harmless.has(word)) index++;
		else combine('maybe'); // an option nstui does not read: its value follows, skipped as unknown words
		if ((result as Match) === 'no') return 'no';
	}
	return result;
}

/** Index of the last word belonging to the target (-j NAME and its --options). */
function skipTarget(words: string[], index: number): number {
	let last = index + 1;
	while (words[last + 1]?.startsWith('--')) last += 2;
	return last;
}

export function targetOf(
	words: string[],
): {name: string; goto: boolean; options: Record<string, string>} | null {
	const index = words.findIndex(word => word === '-j' || word === '-g');
	if (index < 0) return null;
	const options: Record<string, string> = {};
	for (let option = index + 2; option < words.length; option += 2) {
		if (words[option]?.startsWith('--')) options[words[option]!] = words[option + 1] ?? '';
	}
	return {name: words[index + 1] ?? '', goto: words[index] === '-g', options};
}

export type ChainVerdict = {
	/** What decides the packet: a rule that surely matches, the chain's policy, or nothing (it passes). */
	verdict: 'accept' | 'drop' | 'nat' | 'pass';
	rule: NfRule | null;
	/** Set when the policy decided. */
	policy: NfChain | null;
	/** Rules passed over that might have decided otherwise (matches nstui cannot judge). */
	unsure: NfRule[];
};

const builtinTerminal: Record<string, ChainVerdict['verdict']> = {
	ACCEPT: 'accept',
	DROP: 'drop',
	REJECT: 'drop',
	DNAT: 'nat',
	SNAT: 'nat',
	MASQUERADE: 'nat',
	REDIRECT: 'nat',
};

/** Follows one built-in chain of one table for the packet, into user chains, as the kernel would. */
export function evaluateChain(
	ruleset: Ruleset,
	table: string,
	chain: string,
	packet: Packet,
	context: HookContext,
): ChainVerdict {
	const unsure: NfRule[] = [];
	const walk = (
		name: string,
		depth: number,
	): Omit<ChainVerdict, 'unsure' | 'policy'> | 'return' | null => {
		if (depth > 16) return null;
		for (const rule of ruleset.rules) {
			if (rule.table !== table || rule.chain !== name) continue;
			const match = ruleMatches(rule.words, packet, context);
			if (match === 'no') continue;
			const target = targetOf(rule.words);
			if (!target) continue;
			const terminal = builtinTerminal[target.name];
			if (target.name === 'MARK' && context.mark) {
				const mark = context.mark.value;
				context.mark.value =
					match === 'yes' && mark !== null ? markedBy(target.options, mark) : null;
				continue;
			}
			if (match === 'maybe') {
				// A chain that may be jumped to may change the mark.
				if (
					context.mark &&
					ruleset.rules.some(
						inner =>
							inner.table === table &&
							inner.chain === target.name &&
							targetOf(inner.words)?.name === 'MARK',
					)
				)
					context.mark.value = null;
				if (
					terminal ||
					target.name === 'RETURN' ||
					ruleset.chains.some(c => c.table === table && c.chain === target.name)
				)
					unsure.push(rule);
				continue;
			}
			if (terminal) return {verdict: terminal, rule};
			if (target.name === 'RETURN') return 'return';
			if (ruleset.chains.some(c => c.table === table && c.chain === target.name && !c.base)) {
				const inner = walk(target.name, depth + 1);
				if (inner && inner !== 'return') return inner;
				if (target.goto) return 'return';
			}
		}
		return null;
	};
	const decided = walk(chain, 0);
	if (decided && decided !== 'return') return {...decided, policy: null, unsure};
	const builtin = ruleset.chains.find(c => c.table === table && c.chain === chain) ?? null;
	if (builtin?.policy === 'DROP') return {verdict: 'drop', rule: null, policy: builtin, unsure};
	return {verdict: 'pass', rule: null, policy: builtin, unsure};
}

export const counted = (packets: number | null) =>
	packets === null ? '' : ` (${packets} packet${packets === 1 ? '' : 's'} so far)`;
