// `nstui watch --json` (the built CLI) running beside a test: its lines as they
// come, and a wait for the ones a step should make.
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {builtCli} from './tmux.js';

export type WatchLine = {
	kind: string;
	time: string;
	namespace: {inode: number; name: string | null; label: string};
	interface: {name: string; ifindex: number} | null;
	before: unknown;
	after: unknown;
	text: string;
	/** Not in the line: when the test read it (ms, performance.now()). */
	seenAt: number;
	raw: string;
};

export class WatchProcess {
	readonly child: ChildProcessWithoutNullStreams;
	readonly lines: WatchLine[] = [];
	stderr = '';
	private rest = '';
	private waiters: Array<() => void> = [];

	constructor(args: string[] = []) {
		this.child = spawn(process.execPath, [builtCli, 'watch', '--json', ...args], {
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		this.child.stdout.setEncoding('utf8');
		this.child.stdout.on('data', (chunk: string) => {
			const text = this.rest + chunk;
			const parts = text.split('\n');
			this.rest = parts.pop()!;
			for (const raw of parts)
				this.lines.push({...(JSON.parse(raw) as WatchLine), seenAt: performance.now(), raw});
			this.notify();
		});
		this.child.stderr.setEncoding('utf8');
		this.child.stderr.on('data', (chunk: string) => {
			this.stderr += chunk;
			this.notify();
		});
		this.child.on('exit', () => this.notify());
	}

	private notify() {
		for (const waiter of this.waiters.splice(0)) waiter();
	}

	/** Resolves when `done()` holds, checked on each line; fails after timeoutMs with what came. */
	async until(done: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (!done()) {
			if (this.child.exitCode !== null)
				throw new Error(`watch ended (${this.child.exitCode}) waiting for ${what}: ${this.stderr}`);
			const left = deadline - Date.now();
			if (left <= 0) throw new Error(`${what}: not seen in ${timeoutMs} ms`);
			await new Promise<void>(resolve => {
				const timer = setTimeout(resolve, left);
				this.waiters.push(() => {
					clearTimeout(timer);
					resolve();
				});
			});
		}
	}

	ready(): Promise<void> {
		return this.until(() => /watching \d+ namespace/.test(this.stderr), 'watch to start', 60_000);
	}

	stop(): Promise<number | null> {
		if (this.child.exitCode !== null) return Promise.resolve(this.child.exitCode);
		return new Promise(resolve => {
			this.child.once('exit', code => resolve(code));
			this.child.kill('SIGTERM');
		});
	}
}
