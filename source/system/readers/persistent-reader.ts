// One perl reader (reader-program.ts) kept running between reads, so a
// refresh starts no process from node at all.
import type {ChildProcessWithoutNullStreams} from 'node:child_process';
import {createHash} from 'node:crypto';
import {ByteTextDecoder} from '../../model/byte-text.js';
import {
	takeErrorSections,
	takeOutputSections,
	type SectionStatus,
} from '../../model/reader-protocol.js';
import {batchLines, readWithNsenter, type NamespaceReading} from '../ip-query.js';
import {perlTurnedOutMissing} from '../perl.js';
import {defaultTimeoutMs, killGroup, startKept, startedCount} from '../run.js';
import {sectionReading, unfinished} from './namespace-reader.js';
import {overallTimeout, readerCommand} from './reader-program.js';

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
	constructor(
		private readonly options: {withNsids?: boolean; timeoutMs?: number; nice?: number} = {},
	) {}

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
		const child = startKept(file!, args, {nice: this.options.nice});
		this.child = child;
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
			perlTurnedOutMissing();
			this.child = null;
			this.clearTimer();
			for (const pending of this.queue.splice(0)) {
				void readWithNsenter(pending.paths, timeoutMs, this.options.nice).then(pending.resolve);
			}
		});
		child.once('exit', () => {
			if (this.child === child)
				this.stop(this.stderr.join('').trim() || 'the namespace reader exited');
		});
		return child;
	}

	/**
	 * The last reading of the same path when ip said exactly the same: an idle
	 * host's namespaces are not parsed again, and discovery sees the same object.
	 */
	private reuse(
		path: string,
		output: {text: string; status: SectionStatus | null},
		error: string,
		expected: number,
	): NamespaceReading {
		const digest = createHash('sha1')
			.update(output.text)
			.update('\0')
			.update(error)
			.update('\0')
			.update(JSON.stringify(output.status))
			.digest('base64');
		const last = this.last.get(path);
		// Most recently read last, so the oldest go first: paths of processes that
		// have ended (/proc/PID/ns/net) must not pile up over hours of churn.
		this.last.delete(path);
		const reading =
			last?.digest === digest
				? last.reading
				: sectionReading(output.text, error, output.status, expected);
		this.last.set(path, {digest, reading});
		if (this.last.size > rememberedPaths) this.last.delete(this.last.keys().next().value!);
		return reading;
	}

	private armTimer() {
		const count = this.queue[0]!.paths.length;
		this.timer = setTimeout(
			() => this.stop('timeout'),
			overallTimeout(this.options.timeoutMs ?? defaultTimeoutMs, count),
		);
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
			pending.resolve(
				outputs.map((output, index) =>
					this.reuse(pending.paths[index]!, output, errors[index]!, expected),
				),
			);
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
					return output && this.errors[index] !== undefined
						? sectionReading(output.text, this.errors[index], output.status, expected)
						: unfinished(reason);
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
function takeWhole<T>(
	pending: string[],
	chunk: string,
	take: (text: string) => {sections: T[]; rest: string},
): T[] {
	if (!chunk.includes('\0') && !(pending[0]?.includes('\0') ?? false)) {
		pending.push(chunk);
		return [];
	}
	const {sections, rest} = take(pending.join('') + chunk);
	pending.length = 0;
	if (rest) pending.push(rest);
	return sections;
}
