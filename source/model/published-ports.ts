// Published ports: "address:port → namespace (owner) address:port", from the
// DNAT rules of a namespace's nat chains (Docker's DOCKER chain, portmap's
// CNI-HOSTPORT-DNAT / CNI-DN-*, kube-proxy's KUBE-NODEPORTS / KUBE-SERVICES,
// plain DNAT rules of iptables or nft) and from docker-proxy processes. Each
// DNAT rule is reached from a base chain through jumps; the matches on the
// way (protocol, port, address, addrtype LOCAL) say what is published.
import {nsHolds} from './trace/wire.js';
import {chainsAt, targetOf, type NfRule, type Ruleset} from './trace/netfilter.js';
import {namespaceLabel, type Namespace, type Process, type Snapshot} from './snapshot.js';

export type PortSource = 'docker' | 'portmap' | 'kube-proxy' | 'dnat' | 'docker-proxy';

export type PublishedPort = {
	/** Inode of the namespace whose rules (or docker-proxy) publish it. */
	namespace: number;
	/** The address it is published on: one address, or "*" for every local address (addrtype LOCAL, no -d). */
	address: string;
	/** null: every port (a DNAT rule with no port match). */
	port: number | null;
	protocol: 'tcp' | 'udp' | 'any';
	to: {
		address: string;
		port: number | null;
		/** The namespace that holds the address, when the snapshot has it. */
		namespace: number | null;
		label: string | null;
	};
	source: PortSource;
	/** The DNAT rule (chains on the way first), or docker-proxy's command line. */
	rule: string;
};

type Conditions = {
	protocol: string | null;
	ports: string | null;
	address: string | null;
	local: boolean;
	chains: string[];
};

const maxDepth = 16;

/** Every DNAT rule reachable from the nat chains at prerouting and output, with what leads to it. */
export function publishedByRules(inode: number, ruleset: Ruleset): PublishedPort[] {
	const found: PublishedPort[] = [];
	const seen = new Set<string>();
	const walk = (table: string, chain: string, conditions: Conditions, depth: number) => {
		if (depth > maxDepth) return;
		for (const rule of ruleset.rules) {
			if (rule.table !== table || rule.chain !== chain) continue;
			const target = targetOf(rule.words);
			if (!target) continue;
			const merged = withMatches(conditions, rule);
			if (merged === null) continue;
			if (target.name === 'DNAT') {
				const port = portOf(inode, rule, merged, target.options['--to-destination'] ?? '');
				const key = `${port?.address}|${port?.port}|${port?.protocol}|${port?.to.address}|${port?.to.port}`;
				if (port && !seen.has(key)) {
					seen.add(key);
					found.push(port);
				}
			} else if (ruleset.chains.some(c => c.table === table && c.chain === target.name && !c.base))
				walk(table, target.name, {...merged, chains: [...merged.chains, target.name]}, depth + 1);
		}
	};
	for (const hook of ['prerouting', 'output'] as const)
		for (const base of chainsAt(ruleset, hook, 'nat'))
			walk(
				base.table,
				base.chain,
				{protocol: null, ports: null, address: null, local: false, chains: [base.chain]},
				0,
			);
	return found;
}

/** The conditions with a rule's own matches added; null when the rule can never publish (a loopback-only or bridge-only match is kept). */
function withMatches(conditions: Conditions, rule: NfRule): Conditions | null {
	const next = {...conditions};
	const words = rule.words;
	for (let index = 0; index < words.length; index++) {
		const word = words[index]!;
		if (word === '-j' || word === '-g') break;
		const negated = words[index - 1] === '!';
		const value = words[index + 1] ?? '';
		if (negated) continue;
		if (word === '-p') next.protocol = value.toLowerCase();
		else if (word === '--dport' || word === '--dports' || word === '--destination-port')
			next.ports = value;
		else if (word === '-d') next.address = value.replace(/\/(32|128)$/, '');
		else if (word === '--dst-type' && value.toUpperCase().split(',').includes('LOCAL'))
			next.local = true;
	}
	return next;
}

