// Runs a program that takes over the terminal (a shell) and waits for it to end.
// The caller must have released the terminal first (on ink 6: unmount, yield
// one event-loop turn, process.stdin.pause()).
import {execa} from 'execa';
import type {RunResult} from './run.js';

export async function runInteractive(file: string, args: readonly string[]): Promise<RunResult> {
	const started = performance.now();
	// Ctrl-C and Ctrl-\ at the terminal reach every process in the foreground
	// group, nstui too: while the program runs, they are its alone.
	const ignore = () => {};
	process.on('SIGINT', ignore);
	process.on('SIGQUIT', ignore);
	try {
		const result = await execa(file, args, {stdio: 'inherit', reject: false});
		const missing = (result as {code?: string}).code === 'ENOENT';
		const exitCode = typeof result.exitCode === 'number' ? result.exitCode : null;
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
