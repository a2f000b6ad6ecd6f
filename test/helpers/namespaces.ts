// Test namespaces under a unique prefix (nstui-<purpose>-<pid>-<n>), and the
// processes tests start inside them, all removed again in cleanup() even when
// a test failed. Nothing here touches the host's own network.
import {spawn} from 'node:child_process';
import {readlinkSync} from 'node:fs';
import {setTimeout as sleep} from 'node:timers/promises';
import {findProgram} from '../../source/system/programs.js';
import {run} from '../../source/system/run.js';
import {needsRoot} from './root.js';

export const isRoot = process.getuid?.() === 0;

/** For `{skip}`: false when root, else the reason. */
export {needsRoot};

/** For `{skip}`: false when root and every tool is on PATH, else the reason. */
export function needsRootAnd(...tools: string[]): string | false {
	if (!isRoot) return needsRoot;
	const missing = tools.filter(tool => findProgram(tool) === null);
	return missing.length === 0 ? false : `needs ${missing.join(', ')}, not installed here`;
}

export class TestNamespaces {
	readonly prefix: string;
	private counter = 0;
	private readonly pids = new Set<number>();

	constructor(purpose = 'test') {
		this.prefix = `nstui-${purpose}-${process.pid}-`;
	}

	/** A fresh name under this set's prefix (not created). */
	name(): string {
		return `${this.prefix}${++this.counter}`;
	}

	/** Creates a namespace with lo up, and returns its name. */
	async create(): Promise<string> {
		const name = this.name();
		await ip(['netns', 'add', name]);
		await ip(['-n', name, 'link', 'set', 'dev', 'lo', 'up']);
		return name;
	}

	/**
	 * Starts `sleep` in a namespace: the named one, or with no name a new one of
	 * its own (`unshare -n`). Returns its PID once it is inside.
	 */
	async startSleeper(namespace?: string): Promise<number> {
		const [file, args] = namespace ? ['ip', ['netns', 'exec', namespace, 'sleep', '600']] as const : ['unshare', ['-n', 'sleep', '600']] as const;
		const child = spawn(file, args, {stdio: 'ignore'});
		child.unref();
		const pid = child.pid;
		if (pid === undefined) throw new Error(`could not start ${file}`);
		this.pids.add(pid);
		const self = readlinkSync('/proc/self/ns/net');
		// ip and unshare exec sleep in the same process once they have switched namespace.
		for (let tries = 0; tries < 100; tries++) {
			try {
				const comm = readlinkSync(`/proc/${pid}/exe`);
				if (comm.endsWith('/sleep') && readlinkSync(`/proc/${pid}/ns/net`) !== self) return pid;
			} catch {
				// not there yet
			}
			await sleep(20);
		}
		throw new Error(`${file} did not get into its namespace`);
	}

	/** Stops this set's processes (by PID) and deletes every namespace under its prefix. */
	async cleanup(): Promise<void> {
		for (const pid of this.pids) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				// already gone
			}
		}
		this.pids.clear();
		const list = await run('ip', ['netns', 'list']);
		const names = list.stdout
			.split('\n')
			.map(line => line.split(' ')[0] ?? '')
			.filter(name => name.startsWith(this.prefix));
		for (const name of names) await run('ip', ['netns', 'del', name]);
	}
}

async function ip(args: string[]): Promise<void> {
	const result = await run('ip', args);
	if (!result.ok) throw new Error(`ip ${args.join(' ')}: ${result.stderr}`);
}

/** `ip -n NS -j ARGS` parsed. */
export async function ipJson(namespace: string, args: string[]): Promise<Record<string, unknown>[]> {
	const result = await run('ip', ['-n', namespace, '-j', ...args]);
	if (!result.ok) throw new Error(`ip -n ${namespace} -j ${args.join(' ')}: ${result.stderr}`);
	return result.stdout.trim() === '' ? [] : (JSON.parse(result.stdout) as Record<string, unknown>[]);
}

/** A program's stdout, run inside a namespace. */
export async function outputIn(namespace: string, argv: string[]): Promise<string> {
	const result = await run('ip', ['netns', 'exec', namespace, ...argv], {timeoutMs: 10_000});
	if (!result.ok) throw new Error(`${argv.join(' ')} in ${namespace}: ${result.stderr}`);
	return result.stdout;
}

export async function namespaceExists(name: string): Promise<boolean> {
	const result = await run('ip', ['netns', 'list']);
	return result.stdout.split('\n').some(line => line.split(' ')[0] === name);
}
