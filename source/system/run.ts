// The one way nstui runs another program: an argument array (never a shell),
// in a process group of its own, with LC_ALL=C, counted (startedCount) and
// known while it runs (runningChildren). run() waits for a program and answers
// with a result object instead of an exception, after a timeout if need be;
// startKept() starts one that stays (the kept readers, the watcher);
// runInteractive() hands the terminal to one (a shell).
//
// Node's spawn, not execa (docs/architecture.md, "One process runner"):
// measured with bench/execa-cost.ts, execa costs ~2 ms more of nstui's CPU per
// program and ~30 ms to load, and what nstui needs beyond spawn (the whole
// group killed on a timeout, a nice value, stdout to a file read once) it
// would have to add around execa just the same.
import {
	spawn,
	type ChildProcess,
	type ChildProcessWithoutNullStreams,
	type StdioOptions,
} from 'node:child_process';
import {closeSync, openSync, readFileSync, rmSync} from 'node:fs';
import {setPriority} from 'node:os';
import {decodeBytes} from '../model/byte-text.js';
import {newFileFlags} from './safe-file.js';
import {scratchPath} from './scratch.js';

export type RunResult = {
	command: string[];
	exitCode: number | null;
	stdout: string;
	stderr: string;
	timedOut: boolean;
	/** The program was not found on PATH. */
	missing: boolean;
	ok: boolean;
	durationMs: number;
};

export type RunOptions = {
	input?: string;
	timeoutMs?: number;
	/**
	 * stdout goes to a file, read when the program ends, instead of a pipe: a
	 * program with a lot to say then never waits for nstui's busy main thread
	 * to drain a full pipe (the namespace readers print ~3 KB per namespace).
	 */
	stdoutToFile?: boolean;
	/** The program's nice value (what it forks inherits it); unset: nstui's own. */
	nice?: number;
	/** Each whole line of stdout as it comes (ping's replies), besides the whole output at the end. */
	onStdoutLine?: (line: string) => void;
};

export const defaultTimeoutMs = 5000;

/**
 * How many processes nstui has started (run() counts its own; a caller that
 * knows its program forks, like xargs, adds those), so discovery can tell
 * whether anyone else started one since it last looked at /proc.
 */
export const startedCount = {processes: 0};

/** PIDs of the programs run() has started and that have not ended: discovery leaves them (and their children) out. */
export const runningChildren = new Set<number>();

export function run(
	file: string,
	args: readonly string[],
	options: RunOptions = {},
): Promise<RunResult> {
	const started = performance.now();
	const outputFile = options.stdoutToFile ? scratchPath('output') : null;
	const outputFd = outputFile ? openSync(outputFile, newFileFlags.readWrite, 0o600) : null;
	const readOutput = (chunks: Buffer[]) => {
		if (outputFd === null) return decodeBytes(Buffer.concat(chunks));
		try {
			return decodeBytes(readFileSync(outputFile!));
		} finally {
			closeSync(outputFd);
			rmSync(outputFile!, {force: true});
		}
	};
	return new Promise(resolve => {
		const child = start(
			file,
			args,
			[options.input === undefined ? 'ignore' : 'pipe', outputFd ?? 'pipe', 'pipe'],
			options.nice,
		);
		const stdout: Buffer[] = [];
		const stderr: Buffer[] = [];
		child.stdout?.on('data', chunk => stdout.push(chunk));
		const lines = options.onStdoutLine ? lineSplitter(options.onStdoutLine) : null;
		if (lines) child.stdout?.on('data', lines.write);
		child.stderr!.on('data', chunk => stderr.push(chunk));
		child.stdin?.on('error', () => {}); // the program may exit before reading all its input
		child.stdin?.end(options.input);
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			try {
				if (child.pid) process.kill(-child.pid, 'SIGKILL');
			} catch {}
		}, options.timeoutMs ?? defaultTimeoutMs);
		// A program that cannot start reports 'error' and then 'close': answer once.
		let finished = false;
		const finish = (exitCode: number | null, missing: boolean, error?: string) => {
			if (finished) return;
			finished = true;
			clearTimeout(timer);
			lines?.end();
			resolve({
				command: [file, ...args],
				exitCode: timedOut ? null : exitCode,
				stdout: readOutput(stdout),
				stderr: missing
					? `${file}: command not found`
					: (error ?? decodeBytes(Buffer.concat(stderr)).trim()),
				timedOut,
				missing,
				ok: exitCode === 0 && !timedOut,
				durationMs: performance.now() - started,
			});
		};
		child.once('error', (error: NodeJS.ErrnoException) =>
			finish(null, error.code === 'ENOENT', error.message),
		);
		child.once('close', code => finish(code, false));
	});
}

