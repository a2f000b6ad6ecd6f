// Reads namespaces by path: through the kept readers (the TUI), else in a few
// parallel chunks, each by a one-off reader; the namespace nstui runs in and
// the host's (with its nsid list) by themselves.
import {setTimeout as delay} from 'node:timers/promises';
import type {NamespaceTarget} from '../../model/namespace-target.js';
import type {Found} from '../held-namespaces.js';
import {readNamespace, type NamespaceReading} from '../ip-query.js';
import {perlAvailable} from '../perl.js';
import {readNamespacesAt} from '../readers/namespace-reader.js';
import type {Readers} from '../readers/reader-pool.js';
import {mapLimit} from '../run.js';
import {timedOut} from './reading-cache.js';
import {nsfsPathOf} from './ways-in.js';

export type ReadOptions = {
	readers?: Readers;
	concurrency?: number;
	timeoutMs?: number;
	readerNice?: number;
	/** Read a namespace whose read timed out again before giving its reading (the headless commands). */
	retryTimedOut?: boolean;
};

/**
 * The headless commands have one reading to give: a read that timed out (a
 * busy host) is tried again, twice, after a pause, before it is reported. The
 * TUI keeps the last good reading instead and tries again later (reading-cache.ts).
 */
const headlessRetries = 2;
const retryPauseMs = 250;

/** The readings of `list` (entered by `targets`), in its order. */
export async function readNamespaces(
	list: Found[],
	targets: NamespaceTarget[],
	rootInode: number | null,
	options: ReadOptions,
): Promise<NamespaceReading[]> {
	const readings = await readOnce(list, targets, rootInode, options);
	if (!options.retryTimedOut) return readings;
	for (let retry = 1; retry <= headlessRetries; retry++) {
		const again = readings.flatMap((reading, index) => (timedOut(reading) ? [index] : []));
		if (again.length === 0) break;
		await delay(retryPauseMs * retry);
		const fresh = await readOnce(
			again.map(index => list[index]!),
			again.map(index => targets[index]!),
			rootInode,
			options,
		);
		again.forEach((index, i) => (readings[index] = fresh[i]!));
	}
	return readings;
}

async function readOnce(
	list: Found[],
	targets: NamespaceTarget[],
	rootInode: number | null,
	options: ReadOptions,
): Promise<NamespaceReading[]> {
	const concurrency = options.concurrency ?? 2;
	// Without perl the kept readers would fall back to nsenter for each read: read as the headless commands do.
	const readers = options.readers && perlAvailable() ? options.readers : undefined;
	const {timeoutMs} = options;
	const byPath: number[] = [];
	const single: number[] = [];
	targets.forEach((target, index) =>
		(target === 'current' || list[index]!.inode === rootInode ? single : byPath).push(index),
	);
	// The kept readers share a big read among themselves; without them, a few readers of its own run in parallel.
	const chunkSize = readers
		? Math.max(1, byPath.length)
		: Math.max(8, Math.ceil(byPath.length / concurrency));
	const chunks: number[][] = [];
	for (let start = 0; start < byPath.length; start += chunkSize)
		chunks.push(byPath.slice(start, start + chunkSize));

	const readings: NamespaceReading[] = new Array(list.length);
	const pathOf = (index: number) => {
		const target = targets[index]!;
		return target === 'current' ? '/proc/self/ns/net' : nsfsPathOf(target);
	};
	const readChunk = async (chunk: number[]) => {
		const paths = chunk.map(pathOf);
		const answers = await (readers
			? readers.namespaces.read(paths)
			: readNamespacesAt(paths, timeoutMs, options.readerNice));
		chunk.forEach((index, i) => (readings[index] = answers[i]!));
	};
	const readSingle = async (index: number) => {
		const withNsids = list[index]!.inode === rootInode;
		readings[index] = readers
			? (await (withNsids ? readers.host : readers.namespaces).read([pathOf(index)]))[0]!
			: await readNamespace(targets[index]!, {timeoutMs, withNsids});
	};
	// The one or two single reads are short: they run beside the chunks, not after one of them.
	await Promise.all([mapLimit(chunks, concurrency, readChunk), ...single.map(readSingle)]);
	return readings;
}
