// Reads one namespace with a single `ip` process in batch mode: each line of
// the batch is one question, each line of the answer one JSON array.
import type {Forwarding, Route} from '../model/snapshot.js';
import {parseForwarding, parseJsonLines, parseLinks, parseNsids, parseRoutes, type NsidEntry, type RawLink} from '../model/ip-json.js';
import {run, type RunResult} from './run.js';

/** How to get into a namespace: by its name in /run/netns, by a path to its nsfs file, or the one nstui runs in. */
export type NamespaceTarget = {name: string} | {path: string} | 'current';

export type NamespaceReading = {
	links: RawLink[];
	routes: Route[];
	forwarding: Forwarding;
	nsids: NsidEntry[];
	error: string | null;
	/** The program that was not found on PATH (ip or nsenter), if that is why it failed. */
	missing: string | null;
};

// Order matters: ip stops at the first failing line, so the most needed come first.
const batch = [
	'addr show',
	'route show table all root 0.0.0.0/0',
	'route show table all root ::/0',
	'netconf show',
	'netns list-id',
].join('\n');

export function ipCommand(target: NamespaceTarget, ipArgs: string[]): [string, string[]] {
	if (target === 'current') return ['ip', ipArgs];
	if ('name' in target) return ['ip', ['-n', target.name, ...ipArgs]];
	return ['nsenter', [`--net=${target.path}`, 'ip', ...ipArgs]];
}

export async function readNamespace(target: NamespaceTarget, timeoutMs?: number): Promise<NamespaceReading> {
	const [file, args] = ipCommand(target, ['-d', '-j', '-b', '-']);
	const result = await run(file, args, {input: `${batch}\n`, timeoutMs});
	return interpretReading(result);
}

export function interpretReading(result: RunResult): NamespaceReading {
	const [addrs, routes4, routes6, netconf, listId] = parseJsonLines(result.stdout);
	const complete = listId !== undefined;
	return {
		links: parseLinks(addrs ?? []),
		routes: [...parseRoutes(routes4 ?? [], 'inet'), ...parseRoutes(routes6 ?? [], 'inet6')],
		forwarding: parseForwarding(netconf ?? []),
		nsids: parseNsids(listId ?? []),
		error: complete && result.ok ? null : describeFailure(result),
		missing: result.missing ? result.command[0]! : null,
	};
}

function describeFailure(result: RunResult): string {
	if (result.timedOut) return `${result.command[0]} timed out`;
	const message = result.stderr.split('\n').find(line => line.trim() !== '') ?? '';
	return message || `${result.command[0]} exited with ${result.exitCode ?? 'a signal'}`;
}
