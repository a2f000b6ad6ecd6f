// Reads many namespaces by the paths of their nsfs files: with the perl reader
// (model/reader-protocol.ts) where perl runs, else with xargs and nsenter.
// readNamespacesAt runs one reader per call (the headless commands);
// PersistentReader keeps one running between calls (the TUI), so a refresh
// starts no process from node at all.
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {createHash} from 'node:crypto';
import {readerProgram, setnsSyscall, takeErrorSections, takeOutputSections, type SectionStatus} from '../model/reader-protocol.js';
import {batchLines, innerBatchFile, interpretAnswers, readWithNsenter, type NamespaceReading} from './ip-query.js';
import {ByteTextDecoder} from '../model/byte-text.js';
import {parseJsonLines} from '../model/ip-json.js';
import {defaultTimeoutMs, killGroup, lowerPriority, run, runningChildren, startedCount, type RunResult} from './run.js';
import {findProgram} from './programs.js';

/** Set when perl turned out missing although it was on PATH: every later read goes through nsenter. */
let perlMissing = false;
let perlSeen: {path: string | undefined; found: boolean} | null = null;

/** Can the perl reader run here: a known architecture, and perl on PATH? */
export function perlReaderAvailable(): boolean {
	if (setnsSyscall[process.arch] === undefined || perlMissing) return false;
	let seen = perlSeen;
	if (!seen || seen.path !== process.env.PATH) seen = perlSeen = {path: process.env.PATH, found: findProgram('perl') !== null};
	return seen.found;
}

/** `perl -e PROGRAM ...` for this machine, or null where the reader cannot run. */
export function readerCommand(timeoutMs: number, withNsids = false): string[] | null {
	if (!perlReaderAvailable()) return null;
	return ['perl', '-e', readerProgram, String(setnsSyscall[process.arch]), String(alarmSeconds(timeoutMs)), 'ip', '-d', '-j', '-b', innerBatchFile(withNsids)];
}

const alarmSeconds = (timeoutMs: number) => Math.max(1, Math.ceil(timeoutMs / 1000));

/**
 * Bounds a whole read. Each namespace has its own alarm inside the reader, so
 * one that hangs costs its alarm and the rest are still read; this allows for
 * two such, and is there for a reader that hangs itself.
 */
const overallTimeout = (timeoutMs: number, count: number) => 2 * alarmSeconds(timeoutMs) * 1000 + 20 * count;

/**
 * The nice value of readers that run while someone uses the TUI: ip's work
 * then leaves the CPU to nstui's own thread, which answers the keys, on a host
 * where reading every namespace keeps all cores busy for a second.
 */
export const backgroundNice = 10;

export async function readNamespacesAt(paths: string[], timeoutMs = defaultTimeoutMs, nice?: number): Promise<NamespaceReading[]> {
	if (paths.length === 0) return [];
	return (await readWithPerl(paths, timeoutMs, nice)) ?? readWithNsenter(paths, timeoutMs, nice);
}

/** null when perl is not there (the caller falls back). */
export async function readWithPerl(paths: string[], timeoutMs = defaultTimeoutMs, nice?: number): Promise<NamespaceReading[] | null> {
	const command = readerCommand(timeoutMs);
	if (!command) return null;
	const [file, ...args] = command;
	const result = await run(file!, args, {input: `${paths.join('\0')}\0`, timeoutMs: overallTimeout(timeoutMs, paths.length), stdoutToFile: true, nice});
	if (result.missing) {
		perlMissing = true;
		return null;
	}
	startedCount.processes += paths.length; // the reader forked one ip for each
	const out = takeOutputSections(result.stdout).sections;
	const err = takeErrorSections(result.stderr).sections;
	const reason = result.timedOut ? 'timeout' : result.stderr.split('\0').pop()!.trim() || `the namespace reader exited with ${result.exitCode}`;
	return paths.map((_, index) => {
		const section = out[index];
		return section ? sectionReading(section.text, err[index] ?? '', section.status) : unfinished(reason);
	});
}

