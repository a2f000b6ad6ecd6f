// What nstui reads only for the selected namespace, on demand: its neighbour
// cache and its iptables rules.
import {execIn, ipIn} from '../model/commands.js';
import {parseIptablesSave, type Firewall} from '../model/firewall.js';
import {parseJsonArray} from '../model/ip-json.js';
import {publishedByRules} from '../model/published-ports.js';
import {parseIptablesCounters} from '../model/trace/netfilter.js';
import {parseNeighbours, type Neighbour} from '../model/neighbours.js';
import type {NamespaceTarget} from '../model/namespace-target.js';
import type {Reading} from '../model/reading.js';
import {findProgram, missingProgramMessage} from './programs.js';
import {run} from './run.js';

const failure = (stderr: string, fallback: string) =>
	stderr.split('\n').find(line => line.trim()) ?? fallback;

export async function readNeighbours(target: NamespaceTarget): Promise<Reading<Neighbour[]>> {
	const [file, ...args] = ipIn(target, ['-j', 'neigh', 'show']);
	const result = await run(file!, args);
	const items = parseJsonArray(result.stdout.trim() || '[]');
	if (!result.ok || !items) return {value: null, error: failure(result.stderr, 'ip neigh failed')};
	return {value: parseNeighbours(items), error: null};
}

export async function readFirewall(target: NamespaceTarget): Promise<Reading<Firewall>> {
	if (!findProgram('iptables-save'))
		return {value: null, error: missingProgramMessage('iptables-save')};
	const [file, ...args] = execIn(target, ['iptables-save']);
	const result = await run(file!, args);
	if (!result.ok) return {value: null, error: failure(result.stderr, 'iptables-save failed')};
	return {
		value: {
			...parseIptablesSave(result.stdout),
			published: publishedByRules(0, parseIptablesCounters(result.stdout)),
		},
		error: null,
	};
}
