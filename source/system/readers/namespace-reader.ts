// Reads many namespaces by the paths of their nsfs files, one reader per call
// (the headless commands): with the perl reader (reader-program.ts) where perl
// runs, else with xargs and nsenter. The TUI keeps readers running instead
// (persistent-reader.ts, reader-pool.ts).
import {
	takeErrorSections,
	takeOutputSections,
	type SectionStatus,
} from '../../model/reader-protocol.js';
import {parseJsonLines} from '../../model/ip-json.js';
import {batchLines, interpretAnswers, readWithNsenter, type NamespaceReading} from '../ip-query.js';
import {perlTurnedOutMissing} from '../perl.js';
import {defaultTimeoutMs, run, startedCount, type RunResult} from '../run.js';
import {overallTimeout, readerCommand} from './reader-program.js';

export async function readNamespacesAt(
	paths: string[],
	timeoutMs = defaultTimeoutMs,
	nice?: number,
): Promise<NamespaceReading[]> {
	if (paths.length === 0) return [];
	return (await readWithPerl(paths, timeoutMs, nice)) ?? readWithNsenter(paths, timeoutMs, nice);
}

/** null when perl is not there (the caller falls back). */
export async function readWithPerl(
	paths: string[],
	timeoutMs = defaultTimeoutMs,
	nice?: number,
): Promise<NamespaceReading[] | null> {
	const command = readerCommand(timeoutMs);
	if (!command) return null;
	const [file, ...args] = command;
	const result = await run(file!, args, {
		input: `${paths.join('\0')}\0`,
		timeoutMs: overallTimeout(timeoutMs, paths.length),
		stdoutToFile: true,
		nice,
	});
	if (result.missing) {
		perlTurnedOutMissing();
		return null;
	}
	startedCount.processes += paths.length; // the reader forked one ip for each
	const out = takeOutputSections(result.stdout).sections;
	const err = takeErrorSections(result.stderr).sections;
	const reason = result.timedOut
		? 'timeout'
		: result.stderr.split('\0').pop()!.trim() ||
			`the namespace reader exited with ${result.exitCode}`;
	return paths.map((_, index) => {
		const section = out[index];
		return section
			? sectionReading(section.text, err[index] ?? '', section.status)
			: unfinished(reason);
	});
}

/** One namespace's part of the reader's output, read like a run of ip of its own. */
export function sectionReading(
	stdout: string,
	stderr: string,
	status: SectionStatus | null,
	expected = batchLines(false).length,
): NamespaceReading {
	const exitCode = status?.exitCode ?? null;
	const message = stderr.trim();
	// exec failing with ENOENT is how a missing ip shows (127, as a shell would say).
	const missing = exitCode === 127 && /: No such file or directory$/.test(message);
	const result: RunResult = {
		command: ['ip'],
		exitCode,
		stdout,
		stderr: message,
		timedOut: status?.timedOut ?? false,
		missing,
		ok: exitCode === 0,
		durationMs: 0,
	};
	const reading = interpretAnswers(parseJsonLines(stdout), result, expected);
	if (status?.inode !== undefined) reading.opened = status.inode;
	return reading;
}

/** A namespace the reader did not get to: it was stopped (`timeout`) or failed. */
export const unfinished = (reason: string): NamespaceReading =>
	reason === 'timeout'
		? sectionReading('', '', {exitCode: null, timedOut: true, unopened: false})
		: sectionReading('', reason, {exitCode: null, timedOut: false, unopened: false});
