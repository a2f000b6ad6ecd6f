// The firewall at one hook of one hop, as checks: a rule or policy that drops
// the packet breaks the path; NAT rules rewrite it, and the trace follows the
// rewritten packet.
import {
	chainsAt,
	counted,
	evaluateChain,
	targetOf,
	type Hook,
	type HookContext,
	type NfRule,
	type Ruleset,
} from './netfilter.js';
import {checkFail, checkNote, checkOk, type Check, type Packet} from './types.js';

export type FilterOutcome = {
	checks: Check[];
	drop: {table: string; chain: string; what: string} | null;
};

const ruleShown = (rule: NfRule) => `\`${rule.text}\``;

/** Every filtering base chain at the hook (iptables' raw, mangle, filter; nft's own): does one drop the packet? */
export function filterChecks(
	ruleset: Ruleset,
	hook: Hook,
	packet: Packet,
	context: HookContext,
): FilterOutcome {
	const checks: Check[] = [];
	for (const base of chainsAt(ruleset, hook, 'filter')) {
		const {table, chain} = base;
		const verdict = evaluateChain(ruleset, table, chain, packet, context);
		for (const rule of verdict.unsure)
			checks.push(
				checkNote(
					`${table} ${chain}: ${ruleShown(rule)} may apply (nstui does not judge all of its matches)${counted(rule.packets)}`,
				),
			);
		if (verdict.verdict === 'drop') {
			const what = verdict.rule
				? `${ruleShown(verdict.rule)}${counted(verdict.rule.packets)}`
				: `its policy DROP, no rule accepting it${counted(verdict.policy?.packets ?? null)}`;
			const text = `${table} ${chain} drops it: ${what}`;
			if (verdict.unsure.length > 0) {
				checks.push(checkNote(`${text}, unless a rule above matches`));
				continue;
			}
			checks.push(checkFail(text));
			return {checks, drop: {table, chain, what}};
		}
		// Chains that say nothing about this packet are left out, but the one that decides is named.
		if (verdict.rule)
			checks.push(
				checkOk(
					`${table} ${chain}: accepted by ${ruleShown(verdict.rule)}${counted(verdict.rule.packets)}`,
				),
			);
		else if (
			ruleset.rules.some(rule => rule.table === table && rule.chain === chain) ||
			base.policy !== 'ACCEPT'
		) {
			checks.push(
				checkOk(`${table} ${chain}: policy ${base.policy ?? 'ACCEPT'}, no rule drops it`),
			);
		}
	}
	return {checks, drop: null};
}

/** The sentence for a drop: where, by what, and the fix. */
export function dropSentence(
	where: string,
	drop: NonNullable<FilterOutcome['drop']>,
	bridged: boolean,
): string {
	const fix = drop.what.startsWith('its policy')
		? `accept it with a rule in ${drop.chain}, or set the policy to ACCEPT`
		: 'remove or change that rule';
	return `${where} drops ${bridged ? 'bridged traffic' : 'it'} in ${drop.table} ${drop.chain} by ${drop.what}: ${fix}`;
}

export type Rewrite = {
	kind: 'snat' | 'dnat';
	rule: NfRule;
	to: string | 'masquerade';
	port: number | null;
};

/** The nat table at `chain` for a packet that starts a connection: the rewrite, if any. */
export function natRewrite(
	ruleset: Ruleset,
	hook: 'prerouting' | 'output' | 'postrouting',
	packet: Packet,
	context: HookContext,
): {rewrite: Rewrite | null; checks: Check[]} {
	const checks: Check[] = [];
	for (const base of chainsAt(ruleset, hook, 'nat')) {
		const found = natIn(ruleset, base.table, base.chain, packet, context);
		checks.push(...found.checks);
		if (found.rewrite) return {rewrite: found.rewrite, checks};
	}
	return {rewrite: null, checks};
}

function natIn(
	ruleset: Ruleset,
	table: string,
	chain: string,
	packet: Packet,
	context: HookContext,
): {rewrite: Rewrite | null; checks: Check[]} {
	const verdict = evaluateChain(ruleset, table, chain, packet, context);
	const checks = verdict.unsure.map(rule =>
		checkNote(
			`${table} ${chain}: ${ruleShown(rule)} may apply (nstui does not judge all of its matches)${counted(rule.packets)}`,
		),
	);
	if (verdict.verdict !== 'nat' || !verdict.rule) return {rewrite: null, checks};
	const target = targetOf(verdict.rule.words)!;
	if (target.name === 'MASQUERADE')
		return {rewrite: {kind: 'snat', rule: verdict.rule, to: 'masquerade', port: null}, checks};
	const to = target.options['--to-source'] ?? target.options['--to-destination'] ?? '';
	// --to-destination 10.0.0.2:8080 or a range 10.0.0.2-10.0.0.9: the first address.
	const bracketed = /^\[([^\]]+)\](?::(\d+))?/.exec(to);
	const plain = /^([^:-]+)(?:-[^:]+)?(?::(\d+))?/.exec(to);
	const address = bracketed?.[1] ?? (to.split(':').length > 2 ? to : plain?.[1]) ?? '';
	const portText = bracketed ? bracketed[2] : to.split(':').length === 2 ? plain?.[2] : undefined;
	if (target.name === 'REDIRECT' || address === '') {
		checks.push(
			checkNote(
				`${table} ${chain}: ${ruleShown(verdict.rule)} rewrites it in a way nstui does not follow`,
			),
		);
		return {rewrite: null, checks};
	}
	return {
		rewrite: {
			kind: target.name === 'SNAT' ? 'snat' : 'dnat',
			rule: verdict.rule,
			to: address,
			port: portText ? Number(portText) : null,
		},
		checks,
	};
}
