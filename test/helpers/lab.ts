// Real topologies for system tests, in namespaces named PREFIX-* that the test owns.
// Every namespace and process made here is removed by `teardown`, whatever happened.
import {execFileSync, spawn, type ChildProcess} from 'node:child_process';
import {mkdtempSync, readlinkSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';

let counter = 0;
export const uniquePrefix = (what: string) => `nstui-${what}-${process.pid}-${++counter}`;

export const sh = (file: string, ...args: string[]): string =>
	execFileSync(file, args, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
export const ip = (...args: string[]) => sh('ip', ...args);
export const ipJson = <T = any>(...args: string[]): T => JSON.parse(ip('-j', ...args)) as T;

export class Lab {
	readonly namespaces: string[] = [];
	readonly processes: ChildProcess[] = [];
	private readonly bindMounts: Array<{dir: string; holder: string}> = [];
	constructor(readonly prefix: string) {}

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

	ns(short: string): string {
		const name = `${this.prefix}-${short}`;
		ip('netns', 'add', name);
		this.namespaces.push(name);
		ip('-n', name, 'link', 'set', 'lo', 'up');
		return name;
	}

	/** A process in a namespace of its own that has no name, like a container's. */
	async unnamed(): Promise<ChildProcess> {
		const child = spawn('unshare', ['--net', 'sleep', 'infinity'], {stdio: 'ignore'});
		this.processes.push(child);
		const own = readlinkSync('/proc/self/ns/net');
		for (let i = 0; i < 100; i++) {
			try {
				if (readlinkSync(`/proc/${child.pid}/ns/net`) !== own) return child;
			} catch {}
			await sleep(20);
		}
		throw new Error('unshare did not enter a new namespace');
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
		ip('-n', a, 'link', 'add', 'veth-ns1', 'type', 'veth', 'peer', 'name', 'veth-router1', 'netns', router);
		ip('-n', b, 'link', 'add', 'veth-ns2', 'type', 'veth', 'peer', 'name', 'veth-router2', 'netns', router);
		ip('-n', a, 'addr', 'add', '192.168.1.1/24', 'dev', 'veth-ns1');
		ip('-n', router, 'addr', 'add', '192.168.1.254/24', 'dev', 'veth-router1');
		ip('-n', router, 'addr', 'add', '192.168.2.254/24', 'dev', 'veth-router2');
		ip('-n', b, 'addr', 'add', '192.168.2.1/24', 'dev', 'veth-ns2');
		for (const [ns, dev] of [[a, 'veth-ns1'], [router, 'veth-router1'], [router, 'veth-router2'], [b, 'veth-ns2']] as const) {
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

	async teardown() {
		for (const {dir, holder} of this.bindMounts) {
			try {
				sh('umount', holder);
			} catch {}
			rmSync(dir, {recursive: true, force: true});
		}
		for (const child of this.processes) child.kill('SIGKILL');
		for (const name of this.namespaces) {
			try {
				ip('netns', 'del', name);
			} catch {}
		}
	}
}

export const inodeOf = (path: string) => Number(/\[(\d+)\]/.exec(readlinkSync(path))?.[1] ?? NaN);