function portOf(
	inode: number,
	rule: NfRule,
	conditions: Conditions,
	destination: string,
): PublishedPort | null {
	const bracketed = /^\[([^\]]+)\](?::(\d+))?/.exec(destination);
	const plain = /^([^:-]+)(?:-[^:]+)?(?::(\d+))?$/.exec(destination);
	const v6 = destination.split(':').length > 2 && !bracketed;
	const address = bracketed?.[1] ?? (v6 ? destination : plain?.[1]) ?? '';
	if (!address) return null;
	const toPort = bracketed?.[2] ?? (v6 ? undefined : plain?.[2]);
	const first = conditions.ports?.split(',')[0]?.split(':')[0];
	const port = first !== undefined && /^\d+$/.test(first) ? Number(first) : null;
	const protocol =
		conditions.protocol === 'tcp' || conditions.protocol === '6'
			? 'tcp'
			: conditions.protocol === 'udp' || conditions.protocol === '17'
				? 'udp'
				: 'any';
	return {
		namespace: inode,
		address: conditions.address ?? '*',
		port,
		protocol,
		to: {address, port: toPort ? Number(toPort) : port, namespace: null, label: null},
		source: sourceOf(conditions.chains),
		rule: `${conditions.chains.join(' → ')}: ${rule.text}`,
	};
}

function sourceOf(chains: string[]): PortSource {
	if (chains.some(chain => chain === 'DOCKER')) return 'docker';
	if (chains.some(chain => chain.startsWith('CNI-HOSTPORT') || chain.startsWith('CNI-DN-')))
		return 'portmap';
	if (chains.some(chain => chain.startsWith('KUBE-'))) return 'kube-proxy';
	return 'dnat';
}

/** docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port 8080 -container-ip 172.17.0.2 -container-port 80 */
export function publishedByProxy(ns: Namespace, process: Process): PublishedPort | null {
	const words = process.cmdline.split(/\s+/);
	if (!/(^|\/)docker-proxy$/.test(words[0] ?? '') && process.comm !== 'docker-proxy') return null;
	const option = (name: string) => {
		const index = words.indexOf(name);
		return index >= 0 ? (words[index + 1] ?? null) : null;
	};
	const hostPort = Number(option('-host-port'));
	const containerIp = option('-container-ip');
	if (!Number.isInteger(hostPort) || !containerIp) return null;
	const hostIp = option('-host-ip') ?? '*';
	const proto = option('-proto');
	return {
		namespace: ns.inode,
		address: hostIp === '0.0.0.0' || hostIp === '::' ? '*' : hostIp,
		port: hostPort,
		protocol: proto === 'udp' ? 'udp' : 'tcp',
		to: {
			address: containerIp,
			port: Number(option('-container-port')) || null,
			namespace: null,
			label: null,
		},
		source: 'docker-proxy',
		rule: process.cmdline,
	};
}

/** The namespace that holds each port's target address (not the publishing namespace itself, unless only it does). */
export function withOwners(snapshot: Snapshot, ports: PublishedPort[]): PublishedPort[] {
	return ports.map(port => {
		const holders = snapshot.namespaces.filter(ns => nsHolds(ns, port.to.address));
		const holder = holders.find(ns => ns.inode !== port.namespace) ?? holders[0];
		return holder
			? {...port, to: {...port.to, namespace: holder.inode, label: namespaceLabel(holder)}}
			: port;
	});
}

/** Every port a namespace publishes: its DNAT rules, and docker-proxy where no rule says the same. */
export function publishedPorts(
	snapshot: Snapshot,
	ns: Namespace,
	ruleset: Ruleset | null,
): PublishedPort[] {
	const byRules = ruleset ? publishedByRules(ns.inode, ruleset) : [];
	const byProxy = ns.processes
		.map(process => publishedByProxy(ns, process))
		.filter((port): port is PublishedPort => port !== null);
	return withOwners(snapshot, [...byRules, ...byProxy]);
}

const endpoint = (address: string, port: number | null) =>
	`${address.includes(':') ? `[${address}]` : address}${port === null ? '' : `:${port}`}`;

/** "*:8080/tcp → docker web 172.17.0.2:80 (docker)": raw text, for shown(). */
export function publishedText(port: PublishedPort): string {
	const protocol = port.protocol === 'any' ? '' : `/${port.protocol}`;
	const where = port.to.label ? `${port.to.label} ` : '';
	return `${endpoint(port.address, port.port)}${protocol} → ${where}${endpoint(port.to.address, port.to.port)} (${port.source})`;
}
