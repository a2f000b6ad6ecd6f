// Runs the namespace watcher (watcher-program.ts) and keeps its
// subscriptions equal to the namespaces discovery last found: a namespace that
// has gone must lose its socket, or the socket would keep it alive.
import type {ChildProcessWithoutNullStreams} from 'node:child_process';
import {
	coalesceSeconds,
	parseWatcherLine,
	processHoldSeconds,
	watchedGroups,
} from '../model/watch-protocol.js';
import {perlAvailable, setnsSyscall} from './perl.js';
import {killGroup, startKept} from './run.js';
import {watcherProgram} from './watcher-program.js';

export type WatcherEvents = {
	/** Namespaces (by inode) that had rtnetlink events. */
	changed(inodes: number[]): void;
	/**
	 * These namespaces are watched from now on. What changed in one between its
	 * last reading and this moment sent no event to nstui (a container engine
	 * moves eth0 in right after it made the namespace): read it again.
	 */
	watching?(inodes: number[]): void;
	/** nstui's mount table changed (a namespace mounted or unmounted). */
	mounts(): void;
	/** The watcher could not watch these (they are read on a timer instead), or has stopped. */
	failed?(inodes: number[]): void;
	/** Processes started (or exec'd) and ended on the host, from the kernel's proc connector. */
	processes?(started: number[], ended: number[]): void;
	/** Whether process events arrive (see processEvents); false too when the watcher stopped. */
	processEvents?(on: boolean): void;
	/** Process events were dropped: what processes exist must be found by a scan. */
	processesLost?(): void;
};

export type WatcherOptions = {
	/** Also listen to the kernel's process events (root only); unset: no. */
	processes?: boolean;
};

export class NamespaceWatcher {
	private child: ChildProcessWithoutNullStreams | null = null;
	/** Asked for, by inode: the path it was asked with. */
	private readonly wanted = new Map<number, string>();
	/** Could not be watched: discovery reads them on a timer. */
	readonly unwatched = new Set<number>();
	/** Answered `watching`: events from these namespaces arrive. */
	readonly watching = new Set<number>();
	/** The kernel sends process events (the watcher said `procs on`). */
	processEvents = false;
	private rest = '';
	private closed = false;

	constructor(
		private readonly events: WatcherEvents,
		private readonly options: WatcherOptions = {},
	) {}

	/** Can a watcher run here (perl and a known setns number)? */
	static available(): boolean {
		return perlAvailable();
	}

	get pid(): number | undefined {
		return this.child?.pid;
	}

	/** Watches exactly these namespaces (inode -> a path that leads into it), starting and stopping only the difference. */
	sync(namespaces: ReadonlyMap<number, string>) {
		if (this.closed) return;
		const child = this.child ?? this.start();
		if (!child) {
			for (const inode of namespaces.keys()) this.unwatched.add(inode);
			return;
		}
		let commands = '';
		for (const [inode, path] of namespaces) {
			// One that failed is asked again: `ip netns add` makes the file before it mounts the namespace there.
			if (this.wanted.has(inode) && !this.unwatched.has(inode)) continue;
			this.wanted.set(inode, path);
			commands += `+${inode} ${path}\0`;
		}
		for (const inode of [...this.wanted.keys()]) {
			if (namespaces.has(inode)) continue;
			this.wanted.delete(inode);
			this.unwatched.delete(inode);
			this.watching.delete(inode);
			commands += `-${inode}\0`;
		}
		if (commands) child.stdin.write(commands);
	}

	close() {
		this.closed = true;
		const child = this.child;
		this.child = null;
		killGroup(child?.pid);
	}

	private start(): ChildProcessWithoutNullStreams | null {
		if (!NamespaceWatcher.available()) return null;
		const args = [
			'-e',
			watcherProgram,
			String(setnsSyscall[process.arch]),
			String(watchedGroups),
			String(coalesceSeconds),
			this.options.processes ? '1' : '0',
			String(processHoldSeconds),
		];
		const child = startKept('perl', args);
		this.child = child;
		child.stdout.setEncoding('utf8');
		child.stdout.on('data', (chunk: string) => this.take(chunk));
		child.stderr.resume();
		child.stdin.on('error', () => {});
		child.once('exit', () => {
			if (this.child !== child) return;
			// Everything is read on a timer until the next sync starts a new one and asks again.
			this.child = null;
			const lost = [...this.wanted.keys()];
			this.wanted.clear();
			this.watching.clear();
			for (const inode of lost) this.unwatched.add(inode);
			this.events.failed?.(lost);
			this.setProcessEvents(false);
		});
		return child;
	}

	private take(chunk: string) {
		const lines = (this.rest + chunk).split('\n');
		this.rest = lines.pop()!;
		const changed = new Set<number>();
		let mounts = false;
		const failed: number[] = [];
		const watching: number[] = [];
		const started = new Set<number>();
		const ended = new Set<number>();
		let processesLost = false;
		for (const line of lines) {
			const parsed = parseWatcherLine(line);
			if (!parsed) continue;
			if (parsed.kind === 'changed') for (const inode of parsed.inodes) changed.add(inode);
			else if (parsed.kind === 'procs') {
				for (const pid of parsed.started) started.add(pid);
				for (const pid of parsed.ended) {
					started.delete(pid);
					ended.add(pid);
				}
			} else if (parsed.kind === 'procs-on' || parsed.kind === 'procs-off')
				this.setProcessEvents(parsed.kind === 'procs-on');
			else if (parsed.kind === 'procs-lost') processesLost = true;
			else if (parsed.kind === 'mounts') mounts = true;
			else if (parsed.kind === 'watching') {
				if (!this.watching.has(parsed.inode)) watching.push(parsed.inode);
				this.watching.add(parsed.inode);
				this.unwatched.delete(parsed.inode);
			} else if (parsed.kind === 'failed' && this.wanted.has(parsed.inode)) {
				this.unwatched.add(parsed.inode);
				failed.push(parsed.inode);
			}
		}
		if (failed.length > 0) this.events.failed?.(failed);
		if (watching.length > 0) this.events.watching?.(watching);
		if (mounts) this.events.mounts();
		if (changed.size > 0) this.events.changed([...changed]);
		if (started.size > 0 || ended.size > 0) this.events.processes?.([...started], [...ended]);
		if (processesLost) this.events.processesLost?.();
	}

	private setProcessEvents(on: boolean) {
		if (this.processEvents === on) return;
		this.processEvents = on;
		this.events.processEvents?.(on);
	}
}
