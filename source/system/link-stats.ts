// Interface counters (`ip -s -j link`, stats64) of namespaces, for rates.
// One perl namespace reader for any number of namespaces (one exec of ip in
// each), as discovery reads them; without perl, nsenter for each.
import {parseLinkStats, type LinkStats} from '../model/link-rates.js';
import {takeErrorSections, takeOutputSections} from '../model/reader-protocol.js';
import {perlAvailable, setnsSyscall} from './perl.js';
import {readerProgram} from './readers/reader-program.js';
import {defaultTimeoutMs, mapLimit, run} from './run.js';

export type StatsReading = {stats: LinkStats | null; error: string | null};

const ipStats = ['ip', '-s', '-j', 'link', 'show'];

/** Counters of the namespaces behind each nsfs path (`/proc/self/ns/net` is nstui's own, read without entering). */
export async function readLinkStatsAt(paths: readonly string[], timeoutMs = defaultTimeoutMs): Promise<StatsReading[]> {
	if (paths.length === 0) return [];
	if (!perlAvailable()) return mapLimit(paths, 4, path => readOneWithNsenter(path, timeoutMs));
	const seconds = String(Math.max(1, Math.ceil(timeoutMs / 1000)));
	const result = await run('perl', ['-e', readerProgram, String(setnsSyscall[process.arch]), seconds, ...ipStats], {
		input: `${paths.join('\0')}\0`,
		timeoutMs: timeoutMs * 2 + 20 * paths.length,
	});
	const at = performance.now();
	const out = takeOutputSections(result.stdout).sections;
	const err = takeErrorSections(result.stderr).sections;
	return paths.map((_, index) => {
		const section = out[index];
		if (!section) return {stats: null, error: result.timedOut ? 'reading the counters timed out' : result.stderr.trim() || 'the namespace reader stopped'};
		if (section.status?.exitCode !== 0) return {stats: null, error: err[index]?.trim() || `ip exited with ${section.status?.exitCode ?? 'a signal'}`};
		return parsed(section.text, at);
	});
}

async function readOneWithNsenter(path: string, timeoutMs: number): Promise<StatsReading> {
	const argv = path === '/proc/self/ns/net' ? ipStats : ['nsenter', `--net=${path}`, ...ipStats];
	const result = await run(argv[0]!, argv.slice(1), {timeoutMs});
	if (!result.ok) return {stats: null, error: result.stderr.trim() || `${argv[0]} exited with ${result.exitCode ?? 'a signal'}`};
	return parsed(result.stdout, performance.now());
}

function parsed(text: string, at: number): StatsReading {
	try {
		return {stats: {at, links: parseLinkStats(JSON.parse(text))}, error: null};
	} catch {
		return {stats: null, error: 'ip -s -j link printed something that is not JSON'};
	}
}
