// The iptables rules of a namespace, from `iptables-save`, and the masquerade
// rules that would break traffic between the ports of a bridge.
import type {PublishedPort} from './published-ports.js';
import type {Namespace} from './snapshot.js';
import {parseIp, parsePrefix, prefixContains} from './ip-prefix.js';

export type FirewallRule = {table: string; chain: string; spec: string};

export type Firewall = {
	/** `-P` policies and `-A` rules of every table, in iptables-save's order. */
	rules: FirewallRule[];
	policies: Array<{table: string; chain: string; policy: string}>;
	/** The ports its DNAT rules publish (model/published-ports.ts), where the reader worked them out. */
	published?: PublishedPort[];
};

export function parseIptablesSave(text: string): Firewall {
	const firewall: Firewall = {rules: [], policies: []};
	let table = '';
	for (const line of text.split('\n')) {
		if (line.startsWith('*')) table = line.slice(1).trim();
		else if (line.startsWith(':')) {
			const [chain, policy] = line.slice(1).split(' ');
			if (chain && policy && policy !== '-') firewall.policies.push({table, chain, policy});
		} else if (line.startsWith('-A ')) {
			const [, chain = '', ...rest] = line.split(' ');
			firewall.rules.push({table, chain, spec: rest.join(' ')});
		}
	}
	return firewall;
}

/** The value after `option` in a rule spec, and whether it was negated with `!`. */
function option(spec: string, name: string): {value: string; negated: boolean} | null {
	const words = spec.split(' ');
	const index = words.indexOf(name);
	if (index < 0 || index + 1 >= words.length) return null;
	return {value: words[index + 1]!, negated: words[index - 1] === '!'};
}

export type MasqueradeWarning = {rule: FirewallRule; bridge: string; message: string};

/**
 * A MASQUERADE rule whose source prefix is a bridge's own subnet, and that does
 * not exclude that bridge as the way out (`! -o BRIDGE`), also rewrites traffic
 * between two ports of the bridge when br_netfilter is loaded, and breaks it.
 */
export function riskyMasquerades(firewall: Firewall, ns: Namespace): MasqueradeWarning[] {
	const bridges = ns.interfaces.filter(link => link.kind === 'bridge');
	const warnings: MasqueradeWarning[] = [];
	for (const rule of firewall.rules) {
		if (rule.table !== 'nat' || rule.chain !== 'POSTROUTING' || !/-j MASQUERADE\b/.test(rule.spec))
			continue;
		const source = option(rule.spec, '-s');
		const out = option(rule.spec, '-o');
		const prefix = source && !source.negated ? parsePrefix(source.value) : null;
		for (const bridge of bridges) {
			const onBridge = bridge.addresses.some(address => {
				const ip = parseIp(address.address);
				return prefix !== null && ip !== null && prefixContains(prefix, ip);
			});
			const excluded = out?.negated && out.value === bridge.name;
			const onlyOther = out && !out.negated && out.value !== bridge.name;
			if (!onBridge || excluded || onlyOther) continue;
			warnings.push({
				rule,
				bridge: bridge.name,
				message: `masquerades traffic between ports of ${bridge.name} too (add "! -o ${bridge.name}")`,
			});
		}
	}
	return warnings;
}
