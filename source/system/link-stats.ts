// Interface counters of namespaces, for rates. Where a process is in the
// namespace (the host, usually the selected one), its /proc/PID/net/dev: a file
// read, so a TUI left open starts nothing to keep its rates going. Elsewhere
// `ip -s -j link` (stats64): one perl namespace reader for any number of
// namespaces (one exec of ip in each), as discovery reads them; without perl,
// nsenter for each.
import {parseLinkStats, parseProcNetDev, type LinkStats} from '../model/link-rates.js';
import type {Interface} from '../model/snapshot.js';
import {readProcNet, type ProcNetSource} from './proc-net.js';
import {namespaceOfPid} from './procfs.js';
import {takeErrorSections, takeOutputSections} from '../model/reader-protocol.js';
import {perlAvailable, setnsSyscall} from './perl.js';
import {readerProgram} from './readers/reader-program.js';
import {defaultTimeoutMs, mapLimit, run} from './run.js';

export type StatsReading = {stats: LinkStats | null; error: string | null};

const ipStats = ['ip', '-s', '-j', 'link', 'show'];

/** A namespace to read: its nsfs path, and (to read it without ip) the snapshot's namespace with its links. */
export type RatePlace = {
	inode: number;
	path: string;
	namespace?: ProcNetSource & {interfaces: ReadonlyArray<Pick<Interface, 'name' | 'ifindex'>>};
};

/** Counters of each place: /proc/PID/net/dev where a process is in it, ip for the rest. */
export async function readLinkStats(
	places: readonly RatePlace[],
	timeoutMs = defaultTimeoutMs,
): Promise<StatsReading[]> {
	const self = namespaceOfPid('self');
	const readings: Array<StatsReading | null> = places.map(place =>
		place.namespace ? fromProcNetDev(place.namespace, self) : null,
	);
	const rest = places.flatMap((place, index) => (readings[index] ? [] : [index]));
	const read = await readLinkStatsAt(
		rest.map(index => places[index]!.path),
		timeoutMs,
	);
	rest.forEach((index, position) => (readings[index] = read[position]!));
	return readings as StatsReading[];
}

function fromProcNetDev(
	ns: NonNullable<RatePlace['namespace']>,
	self: number | null,
): StatsReading | null {
	const reading = readProcNet(ns, ['dev'], self);
	if (!reading) return null;
	const at = performance.now();
	return {
		stats: {
			at,
			links: parseProcNetDev(
				reading.texts[0]!,
				new Map(ns.interfaces.map(link => [link.name, link.ifindex])),
			),
		},
		error: null,
	};
}

/** Counters of the namespaces behind each nsfs path (`/proc/self/ns/net` is nstui's own, read without entering). */
export async function readLinkStatsAt(
	paths: readonly string[],
	timeoutMs = defaultTimeoutMs,
): Promise<StatsReading[]> {
	if (paths.length === 0) return [];
	if (!perlAvailable()) return mapLimit(paths, 4, path => readOneWithNsenter(path, timeoutMs));
	const seconds = String(Math.max(1, Math.ceil(timeoutMs / 1000)));
	const result = await run(
		'perl',
		['-e', readerProgram, String(setnsSyscall[process.arch]), seconds, ...ipStats],
		{
			input: `${paths.join('\0')}\0`,
			timeoutMs: timeoutMs * 2 + 20 * paths.length,
		},
	);
	const at = performance.now();
	const out = takeOutputSections(result.stdout).sections;
	const err = takeErrorSections(result.stderr).sections;
	return paths.map((_, index) => {
		const section = out[index];
		if (!section)
			return {
				stats: null,
				error: result.timedOut
					? 'reading the counters timed out'
					: result.stderr.trim() || 'the namespace reader stopped',
			};
		if (section.status?.exitCode !== 0)
			return {
				stats: null,
				error: err[index]?.trim() || `ip exited with ${section.status?.exitCode ?? 'a signal'}`,
			};
		return parsed(section.text, at);
	});
}

async function readOneWithNsenter(path: string, timeoutMs: number): Promise<StatsReading> {
	const argv = path === '/proc/self/ns/net' ? ipStats : ['nsenter', `--net=${path}`, ...ipStats];
	const result = await run(argv[0]!, argv.slice(1), {timeoutMs});
	if (!result.ok)
		return {
			stats: null,
			error: result.stderr.trim() || `${argv[0]} exited with ${result.exitCode ?? 'a signal'}`,
		};
	return parsed(result.stdout, performance.now());
}

function parsed(text: string, at: number): StatsReading {
	try {
		return {stats: {at, links: parseLinkStats(JSON.parse(text))}, error: null};
	} catch {
		return {stats: null, error: 'ip -s -j link printed something that is not JSON'};
	}
}
