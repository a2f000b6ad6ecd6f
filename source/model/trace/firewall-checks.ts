// The firewall at one hook of one hop, as checks: a rule or policy that drops
// the packet breaks the path; NAT rules rewrite it, and the trace follows the
// rewritten packet.
import {counted, evaluateChain, targetOf, type HookContext, type NfRule, type Ruleset} from './netfilter.js';
import {checkFail, checkNote, checkOk, type Check, type Packet} from './types.js';

export type FilterOutcome = {checks: Check[]; drop: {table: string; chain: string; what: string} | null};

const ruleShown = (rule: NfRule) => `\`${rule.text}\``;

/** The filter (and raw/mangle) tables at `chain`: does anything drop the packet? */
export function filterChecks(ruleset: Ruleset, chain: 'INPUT' | 'FORWARD' | 'OUTPUT', packet: Packet, context: HookContext): FilterOutcome {
	const checks: Check[] = [];
	for (const table of ['raw', 'mangle', 'filter']) {
		if (!ruleset.chains.some(c => c.table === table && c.chain === chain)) continue;
		const verdict = evaluateChain(ruleset, table, chain, packet, context);
		for (const rule of verdict.unsure) checks.push(checkNote(`${table} ${chain}: ${ruleShown(rule)} may apply (nstui does not judge all of its matches)${counted(rule.packets)}`));
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
		if (table === 'filter') {
			checks.push(
				checkOk(
					verdict.rule
						? `filter ${chain}: accepted by ${ruleShown(verdict.rule)}${counted(verdict.rule.packets)}`
						: `filter ${chain}: policy ${verdict.policy?.policy ?? 'ACCEPT'}, no rule drops it`,
				),
			);
		}
	}
	return {checks, drop: null};
}

/** The sentence for a drop: where, by what, and the fix. */
export function dropSentence(where: string, drop: NonNullable<FilterOutcome['drop']>, bridged: boolean): string {
	const fix = drop.what.startsWith('its policy') ? `accept it with a rule in ${drop.chain}, or set the policy to ACCEPT` : 'remove or change that rule';
	return `${where} drops ${bridged ? 'bridged traffic' : 'it'} in ${drop.table} ${drop.chain} by ${drop.what}: ${fix}`;
}

export type Rewrite = {kind: 'snat' | 'dnat'; rule: NfRule; to: string | 'masquerade'};

/** The nat table at `chain` for a packet that starts a connection: the rewrite, if any. */
export function natRewrite(ruleset: Ruleset, chain: 'PREROUTING' | 'OUTPUT' | 'POSTROUTING', packet: Packet, context: HookContext): {rewrite: Rewrite | null; checks: Check[]} {
	if (!ruleset.chains.some(c => c.table === 'nat' && c.chain === chain)) return {rewrite: null, checks: []};
	const verdict = evaluateChain(ruleset, 'nat', chain, packet, context);
	const checks = verdict.unsure.map(rule => checkNote(`nat ${chain}: ${ruleShown(rule)} may apply (nstui does not judge all of its matches)${counted(rule.packets)}`));
	if (verdict.verdict !== 'nat' || !verdict.rule) return {rewrite: null, checks};
	const target = targetOf(verdict.rule.words)!;
	if (target.name === 'MASQUERADE') return {rewrite: {kind: 'snat', rule: verdict.rule, to: 'masquerade'}, checks};
	const to = target.options['--to-source'] ?? target.options['--to-destination'] ?? '';
	// --to-destination 10.0.0.2:8080 or a range 10.0.0.2-10.0.0.9: the first address.
	const address = to.replace(/^\[([^\]]+)\].*$/, '$1').split(/[-:]/)[0] ?? '';
	if (target.name === 'REDIRECT' || address === '') {
		checks.push(checkNote(`nat ${chain}: ${ruleShown(verdict.rule)} rewrites it in a way nstui does not follow`));
		return {rewrite: null, checks};
	}
	return {rewrite: {kind: target.name === 'SNAT' ? 'snat' : 'dnat', rule: verdict.rule, to: address}, checks};
}
