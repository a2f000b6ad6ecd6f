// Reads one namespace with a single `ip` process in batch mode: each line of
// the batch is one question, each line of the answer one JSON array.
import type {Forwarding, Route} from '../model/snapshot.js';
import {ipIn} from '../model/commands.js';
import type {NamespaceTarget} from '../model/namespace-target.js';
import {parseForwarding, parseJsonLines, parseLinks, parseNsids, parseRoutes, type NsidEntry, type RawLink} from '../model/ip-json.js';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {defaultTimeoutMs, run, type RunResult} from './run.js';


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
// `netns list-id` is left out here: it opens every entry of /run/netns, so asked
// in every namespace it costs O(N²); discovery asks it only where it is needed.
const batch = ['addr show', 'route show table all root 0.0.0.0/0', 'route show table all root ::/0', 'netconf show'];

export async function readNamespace(
	target: NamespaceTarget,
	{timeoutMs, withNsids = false}: {timeoutMs?: number; withNsids?: boolean} = {},
): Promise<NamespaceReading> {
	const [file, ...args] = ipIn(target, ['-d', '-j', '-b', '-']);
	const lines = withNsids ? [...batch, 'netns list-id'] : batch;
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
 * Reads many named namespaces with one `ip -b` whose lines are
 * `netns exec NAME ip -d -j -b FILE`: ip forks a small child per namespace,
 * far cheaper than node spawning one each. Answers come in order, `batch.length`
 * lines a namespace; ip stops at the first that fails, so the namespaces after
 * it are read one by one.
 */
export async function readNamedNamespaces(names: string[], timeoutMs = defaultTimeoutMs): Promise<NamespaceReading[]> {
	if (names.length === 0) return [];
	const lines = names.map(name => `netns exec ${name} ip -d -j -b ${innerBatchFile()}`);
	const result = await run('ip', ['-b', '-'], {input: `${lines.join('\n')}\n`, timeoutMs: timeoutMs + 20 * names.length});
	if (result.missing) return names.map(() => interpretReading(result, batch.length));
	const answers = parseJsonLines(result.stdout);
	const done = result.ok ? names.length : Math.floor(answers.length / batch.length);
	const readings = names.slice(0, done).map((_, index) =>
		interpretAnswers(answers.slice(index * batch.length, (index + 1) * batch.length), {...result, ok: true}, batch.length),
	);
	if (done < names.length) {
		readings.push(interpretAnswers(answers.slice(done * batch.length), result, batch.length));
		const rest = names.slice(done + 1);
		for (const name of rest) readings.push(await readNamespace({name}, {timeoutMs}));
	}
	return readings;
}

/** Names that ip's batch parser reads back as one word; others are read one by one. */
export const batchSafeName = (name: string) => /^[\w.@+=,:%][\w.@+=,:%-]*$/.test(name);

let innerFile: string | undefined;
function innerBatchFile(): string {
	if (!innerFile) {
		const dir = mkdtempSync(path.join(tmpdir(), 'nstui-'));
		innerFile = path.join(dir, 'read-namespace.batch');
		writeFileSync(innerFile, `${batch.join('\n')}\n`, {mode: 0o600});
		process.once('exit', () => rmSync(dir, {recursive: true, force: true}));
	}
	return innerFile;
}

export function interpretReading(result: RunResult, expected: number): NamespaceReading {
	return interpretAnswers(parseJsonLines(result.stdout), result, expected);
}

function interpretAnswers(answers: unknown[][], result: RunResult, expected: number): NamespaceReading {
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
	if (result.timedOut) return `${result.command[0]} timed out`;
	const message = result.stderr.split('\n').find(line => line.trim() !== '') ?? '';
	return message || `${result.command[0]} exited with ${result.exitCode ?? 'a signal'}`;
}