/** One namespace's part of the reader's output, read like a run of ip of its own. */
export function sectionReading(stdout: string, stderr: string, status: SectionStatus | null, expected = batchLines(false).length): NamespaceReading {
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
const unfinished = (reason: string): NamespaceReading =>
	reason === 'timeout' ? sectionReading('', '', {exitCode: null, timedOut: true, unopened: false}) : sectionReading('', reason, {exitCode: null, timedOut: false, unopened: false});

/** The TUI's kept readers: a pool for namespaces, and one for the host's (which also lists nsids). */
export type Readers = {namespaces: ReaderPool; host: PersistentReader};

export const createReaders = ({timeoutMs, nice, size = 2}: {timeoutMs?: number; nice?: number; size?: number} = {}): Readers => ({
	namespaces: new ReaderPool(size, {timeoutMs, nice}),
	host: new PersistentReader({withNsids: true, timeoutMs, nice}),
});

/**
 * Kept readers that share a big read (every namespace of a big host, at start
 * and after an action), so ip runs on more than one core; a routine refresh's
 * few namespaces go to the first alone, which then knows their last readings.
 */
export class ReaderPool {
	private readonly readers: PersistentReader[];

	constructor(size: number, options: ConstructorParameters<typeof PersistentReader>[0]) {
		this.readers = Array.from({length: Math.max(1, size)}, () => new PersistentReader(options));
	}

	async read(paths: string[]): Promise<NamespaceReading[]> {
		const parts = paths.length <= routineReadSize ? 1 : this.readers.length;
		const size = Math.ceil(paths.length / parts);
		const answers = await Promise.all(this.readers.slice(0, parts).map((reader, index) => reader.read(paths.slice(index * size, (index + 1) * size))));
		return answers.flat();
	}

	/** Starts every reader now, so the first big read does not start processes from a busy node. */
	warm() {
		for (const reader of this.readers) reader.warm();
	}

	hold() {
		for (const reader of this.readers) reader.hold();
	}

	release() {
		for (const reader of this.readers) reader.release();
	}

	close() {
		for (const reader of this.readers) reader.close();
	}
}

/** At most this many paths are a routine refresh's (the selected namespace and the rotation). */
const routineReadSize = 64;

/** Readings a kept reader remembers, by path; more than a host's namespaces, bounded against churn. */
const rememberedPaths = 4096;

type Pending = {paths: string[]; resolve: (readings: NamespaceReading[]) => void};

/**
 * One reader kept running between reads; requests queue and are answered in
 * order. On a timeout or when the reader dies, what is pending is answered
 * with errors and the next read starts a new reader. Where perl is missing it
 * reads with nsenter instead.
 */
export class PersistentReader {
	private child: ChildProcessWithoutNullStreams | null = null;
	/** What has arrived of the current sections, in chunks (see takeWhole). */
	private readonly stdout: string[] = [];
	private readonly stderr: string[] = [];
	private outputs: Array<{text: string; status: SectionStatus | null}> = [];
	private errors: string[] = [];
	private queue: Pending[] = [];
	/** Runs for the request at the front only: one queued behind a slow one has not started yet. */
	private timer: NodeJS.Timeout | null = null;
	private readonly last = new Map<string, {digest: string; reading: NamespaceReading}>();
	private held = false;

	/** withNsids: also list the nsids each namespace has given (what the host's reading needs). */
	constructor(private readonly options: {withNsids?: boolean; timeoutMs?: number; nice?: number} = {}) {}

	read(paths: string[]): Promise<NamespaceReading[]> {
		const timeoutMs = this.options.timeoutMs ?? defaultTimeoutMs;
		if (paths.length === 0) return Promise.resolve([]);
		const child = this.child ?? this.start(timeoutMs);
		if (!child) return readWithNsenter(paths, timeoutMs, this.options.nice);
		return new Promise(resolve => {
			this.queue.push({paths, resolve});
			if (this.queue.length === 1) this.armTimer();
			startedCount.processes += paths.length; // the reader forks one ip for each
			child.stdin.write(`${paths.join('\0')}\0`);
		});
	}

	/** Starts the reader now rather than at the first read. */
	warm() {
		if (!this.child) this.start(this.options.timeoutMs ?? defaultTimeoutMs);
	}

	/**
	 * Stops taking the reader's output for now (the TUI, while keys come in):
	 * nothing is parsed, and once the pipe is full the reader and its ip wait too.
	 */
	hold() {
		this.held = true;
		this.child?.stdout.pause();
		this.child?.stderr.pause();
	}

	release() {
		this.held = false;
		this.child?.stdout.resume();
		this.child?.stderr.resume();
	}

	/** Ends the reader (it also ends by itself when nstui exits and its stdin closes). */
	close() {
		this.stop('closed');
	}

	private start(timeoutMs: number): ChildProcessWithoutNullStreams | null {
		const command = readerCommand(timeoutMs, this.options.withNsids);
		if (!command) return null;
		const [file, ...args] = command;
		const child = spawn(file!, args, {stdio: 'pipe', detached: true, env: {...process.env, LC_ALL: 'C'}});
		this.child = child;
		startedCount.processes++;
		const pid = child.pid;
		if (pid) runningChildren.add(pid);
		if (pid && this.options.nice) lowerPriority(pid, this.options.nice);
		// Not setEncoding('utf8'): a name that is not UTF-8 must stay visible (byte-text.ts).
		const stdoutText = new ByteTextDecoder();
		const stderrText = new ByteTextDecoder();
		child.stdout.on('data', (chunk: Buffer) => {
			this.outputs.push(...takeWhole(this.stdout, stdoutText.write(chunk), takeOutputSections));
			this.deliver();
		});
		child.stderr.on('data', (chunk: Buffer) => {
			this.errors.push(...takeWhole(this.stderr, stderrText.write(chunk), takeErrorSections));
			this.deliver();
		});
		if (this.held) {
			child.stdout.pause();
			child.stderr.pause();
		}
		child.stdin.on('error', () => {}); // it died; 'exit' answers what is pending
		child.once('error', (error: NodeJS.ErrnoException) => {
			if (error.code !== 'ENOENT' || this.child !== child) return;
			perlMissing = true;
			this.child = null;
			this.clearTimer();
			for (const pending of this.queue.splice(0)) {
				void readWithNsenter(pending.paths, timeoutMs, this.options.nice).then(pending.resolve);
			}
		});
		child.once('exit', () => {
			if (pid) runningChildren.delete(pid);
			if (this.child === child) this.stop(this.stderr.join('').trim() || 'the namespace reader exited');
		});
		return child;
	}

	/**
	 * The last reading of the same path when ip said exactly the same: an idle
	 * host's namespaces are not parsed again, and discovery sees the same object.
	 */
	private reuse(path: string, output: {text: string; status: SectionStatus | null}, error: string, expected: number): NamespaceReading {
		const digest = createHash('sha1').update(output.text).update('\0').update(error).update('\0').update(JSON.stringify(output.status)).digest('base64');
		const last = this.last.get(path);
		// Most recently read last, so the oldest go first: paths of processes that
		// have ended (/proc/PID/ns/net) must not pile up over hours of churn.
		this.last.delete(path);
		const reading = last?.digest === digest ? last.reading : sectionReading(output.text, error, output.status, expected);
		this.last.set(path, {digest, reading});
		if (this.last.size > rememberedPaths) this.last.delete(this.last.keys().next().value!);
		return reading;
	}

	private armTimer() {
		const count = this.queue[0]!.paths.length;
		this.timer = setTimeout(() => this.stop('timeout'), overallTimeout(this.options.timeoutMs ?? defaultTimeoutMs, count));
	}

	private clearTimer() {
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
	}

	/** Answers every complete request, in order. */
	private deliver() {
		const expected = batchLines(this.options.withNsids ?? false).length;
		for (;;) {
			const pending = this.queue[0];
			const count = pending?.paths.length ?? Number.POSITIVE_INFINITY;
			if (!pending || this.outputs.length < count || this.errors.length < count) return;
			this.queue.shift();
			this.clearTimer();
			if (this.queue.length > 0) this.armTimer();
			const outputs = this.outputs.splice(0, count);
			const errors = this.errors.splice(0, count);
			pending.resolve(outputs.map((output, index) => this.reuse(pending.paths[index]!, output, errors[index]!, expected)));
		}
	}

	private stop(reason: string) {
		const child = this.child;
		this.child = null;
		killGroup(child?.pid);
		const expected = batchLines(this.options.withNsids ?? false).length;
		// What had already arrived is still good.
		this.clearTimer();
		for (const pending of this.queue.splice(0)) {
			pending.resolve(
				pending.paths.map((_, index) => {
					const output = this.outputs[index];
					return output && this.errors[index] !== undefined ? sectionReading(output.text, this.errors[index]!, output.status, expected) : unfinished(reason);
				}),
			);
			this.outputs.splice(0, pending.paths.length);
			this.errors.splice(0, pending.paths.length);
		}
		this.stdout.length = 0;
		this.stderr.length = 0;
		this.outputs = [];
		this.errors = [];
	}
}

/**
 * The sections a chunk completes. Chunks wait in `pending` until one holds a
 * NUL (the end of a section; stdout's status line after it may come in the next
 * chunk): most chunks are the middle of one namespace's JSON, and joining them
 * on every chunk would copy it again and again.
 */
function takeWhole<T>(pending: string[], chunk: string, take: (text: string) => {sections: T[]; rest: string}): T[] {
	if (!chunk.includes('\0') && !(pending[0]?.includes('\0') ?? false)) {
		pending.push(chunk);
		return [];
	}
	const {sections, rest} = take(pending.join('') + chunk);
	pending.length = 0;
	if (rest) pending.push(rest);
	return sections;
}
