// Namespaces held in the ways `ip netns` and the process list do not show: by a
// mount in another mount namespace, an open descriptor, a thread, a process
// whose main thread has exited, and (out of nstui's sight altogether) a socket.
// Every process started here is killed by PID in cleanup(), which also removes
// the files it made; the mounts live in the processes' own mount namespaces.
import {spawn, type ChildProcess} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {createInterface} from 'node:readline';
import {setnsSyscall} from '../../source/system/perl.js';

/** A thread that enters the namespace at argv[1]; with argv[2] == 'exit-main' the main thread then exits. */
const threadProgram = String.raw`
import ctypes, os, sys, threading, time
libc = ctypes.CDLL(None, use_errno=True)
path, mode = sys.argv[1], sys.argv[2]
entered = threading.Event()
def worker():
    fd = os.open(path, os.O_RDONLY)
    if libc.setns(fd, 0x40000000) != 0:
        os._exit(3)
    os.close(fd)
    print('ready', threading.get_native_id(), flush=True)
    entered.set()
    time.sleep(600)
threading.Thread(target=worker).start()
entered.wait()
if mode == 'exit-main':
    # exit(2), not exit_group: only the main thread ends.
    libc.syscall({'x86_64': 60, 'aarch64': 93}[os.uname().machine], 0)
time.sleep(600)
`;

/** Holds the namespace at argv[1] by an open descriptor. */
const descriptorProgram = String.raw`open(our $held, '<', $ARGV[0]) or die "$ARGV[0]: $!"; $| = 1; print "ready ", fileno($held), "\n"; sleep 600;`;

/** Holds the namespace at argv[1] by a socket made inside it, and nothing else: no /proc link shows it. */
const socketProgram = String.raw`
my ($setns, $path) = @ARGV;
open(my $home, '<', '/proc/self/ns/net') or die "home: $!";
open(my $ns, '<', $path) or die "$path: $!";
syscall($setns, fileno($ns), 0x40000000) == 0 or die "setns: $!";
socket(our $socket, 2, 2, 0) or die "socket: $!";
syscall($setns, fileno($home), 0x40000000) == 0 or die "setns back: $!";
close $ns; close $home;
$| = 1; print "ready\n"; sleep 600;
`;

/**
 * A new mount namespace starts with a copy of every nsfs mount: unmounted again
 * there (but $HOLDER), or the copies would keep other tests' namespaces alive
 * after those tests delete them.
 */
const dropCopies = `grep ' - nsfs ' /proc/self/mountinfo | cut -d' ' -f5 | grep -vxF "$HOLDER" | xargs -r umount -l`;

export class HeldNamespaces {
	private readonly children: ChildProcess[] = [];
	private readonly dirs: string[] = [];

	constructor(readonly prefix: string) {}

	/** Starts a program and waits for its `ready ...` line; the words after `ready`. */
	private async start(file: string, args: string[]): Promise<{pid: number; words: string[]}> {
		const child = spawn(file, args, {stdio: ['ignore', 'pipe', 'pipe']});
		this.children.push(child);
		let stderr = '';
		child.stderr.on('data', chunk => (stderr += chunk));
		const lines = createInterface({input: child.stdout});
		const line = await new Promise<string>((resolve, reject) => {
			const timer = setTimeout(
				() => reject(new Error(`${file} did not get ready: ${stderr}`)),
				30_000,
			);
			lines.once('line', text => {
				clearTimeout(timer);
				resolve(text);
			});
			child.once('exit', code => {
				clearTimeout(timer);
				reject(new Error(`${file} exited with ${code}: ${stderr}`));
			});
		});
		const [word, ...words] = line.trim().split(' ');
		if (word !== 'ready') throw new Error(`${file} said ${line}`);
		return {pid: child.pid!, words};
	}

	/**
	 * The repro: a namespace bind-mounted inside a private mount
	 * namespace that a sleeper keeps alive; the sleeper itself stays in the
	 * host's network namespace. `inside` runs in the new network namespace first.
	 */
	async inOtherMountNamespace(inside: string[] = ['true']): Promise<{pid: number; path: string}> {
		const file = this.holderFile();
		const script = `${dropCopies}; touch "$1"; shift; unshare --net="$HOLDER" "$@" || exit 1; echo ready; exec sleep 600`;
		const {pid} = await this.start('unshare', [
			'-m',
			'--propagation',
			'private',
			'env',
			`HOLDER=${file}`,
			'sh',
			'-c',
			script,
			'sh',
			file,
			...inside,
		]);
		return {pid, path: file};
	}

	/** The namespace at `nsPath` bind-mounted inside a private mount namespace that a sleeper keeps alive. */
	async mountedInOtherMountNamespace(nsPath: string): Promise<{pid: number; path: string}> {
		const file = this.holderFile();
		const script = `touch "$HOLDER"; mount --bind "$1" "$HOLDER" || exit 1; ${dropCopies}; echo ready; exec sleep 600`;
		const {pid} = await this.start('unshare', [
			'-m',
			'--propagation',
			'private',
			'env',
			`HOLDER=${file}`,
			'sh',
			'-c',
			script,
			'sh',
			nsPath,
		]);
		return {pid, path: file};
	}

	private holderFile(): string {
		const dir = mkdtempSync(path.join(tmpdir(), `${this.prefix}-mnt-`));
		this.dirs.push(dir);
		return path.join(dir, 'held');
	}

	/** An open descriptor on `nsPath` in a process of its own; its pid and fd. */
	async byDescriptor(nsPath: string): Promise<{pid: number; fd: number}> {
		const {pid, words} = await this.start('perl', ['-e', descriptorProgram, nsPath]);
		return {pid, fd: Number(words[0])};
	}

	/** A thread of a python3 process that entered `nsPath`; with exitMain, the main thread has exited since. */
	async byThread(nsPath: string, exitMain = false): Promise<{pid: number; tid: number}> {
		const {pid, words} = await this.start('python3', [
			'-c',
			threadProgram,
			nsPath,
			exitMain ? 'exit-main' : 'stay',
		]);
		return {pid, tid: Number(words[0])};
	}

	/** A socket made inside `nsPath` and nothing else: once its other holders go, nstui cannot see the namespace. */
	async bySocketOnly(nsPath: string): Promise<{pid: number}> {
		const {pid} = await this.start('perl', [
			'-e',
			socketProgram,
			String(setnsSyscall[process.arch]),
			nsPath,
		]);
		return {pid};
	}

	async cleanup() {
		for (const child of this.children) {
			try {
				process.kill(child.pid!, 'SIGKILL');
			} catch {}
		}
		this.children.length = 0;
		for (const dir of this.dirs) rmSync(dir, {recursive: true, force: true});
		this.dirs.length = 0;
	}
}
