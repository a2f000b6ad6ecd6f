// Container engines of the tests' own: a dockerd (with the containerd it starts)
// on a private socket, data-root and exec-root, and podman on a private storage
// root, all under one mkdtemp directory; an image built offline from
// busybox-static. Nothing reaches the host's network namespace: no bridge, no
// iptables, no ip_forward (a dockerd started inside a test namespace makes its
// docker0, iptables and forwarding there only). Everything is stopped by PID
// and removed in stop().
import {execFile, spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	symlinkSync,
} from 'node:fs';
import {request} from 'node:http';
import {setTimeout as sleep} from 'node:timers/promises';
import {findProgram} from '../../source/system/programs.js';

type Ran = {ok: boolean; stdout: string; stderr: string};

/** A program with extra environment (DOCKER_HOST), cut off after timeoutMs. */
function run(
	file: string,
	args: string[],
	options: {env?: Record<string, string>; timeoutMs?: number} = {},
): Promise<Ran> {
	return new Promise(resolve => {
		execFile(
			file,
			args,
			{
				env: {...process.env, ...options.env},
				timeout: options.timeoutMs ?? 30_000,
				maxBuffer: 16 * 1024 * 1024,
			},
			(error, stdout, stderr) =>
				resolve({
					ok: !error,
					stdout: String(stdout),
					stderr: String(stderr) || String(error?.message ?? ''),
				}),
		);
	});
}

export const busybox =
	['/bin/busybox', '/usr/bin/busybox'].find(path => existsSync(path) && isStatic(path)) ?? null;

function isStatic(path: string): boolean {
	// A static ELF has no program interpreter (PT_INTERP names ld-linux).
	return !readFileSync(path).subarray(0, 4096).includes('ld-linux');
}

/** For `{skip}`: false when root with the engine's programs and a static busybox, else why not. */
export function needsEngine(...programs: string[]): string | false {
	if (process.getuid?.() !== 0) return 'needs root: runs its own container engine';
	const missing = programs.filter(program => findProgram(program) === null);
	if (missing.length > 0)
		return `needs ${missing.join(', ')} (Debian: docker.io, podman), not installed here`;
	return busybox
		? false
		: 'needs a static busybox (Debian: busybox-static) to build a test image offline';
}

/** A root filesystem with busybox as /bin/sh and /bin/sleep, as a tar stream for `docker import` / `podman import`. */
/** A tar of busyboxRootfs(dir), for `docker import` / `podman import`. */
async function busyboxTar(dir: string): Promise<string> {
	const tar = `${dir}/rootfs.tar`;
	const made = await run('tar', ['-C', busyboxRootfs(dir), '-cf', tar, '.']);
	if (!made.ok) throw new Error(made.stderr);
	return tar;
}

export function busyboxRootfs(dir: string): string {
	const root = `${dir}/rootfs`;
	mkdirSync(`${root}/bin`, {recursive: true});
	copyFileSync(busybox!, `${root}/bin/busybox`);
	for (const applet of ['sh', 'sleep', 'ip', 'cat', 'httpd', 'kill', 'mkdir'])
		symlinkSync('busybox', `${root}/bin/${applet}`);
	return root;
}

const ipForward = () => readFileSync('/proc/sys/net/ipv4/ip_forward', 'utf8').trim();

export class PrivateDocker {
	readonly dir = mkdtempSync('/tmp/nstui-docker-');
	readonly socket = `${this.dir}/docker.sock`;
	readonly host = `unix://${this.socket}`;
	private daemon: ChildProcess | null = null;
	private readonly forwardBefore = ipForward();
	/** Set when the host's ip_forward was found changed (and put back). */
	forwardChanged = false;

	/**
	 * With `netns` (a test namespace's name), dockerd runs inside it as it runs on a
	 * host: its default bridge, iptables and ip_forward, all in that namespace.
	 */
	constructor(private readonly netns: string | null = null) {}

	async start(): Promise<void> {
		const common = [
			`--host=${this.host}`,
			`--data-root=${this.dir}/data`,
			`--exec-root=${this.dir}/exec`,
			`--pidfile=${this.dir}/docker.pid`,
			// Its own containerd, under exec-root (not a host one that may run): killed with it in stop().
			`--containerd-namespace=nstui-${process.pid}`,
		];
		const isolated = [
			'--bridge=none',
			'--iptables=false',
			'--ip6tables=false',
			'--ip-forward=false',
		];
		// nsenter, not `ip netns exec`: that remounts /sys, and dockerd needs the host's cgroup mounts under it.
		this.daemon = this.netns
			? spawn(
					'nsenter',
					[`--net=/run/netns/${this.netns}`, 'dockerd', ...common, '--ip6tables=false'],
					{
						stdio: ['ignore', 'ignore', 'ignore'],
					},
				)
			: spawn('dockerd', [...common, ...isolated], {stdio: ['ignore', 'ignore', 'ignore']});
		for (let tries = 0; tries < 300; tries++) {
			if (await ping(this.socket)) return;
			if (this.daemon.exitCode !== null)
				throw new Error(`dockerd exited (${this.daemon.exitCode})`);
			await sleep(100);
		}
		throw new Error('dockerd did not answer within 30 s');
	}

