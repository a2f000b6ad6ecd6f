// Real namespaces for tests, named nstui-<purpose>-<pid>-<n>-* so they are the
// test's own, and the processes and bind mounts a test makes in them: all
// removed by `teardown`, whatever happened, also when the test failed. Nothing
// here touches the host's own network.
import {execFileSync, spawn, type ChildProcess} from 'node:child_process';
import {mkdtempSync, readlinkSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {run} from '../../source/system/run.js';
import {needsPrograms} from './ci-packages.js';
import {needsRoot} from './root.js';

export const isRoot = process.getuid?.() === 0;

/** For `{skip}`: false when root, else the reason. */
export {needsRoot};

/** For `{skip}`: false when root and every tool is on PATH, else the reason. */
export function needsRootAnd(...tools: string[]): string | false {
	if (!isRoot) return needsRoot;
	return needsPrograms(...tools);
}

let counter = 0;
export const uniquePrefix = (what: string) => `nstui-${what}-${process.pid}-${++counter}`;

export const sh = (file: string, ...args: string[]): string =>
	execFileSync(file, args, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
export const ip = (...args: string[]) => sh('ip', ...args);
/** `ip -j ARGS` parsed (`ipJson('-n', NS, 'addr', 'show')`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- callers name the shape they read
export const ipJson = <T = any[]>(...args: string[]): T =>
	JSON.parse(ip('-j', ...args) || '[]') as T;

export const inodeOf = (path: string) => Number(/\[(\d+)\]/.exec(readlinkSync(path))?.[1] ?? NaN);

/** A program's stdout, run inside a namespace. */
export async function outputIn(namespace: string, argv: string[]): Promise<string> {
	const result = await run('ip', ['netns', 'exec', namespace, ...argv], {timeoutMs: 10_000});
	if (!result.ok) throw new Error(`${argv.join(' ')} in ${namespace}: ${result.stderr}`);
	return result.stdout;
}

export const netnsNames = (): string[] =>
	ip('netns', 'list')
		.split('\n')
		.map(line => line.split(' ')[0] ?? '')
		.filter(Boolean);

export const namespaceExists = (name: string): boolean => netnsNames().includes(name);

export class Lab {
	/** Every name this lab makes starts with `${prefix}-`. */
	readonly prefix: string;
	readonly namespaces: string[] = [];
	readonly processes: ChildProcess[] = [];
	private readonly bindMounts: Array<{dir: string; holder: string}> = [];
	private made = 0;

	constructor(purpose: string) {
		this.prefix = uniquePrefix(purpose);
	}

	/** A fresh name under this lab's prefix (not created). */
	name(short?: string): string {
		return `${this.prefix}-${short ?? ++this.made}`;
	}

	/** Creates a namespace with lo up: `${prefix}-${short}`, or a numbered one. */
	ns(short?: string): string {
		const name = this.name(short);
		ip('netns', 'add', name);
		this.namespaces.push(name);
		ip('-n', name, 'link', 'set', 'lo', 'up');
		return name;
	}

	/**
	 * `sleep` in a namespace: the named one, or with no name a new one of its own
	 * that has no name, like a container's (`unshare -n`). Resolves once it is inside.
	 */
	async sleeper(namespace?: string): Promise<ChildProcess> {
		const [file, args] = namespace
			? (['ip', ['netns', 'exec', namespace, 'sleep', '600']] as const)
			: (['unshare', ['--net', 'sleep', '600']] as const);
		// sleep 600, not infinity: one that a crashed test leaves behind ends by itself.
		const child = spawn(file, args, {stdio: 'ignore'});
		this.processes.push(child);
		const pid = child.pid;
		if (pid === undefined) throw new Error(`could not start ${file}`);
		const own = readlinkSync('/proc/self/ns/net');
		// ip and unshare exec sleep in the same process once they have switched namespace.
		for (let tries = 0; tries < 100; tries++) {
			try {
				if (
					readlinkSync(`/proc/${pid}/exe`).endsWith('/sleep') &&
					readlinkSync(`/proc/${pid}/ns/net`) !== own
				)
					return child;
			} catch {
				// not there yet
			}
			await sleep(20);
		}
		throw new Error(`${file} did not get into its namespace`);
	}

	/** The pid of a new sleeper (see sleeper()). */
	async sleeperPid(namespace?: string): Promise<number> {
		return (await this.sleeper(namespace)).pid!;
	}

	/**
	 * A bind mount of the namespace `pid` is in onto a file outside /run/netns,
	 * the way container runtimes keep theirs; its path.
	 */
	bindOutside(pid: number, file = 'held'): string {
		const dir = mkdtempSync(path.join(tmpdir(), `${this.prefix}-bind-`));
		const holder = path.join(dir, file);
		writeFileSync(holder, '');
		this.bindMounts.push({dir, holder});
		sh('mount', '--bind', `/proc/${pid}/ns/net`, holder);
		return holder;
	}

	/** seed 000 §3: two namespaces joined by one veth pair. */
	direct() {
		const ns1 = this.ns('ns1');
		const ns2 = this.ns('ns2');
		ip('-n', ns1, 'link', 'add', 'veth0', 'type', 'veth', 'peer', 'name', 'veth1', 'netns', ns2);
		ip('-n', ns1, 'addr', 'add', '192.168.1.1/24', 'dev', 'veth0');
		ip('-n', ns2, 'addr', 'add', '192.168.1.2/24', 'dev', 'veth1');
		ip('-n', ns1, 'link', 'set', 'veth0', 'up');
		ip('-n', ns2, 'link', 'set', 'veth1', 'up');
		return {ns1, ns2};
	}

	/** seed 000 §4: a and b routed through router, which forwards. */
	router() {
		const a = this.ns('a');
		const router = this.ns('router');
		const b = this.ns('b');
		ip(
			'-n',
			a,
			'link',
			'add',
			'veth-ns1',
			'type',
			'veth',
			'peer',
			'name',
			'veth-router1',
			'netns',
			router,
		);
		ip(
			'-n',
			b,
			'link',
			'add',
			'veth-ns2',
			'type',
			'veth',
			'peer',
			'name',
			'veth-router2',
			'netns',
			router,
		);
		ip('-n', a, 'addr', 'add', '192.168.1.1/24', 'dev', 'veth-ns1');
		ip('-n', router, 'addr', 'add', '192.168.1.254/24', 'dev', 'veth-router1');
		ip('-n', router, 'addr', 'add', '192.168.2.254/24', 'dev', 'veth-router2');
		ip('-n', b, 'addr', 'add', '192.168.2.1/24', 'dev', 'veth-ns2');
		for (const [ns, dev] of [
			[a, 'veth-ns1'],
			[router, 'veth-router1'],
			[router, 'veth-router2'],
			[b, 'veth-ns2'],
		] as const) {
			ip('-n', ns, 'link', 'set', dev, 'up');
		}
		sh('ip', 'netns', 'exec', router, 'sysctl', '-qw', 'net.ipv4.ip_forward=1');
		ip('-n', a, 'route', 'add', 'default', 'via', '192.168.1.254');
		ip('-n', b, 'route', 'add', 'default', 'via', '192.168.2.254');
		return {a, router, b};
	}

	/** seed 001, with a namespace standing in for the host: web and db on bridge vnet-0. */
	bridge() {
		const host = this.ns('host');
		const web = this.ns('web');
		const db = this.ns('db');
		ip('-n', host, 'link', 'add', 'vnet-0', 'type', 'bridge');
		ip('-n', host, 'addr', 'add', '192.168.15.1/24', 'dev', 'vnet-0');
		ip('-n', host, 'link', 'set', 'vnet-0', 'up');
		for (const [ns, inner, outer, address] of [
			[web, 'eth0-web', 'veth-web-br', '192.168.15.5/24'],
			[db, 'eth0-db', 'veth-db-br', '192.168.15.6/24'],
		] as const) {
			ip('-n', ns, 'link', 'add', inner, 'type', 'veth', 'peer', 'name', outer, 'netns', host);
			ip('-n', host, 'link', 'set', outer, 'master', 'vnet-0');
			ip('-n', host, 'link', 'set', outer, 'up');
			ip('-n', ns, 'addr', 'add', address, 'dev', inner);
			ip('-n', ns, 'link', 'set', inner, 'up');
			ip('-n', ns, 'route', 'add', 'default', 'via', '192.168.15.1');
		}
		return {host, web, db};
	}

	/** Removes the bind mounts, ends the processes (by pid) and deletes every namespace under the prefix, also ones a test named by hand. */
	async teardown() {
		// Each step on its own: one that fails (a busy mount, seen with several test runs at once) must not keep the namespaces.
		for (const {dir, holder} of this.bindMounts.splice(0)) {
			try {
				sh('umount', holder);
			} catch {
				try {
					sh('umount', '-l', holder);
				} catch {}
			}
			try {
				rmSync(dir, {recursive: true, force: true});
			} catch {}
		}
		for (const child of this.processes.splice(0)) child.kill('SIGKILL');
		const names = new Set([
			...this.namespaces.splice(0),
			...netnsNames().filter(name => name.startsWith(`${this.prefix}-`)),
		]);
		for (const name of names) {
			try {
				ip('netns', 'del', name);
			} catch {}
		}
	}
}