/**
 * Starts a program that stays, with its stdin, stdout and stderr as pipes:
 * ended with killGroup(), or by itself when its stdin closes.
 */
export function startKept(
	file: string,
	args: readonly string[],
	options: {nice?: number} = {},
): ChildProcessWithoutNullStreams {
	return start(file, args, 'pipe', options.nice) as ChildProcessWithoutNullStreams;
}

function start(
	file: string,
	args: readonly string[],
	stdio: StdioOptions,
	nice: number | undefined,
): ChildProcess {
	const child = spawn(file, args, {
		stdio,
		// A process group of its own: on timeout the whole group goes, including
		// what `ip netns exec` or a reader started, and a Ctrl-C meant for nstui does not reach it.
		detached: true,
		// The user's locale must not change ip's messages or number formats.
		env: {...process.env, LC_ALL: 'C'},
	});
	startedCount.processes++;
	const pid = child.pid;
	if (pid) {
		runningChildren.add(pid);
		child.once('exit', () => runningChildren.delete(pid));
		if (nice) lowerPriority(pid, nice);
	}
	// A program that cannot start reports it here; each caller says what that means.
	child.once('error', () => {});
	return child;
}

/**
 * Runs a program that takes over the terminal (a shell) and waits for it to
 * end. Not in a group of its own and with the user's locale: it is the user's
 * program, in the terminal's foreground. The caller must have released the
 * terminal first (on ink 6: unmount, yield one event-loop turn,
 * process.stdin.pause()).
 */
export async function runInteractive(file: string, args: readonly string[]): Promise<RunResult> {
	const started = performance.now();
	// Ctrl-C and Ctrl-\ at the terminal reach every process in the foreground
	// group, nstui too: while the program runs, they are its alone.
	const ignore = () => {};
	process.on('SIGINT', ignore);
	process.on('SIGQUIT', ignore);
	try {
		const child = spawn(file, args, {stdio: 'inherit'});
		startedCount.processes++;
		const {exitCode, missing} = await new Promise<{exitCode: number | null; missing: boolean}>(
			resolve => {
				child.once('error', (error: NodeJS.ErrnoException) =>
					resolve({exitCode: null, missing: error.code === 'ENOENT'}),
				);
				child.once('close', code => resolve({exitCode: code, missing: false}));
			},
		);
		return {
			command: [file, ...args],
			exitCode,
			stdout: '',
			stderr: missing ? `${file}: command not found` : '',
			timedOut: false,
			missing,
			ok: exitCode === 0,
			durationMs: performance.now() - started,
		};
	} finally {
		process.off('SIGINT', ignore);
		process.off('SIGQUIT', ignore);
	}
}

/** Calls `onLine` for each line of a byte stream; a newline byte is never part of a UTF-8 character. */
function lineSplitter(onLine: (line: string) => void) {
	let pending: Buffer = Buffer.alloc(0);
	return {
		write(chunk: Buffer) {
			pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
			const last = pending.lastIndexOf(0x0a);
			if (last === -1) return;
			for (const line of pending.subarray(0, last).toString('utf8').split('\n')) onLine(line);
			pending = pending.subarray(last + 1);
		},
		/** The last line, when the output does not end with a newline. */
		end() {
			if (pending.length > 0) onLine(pending.toString('utf8'));
			pending = Buffer.alloc(0);
		},
	};
}

/** Ends a program nstui started in a process group of its own, with everything it started. */
export function killGroup(pid: number | undefined): void {
	if (!pid) return;
	try {
		process.kill(-pid, 'SIGKILL');
	} catch {}
}

/** Best effort: a process that has already ended has no priority to set. */
export function lowerPriority(pid: number, nice: number) {
	try {
		setPriority(pid, nice);
	} catch {}
}

/** Runs `tasks` with at most `limit` in flight, keeping their order. */
export async function mapLimit<T, R>(
	items: readonly T[],
	limit: number,
	task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await task(items[index]!, index);
		}
	};
	await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker));
	return results;
}