	/** The docker CLI against this daemon. */
	async docker(...args: string[]): Promise<string> {
		const result = await run('docker', args, {env: {DOCKER_HOST: this.host}, timeoutMs: 60_000});
		if (!result.ok) throw new Error(`docker ${args.join(' ')}: ${result.stderr}`);
		return result.stdout.trim();
	}

	async importImage(name: string): Promise<void> {
		await this.docker('import', await busyboxTar(this.dir), name);
	}

	async pidOf(container: string): Promise<number> {
		return Number(await this.docker('inspect', '-f', '{{.State.Pid}}', container));
	}

	/** Freezes the daemon: its socket still accepts, nothing answers. */
	pause(paused: boolean) {
		if (this.daemon?.pid) process.kill(this.daemon.pid, paused ? 'SIGSTOP' : 'SIGCONT');
	}

	/** Removes the containers and images, stops dockerd and its containerd by PID, unmounts and deletes the directory. */
	async stop(): Promise<void> {
		const daemon = this.daemon;
		if (daemon?.pid && daemon.exitCode === null) {
			this.pause(false);
			const ids = await run('docker', ['ps', '-aq'], {
				env: {DOCKER_HOST: this.host},
				timeoutMs: 20_000,
			});
			const list = ids.stdout.split('\n').filter(Boolean);
			if (list.length > 0)
				await run('docker', ['rm', '-f', ...list], {
					env: {DOCKER_HOST: this.host},
					timeoutMs: 60_000,
				});
			const containerd = readPid(`${this.dir}/exec/containerd/containerd.pid`);
			daemon.kill('SIGTERM');
			await waitExit(daemon, 20_000);
			if (containerd !== null && alive(containerd)) {
				process.kill(containerd, 'SIGTERM');
				for (let tries = 0; tries < 50 && alive(containerd); tries++) await sleep(100);
				if (alive(containerd)) process.kill(containerd, 'SIGKILL');
			}
		}
		unmountUnder(this.dir);
		rmSync(this.dir, {recursive: true, force: true});
		if (ipForward() !== this.forwardBefore) {
			this.forwardChanged = true;
			await run('sysctl', ['-qw', `net.ipv4.ip_forward=${this.forwardBefore}`]);
		}
	}
}

export class PrivatePodman {
	readonly dir = mkdtempSync('/tmp/nstui-podman-');
	/** Its containers/storage graph root, where containers.json is. */
	readonly storage = `${this.dir}/root`;

	async podman(...args: string[]): Promise<string> {
		const global = [
			`--root=${this.storage}`,
			`--runroot=${this.dir}/run`,
			`--tmpdir=${this.dir}/tmp`,
			'--cgroup-manager=cgroupfs',
			'--events-backend=none',
			'--storage-driver=vfs',
		];
		const result = await run('podman', [...global, ...args], {timeoutMs: 120_000});
		if (!result.ok) throw new Error(`podman ${args.join(' ')}: ${result.stderr}`);
		return result.stdout.trim();
	}

	async importImage(name: string): Promise<void> {
		await this.podman('import', await busyboxTar(this.dir), name);
	}

	/** podman run -d with the limits rootful podman needs on this VM. */
	async runDetached(...args: string[]): Promise<string> {
		return this.podman(
			'run',
			'-d',
			'--ulimit',
			'nofile=4096:4096',
			'--ulimit',
			'nproc=4096:4096',
			...args,
		);
	}

	async stop(): Promise<void> {
		try {
			await this.podman('rm', '-af', '-t', '0');
			await this.podman('rmi', '-af');
		} catch {
			// the directory goes below whatever is left
		}
		unmountUnder(this.dir);
		rmSync(this.dir, {recursive: true, force: true});
	}
}

function unmountUnder(dir: string) {
	const mounts = readFileSync('/proc/self/mountinfo', 'utf8')
		.split('\n')
		.map(line => line.split(' ')[4] ?? '')
		.filter(path => path === dir || path.startsWith(`${dir}/`))
		.sort((a, b) => b.length - a.length);
	for (const path of mounts) spawnSync('umount', ['-l', path], {stdio: 'ignore'});
}

function readPid(path: string): number | null {
	try {
		return Number(readFileSync(path, 'utf8').trim()) || null;
	} catch {
		return null;
	}
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

async function waitExit(child: ChildProcess, timeoutMs: number) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const done = new Promise(resolve => child.once('exit', resolve));
	const late = sleep(timeoutMs).then(() => 'late');
	if ((await Promise.race([done, late])) === 'late' && child.pid) child.kill('SIGKILL');
}

function ping(socket: string): Promise<boolean> {
	return new Promise(resolve => {
		if (!existsSync(socket)) return resolve(false);
		const req = request({socketPath: socket, path: '/_ping', agent: false}, response => {
			response.resume();
			resolve(response.statusCode === 200);
		});
		req.setTimeout(1000, () => req.destroy());
		req.on('error', () => resolve(false));
		req.end();
	});
}
