// `nstui watch [--json] [--record FILE]`: each change on the host's network
// namespaces as it happens, one line each, until Ctrl-C. The TUI's live
// machinery without the TUI: the namespace watcher and the kernel's process
// events say what changed, the Discoverer reads just that (ui/app/live-load.ts,
// which imports nothing of the UI), and the timeline's diff says it in words.
// An idle host costs what an idle TUI costs and prints nothing.
import {shown} from '../model/shown-text.js';
import type {Process, Snapshot} from '../model/snapshot.js';
import type {Change} from '../model/timeline/change.js';
import {diffSnapshots} from '../model/timeline/diff-snapshots.js';
import {formatChanges} from '../model/timeline/format-change.js';
import {changeLines} from '../model/timeline/json-line.js';
import {openRecord} from '../system/change-record.js';
import {parentPids} from '../system/procfs.js';
import {MissingToolError, type Discovery} from '../system/discovery/discoverer.js';
import {InputActivity} from '../ui/app/input-activity.js';
import {createLiveLoad} from '../ui/app/live-load.js';

export type WatchOptions = {
	json: boolean;
	record?: string;
	recordMax?: string;
	/** Seconds between the safety net's ticks (the events do the rest). */
	intervalSeconds: number;
};

/**
 * After an event, a few ms so the events of one change (a link, its addresses
 * and routes) make one reading; after a reading, a gap, so a storm of a
 * thousand changes a second is read a few times a second, each reading one
 * line per real difference.
 */
const graceMs = 20;
const gapMs = 250;

const diffOptions = {parentOf: (process: Process) => parentPids.get(process)};

export async function runWatch(options: WatchOptions): Promise<number> {
	const record = openRecord(options.record, options.recordMax);
	if (typeof record === 'string') {
		process.stderr.write(`nstui: ${shown(record)}\n`);
		return 2;
	}
	const intervalMs = Math.max(100, Math.round(options.intervalSeconds * 1000));
	let last: Snapshot | null = null;
	let warned = new Set<string>();
	let running = false;
	let again = false;
	let timer: NodeJS.Timeout | null = null;
	let lastEnded = 0;
	const wake = () => {
		again = true;
		if (timer || running || last === null) return;
		timer = setTimeout(
			() => {
				timer = null;
				void step();
			},
			Math.max(graceMs, lastEnded + gapMs - Date.now()),
		);
	};
	const live = createLiveLoad(() => null, intervalMs, new InputActivity(), wake);
	const write = (changes: Change[]) => {
		if (changes.length === 0) return;
		process.stdout.write(options.json ? changeLines(changes) : formatChanges(changes));
		record?.append(changes);
		if (record?.error) {
			process.stderr.write(`nstui: ${shown(record.error)}\n`);
			record.error = null;
		}
	};
	const report = (discovery: Discovery) => {
		const now = new Set(discovery.warnings);
		for (const warning of now)
			if (!warned.has(warning)) process.stderr.write(`nstui: ${shown(warning)}\n`);
		warned = now;
		if (last) write(diffSnapshots(last, discovery.snapshot, undefined, diffOptions));
		last = discovery.snapshot;
	};
	let failure: unknown = null;
	const step = async () => {
		running = true;
		again = false;
		try {
			report(await live('tick'));
		} catch (error) {
			if (error instanceof MissingToolError) failure = error;
			else process.stderr.write(`nstui: ${shown((error as Error).message)}\n`);
		} finally {
			running = false;
			lastEnded = Date.now();
			if (failure) stop();
			else if (again) wake();
		}
	};

	let done: (code: number) => void = () => {};
	const finished = new Promise<number>(resolve => (done = resolve));
	const tick = setInterval(() => {
		if (!running && !timer) void step();
	}, intervalMs);
	const stop = () => {
		clearInterval(tick);
		if (timer) clearTimeout(timer);
		live.close();
		record?.close();
		done(failure instanceof MissingToolError ? 2 : 0);
	};
	const onSignal = () => stop();
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	process.once('SIGHUP', onSignal);

	try {
		running = true;
		report(await live('full'));
		running = false;
		const count = last!.namespaces.length;
		process.stderr.write(
			`nstui: watching ${count} namespace${count === 1 ? '' : 's'}; each change is printed as it happens (Ctrl-C stops)\n`,
		);
		if (again) wake();
	} catch (error) {
		failure = error;
		process.stderr.write(`nstui: ${shown((error as Error).message)}\n`);
		stop();
		if (!(error instanceof MissingToolError)) return 1;
	}
	const code = await finished;
	process.off('SIGINT', onSignal);
	process.off('SIGTERM', onSignal);
	process.off('SIGHUP', onSignal);
	return code;
}
