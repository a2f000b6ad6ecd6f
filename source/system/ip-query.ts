// Reads one namespace with a single `ip` process in batch mode: each line of
// the batch is one question, each line of the answer one JSON array.
import {readTimedOut, type Forwarding, type Route} from '../model/snapshot.js';
import {ipIn} from '../model/commands.js';
import type {NamespaceTarget} from '../model/namespace-target.js';
import {
	parseForwarding,
	parseJsonLines,
	parseLinks,
	parseNsids,
	parseRoutes,
	type NsidEntry,
	type RawLink,
} from '../model/ip-json.js';
import {closeSync, openSync, writeFileSync} from 'node:fs';
import {newFileFlags} from './safe-file.js';
import {scratchPath} from './scratch.js';
import {defaultTimeoutMs, mapLimit, run, startedCount, type RunResult} from './run.js';

export type NamespaceReading = {
	links: RawLink[];
	routes: Route[];
	forwarding: Forwarding;
	nsids: NsidEntry[];
	error: string | null;
	/** The program that was not found on PATH (ip or nsenter), if that is why it failed. */
	missing: string | null;
	/** The last good reading, kept because reading it again timed out (it is tried again, with backoff). */
	stale?: boolean;
	/** The inode of the namespace the reader opened, when it says (the perl reader does). */
	opened?: number;
};

// Order matters: ip stops at the first failing line, so the most needed come first.
// `netns list-id` is left out here: it opens every entry of /run/netns, so asked
// in every namespace it costs O(N²); discovery asks it only where it is needed.
export const batch = [
	'addr show',
	'route show table all root 0.0.0.0/0',
	'route show table all root ::/0',
	'netconf show',
];

/** The host's reading also lists the nsids it has given to the others. */
export const batchLines = (withNsids: boolean): readonly string[] =>
	withNsids ? [...batch, 'netns list-id'] : batch;

export async function readNamespace(
	target: NamespaceTarget,
	{timeoutMs, withNsids = false}: {timeoutMs?: number; withNsids?: boolean} = {},
): Promise<NamespaceReading> {
	const [file, ...args] = ipIn(target, ['-d', '-j', '-b', '-']);
	const lines = batchLines(withNsids);
	const result = await run(file!, args, {input: `${lines.join('\n')}\n`, timeoutMs});
	return interpretReading(result, lines.length);
}

/** The nsids a namespace has given to others, with names where /run/netns has them. */
export async function readNsids(target: NamespaceTarget, timeoutMs?: number): Promise<NsidEntry[]> {
	const [file, ...args] = ipIn(target, ['-j', 'netns', 'list-id']);
	const result = await run(file!, args, {timeoutMs});
	return parseNsids(parseJsonLines(result.stdout)[0] ?? []);
}

/**
 * Reads many namespaces, given the paths of their nsfs files, with one xargs
 * that runs `nsenter --net=PATH ip -d -j -b FILE` for each: small forks instead
 * of node spawning one process each, and nsenter only enters the network
 * namespace (`ip -n` and `ip netns exec` also copy the whole mount table, which
 * holds every /run/netns mount, so they cost O(N) each on a host with N).
 * Each namespace answers with exactly one line per batch line, or fewer when it
 * fails; so when the count is whole every answer is where it belongs, and when
 * it is not (a namespace vanished, ip failed) the chunk is read one by one.
 */
export async function readWithNsenter(
	paths: string[],
	timeoutMs = defaultTimeoutMs,
	nice?: number,
): Promise<NamespaceReading[]> {
	if (paths.length === 0) return [];
	const result = await run(
		'xargs',
		['-0', '-I{}', 'nsenter', '{}', 'ip', '-d', '-j', '-b', innerBatchFile()],
		{
			input: `${paths.map(path => `--net=${path}`).join('\0')}\0`,
			timeoutMs: timeoutMs + 20 * paths.length,
			stdoutToFile: true,
			nice,
		},
	);
	if (result.missing) return paths.map(() => interpretReading(result, batch.length));
	startedCount.processes += paths.length; // xargs forked an nsenter (which became ip) for each
	const answers = parseJsonLines(result.stdout);
	if (answers.length === paths.length * batch.length) {
		return paths.map((_, index) =>
			interpretAnswers(
				answers.slice(index * batch.length, (index + 1) * batch.length),
				{...result, ok: true},
				batch.length,
			),
		);
	}
	// After a timeout, asking again one by one could take as long again for each.
	if (result.timedOut) return paths.map(() => interpretAnswers([], result, batch.length));
	return mapLimit(paths, 4, path => readNamespace({path}, {timeoutMs}));
}

const batchFiles = new Map<boolean, string>();
/** The batch in a file, for readers that give ip's stdin to something else. */
export function innerBatchFile(withNsids = false): string {
	let file = batchFiles.get(withNsids);
	if (!file) {
		file = scratchPath('read-namespace.batch');
		const fd = openSync(file, newFileFlags.write, 0o600);
		try {
			writeFileSync(fd, `${batchLines(withNsids).join('\n')}\n`);
		} finally {
			closeSync(fd);
		}
		batchFiles.set(withNsids, file);
	}
	return file;
}

export function interpretReading(result: RunResult, expected: number): NamespaceReading {
	return interpretAnswers(parseJsonLines(result.stdout), result, expected);
}

export function interpretAnswers(
	answers: unknown[][],
	result: RunResult,
	expected: number,
): NamespaceReading {
	const [addrs, routes4, routes6, netconf, listId] = answers;
	const complete = answers.length >= expected;
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
	if (result.timedOut) return readTimedOut;
	const message = result.stderr.split('\n').find(line => line.trim() !== '') ?? '';
	return message || `${result.command[0]} exited with ${result.exitCode ?? 'a signal'}`;
}
