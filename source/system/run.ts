// The one way nstui runs another program: an argument array (never a shell),
// a timeout, and a result object instead of an exception.
import {execa} from 'execa';

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
};

export const defaultTimeoutMs = 5000;

export async function run(file: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
	const started = performance.now();
	const result = await execa(file, args, {
		input: options.input,
		stdin: options.input === undefined ? 'ignore' : undefined,
		timeout: options.timeoutMs ?? defaultTimeoutMs,
		killSignal: 'SIGKILL',
		reject: false,
		stripFinalNewline: false,
		// The user's locale must not change ip's messages or number formats.
		env: {LC_ALL: 'C'},
	});
	const missing = (result as {code?: string}).code === 'ENOENT';
	const exitCode = typeof result.exitCode === 'number' ? result.exitCode : null;
	return {
		command: [file, ...args],
		exitCode,
		stdout: typeof result.stdout === 'string' ? result.stdout : '',
		stderr: missing ? `${file}: command not found` : typeof result.stderr === 'string' ? result.stderr.trim() : '',
		timedOut: result.timedOut === true,
		missing,
		ok: exitCode === 0 && !result.timedOut,
		durationMs: performance.now() - started,
	};
}

/** Runs `tasks` with at most `limit` in flight, keeping their order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await task(items[index]!);
		}
	};
	await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker));
	return results;
}
