// What a namespace's box in the topology says about its NAT: the rules of the
// iptables nat table, each risky masquerade pointed out, or why they are unknown.
import {riskyMasquerades, type Firewall} from './firewall.js';
import type {Namespace} from './snapshot.js';

export type NatRuleNote = {
	/** The rule as iptables-save writes it, without `-A`: "POSTROUTING -s 10.0.0.0/24 -j MASQUERADE". */
	text: string;
	/** Why the rule is risky, or null. */
	risk: string | null;
};

export type NatNote =
	{state: 'reading'} | {state: 'unknown'; reason: string} | {state: 'read'; rules: NatRuleNote[]};

export function natNoteOf(firewall: Firewall, ns: Namespace): NatNote {
	const risks = riskyMasquerades(firewall, ns);
	const rules = firewall.rules
		.filter(rule => rule.table === 'nat')
		.map(rule => ({
			text: `${rule.chain} ${rule.spec}`,
			risk:
				risks
					.filter(risk => risk.rule === rule)
					.map(risk => risk.message)
					.join('; ') || null,
		}));
	return {state: 'read', rules};
}

/** Namespaces whose NAT the topology view reads: those with a bridge, where seed 001's rule would live. */
export function hasBridge(ns: Namespace): boolean {
	return ns.interfaces.some(link => link.kind === 'bridge');
}
