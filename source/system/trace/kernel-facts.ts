// The trace's questions answered by each namespace's kernel: `ip route get`,
// `ip rule`, sysctl, `ip neigh`, `iptables-save -c`, run inside the namespace
// as argument arrays. Answers that cannot change during one trace are kept.
import {execIn, ipIn} from '../../model/commands.js';
import {parseJsonArray} from '../../model/ip-json.js';
import type {NamespaceTarget} from '../../model/namespace-target.js';
import {parseNeighbours} from '../../model/neighbours.js';
import type {Namespace, Snapshot} from '../../model/snapshot.js';
import type {TraceFacts} from '../../model/trace/facts.js';
import type {Ruleset} from '../../model/trace/netfilter.js';
import {parsePolicyRules, type PolicyRule} from '../../model/trace/policy-rules.js';
import {parseRouteAnswer} from '../../model/trace/route-answer.js';
import type {Packet} from '../../model/trace/types.js';
import {listenerFor} from '../../model/trace/listener.js';
import {readRuleset} from './firewall-reading.js';
import {targetFor} from '../actions/targets.js';
import {readSockets} from '../sockets.js';
import {run} from '../run.js';

/** Whether something listens for the packet, from the namespace's sockets (sockets.ts). */
async function listeningBySockets(ns: Namespace, packet: Packet) {
	const reading = await readSockets(ns);
	if (reading.error)
		return {listening: null, detail: `the sockets could not be read: ${reading.error}`};
	return listenerFor(reading.sockets, packet);
}

const familyFlag = (family: Packet['family']) => (family === 'inet' ? '-4' : '-6');

/** How sysctl prints a key given as a slash path: dots between parts, a dot inside a part (eth0.100) as a slash. */
export const sysctlPrinted = (key: string) =>
	key
		.split('/')
		.map(part => part.replaceAll('.', '/'))
		.join('.');

export function parseSysctlLines(text: string, keys: string[]): Map<string, string> {
	const printed = new Map(keys.map(key => [sysctlPrinted(key), key]));
	const values = new Map<string, string>();
	for (const line of text.split('\n')) {
		const at = line.indexOf(' = ');
		if (at < 0) continue;
		const key = printed.get(line.slice(0, at));
		if (key) values.set(key, line.slice(at + 3).trim());
	}
	return values;
}

export class KernelFacts implements TraceFacts {
	private readonly firewalls = new Map<
		string,
		Promise<{ruleset: Ruleset | null; error: string | null; source: string}>
	>();
	private readonly ruleLists = new Map<string, Promise<PolicyRule[]>>();
	private readonly sysctlReadings = new Map<string, Promise<Map<string, string>>>();

	constructor(
		readonly snapshot: Snapshot,
		private readonly listen: TraceFacts['listening'] = listeningBySockets,
	) {}

	private target(ns: Namespace): NamespaceTarget {
		const target = targetFor(ns);
		if (!target) throw new Error(`nstui cannot enter net:[${ns.inode}]`);
		return target;
	}

	private async ip(ns: Namespace, args: string[]) {
		const [file, ...rest] = ipIn(this.target(ns), args);
		return run(file!, rest);
	}

	async routeGet(
		ns: Namespace,
		packet: Pick<Packet, 'family' | 'src' | 'dst' | 'protocol' | 'dport'>,
		iif: string | null,
	) {
		const args = ['-j', familyFlag(packet.family), 'route', 'get', packet.dst];
		if (packet.src) args.push('from', packet.src);
		if (iif !== null) args.push('iif', iif);
		if (packet.dport !== null && packet.protocol !== 'icmp')
			args.push('ipproto', packet.protocol, 'dport', String(packet.dport));
		const result = await this.ip(ns, args);
		return parseRouteAnswer(result.ok ? result.stdout : '', result.stderr);
	}

	async link(ns: Namespace, name: string) {
		const result = await this.ip(ns, ['-j', 'link', 'show', 'dev', name]);
		const entry = parseJsonArray(result.stdout.trim() || '[]')?.[0] as
			{flags?: unknown; operstate?: unknown} | undefined;
		if (!result.ok || !entry) return null;
		const flags = Array.isArray(entry.flags)
			? entry.flags.filter((flag): flag is string => typeof flag === 'string')
			: [];
		return {flags, state: typeof entry.operstate === 'string' ? entry.operstate : 'UNKNOWN'};
	}

	rules(ns: Namespace, family: Packet['family']): Promise<PolicyRule[]> {
		const key = `${ns.inode}${family}`;
		let rules = this.ruleLists.get(key);
		if (!rules) {
			rules = this.ip(ns, ['-j', familyFlag(family), 'rule', 'show']).then(result =>
				parsePolicyRules(parseJsonArray(result.stdout.trim() || '[]') ?? []),
			);
			this.ruleLists.set(key, rules);
		}
		return rules;
	}

	async tableEmpty(ns: Namespace, family: Packet['family'], table: string): Promise<boolean> {
		const result = await this.ip(ns, ['-j', familyFlag(family), 'route', 'show', 'table', table]);
		// A table no route was ever added to does not exist, which is as empty as a table gets.
		if (!result.ok) return /table does not exist/i.test(result.stderr);
		return (parseJsonArray(result.stdout.trim() || '[]')?.length ?? 0) === 0;
	}

	sysctls(ns: Namespace, keys: string[]): Promise<Map<string, string>> {
		const key = `${ns.inode} ${keys.join(' ')}`;
		let values = this.sysctlReadings.get(key);
		if (!values) {
			values = this.readSysctls(ns, keys);
			this.sysctlReadings.set(key, values);
		}
		return values;
	}

	private async readSysctls(ns: Namespace, keys: string[]): Promise<Map<string, string>> {
		// sysctl takes an argument with "=" for a write: an interface may be named "x=1", so such a key is never passed.
		const readable = keys.filter(key => !key.includes('=') && !key.startsWith('-'));
		if (readable.length === 0) return new Map();
		// -e: a key that does not exist (no bridge module, an interface gone) is left out, not an error.
		const [file, ...args] = execIn(this.target(ns), ['sysctl', '-e', ...readable]);
		const result = await run(file!, args);
		return parseSysctlLines(result.stdout, readable);
	}

	async neighbour(ns: Namespace, address: string, dev: string): Promise<string | null> {
		const result = await this.ip(ns, ['-j', 'neigh', 'show', 'to', address, 'dev', dev]);
		const entry = parseNeighbours(parseJsonArray(result.stdout.trim() || '[]') ?? [])[0];
		return entry ? entry.state : null;
	}

	firewall(ns: Namespace, family: Packet['family']) {
		const key = `${ns.inode}${family}`;
		let reading = this.firewalls.get(key);
		if (!reading) {
			reading = readRuleset(this.target(ns), family);
			this.firewalls.set(key, reading);
		}
		return reading;
	}

	listening(ns: Namespace, packet: Packet) {
		return this.listen(ns, packet);
	}
}
