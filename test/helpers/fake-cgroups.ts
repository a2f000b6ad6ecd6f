// A private cgroup subtree (nstui-<purpose>-<pid>) in which processes the tests
// started are placed under paths an engine would use (…/docker/<id>), to stand
// for containers cheaply: for fault injection and the bench. Removed in cleanup()
// once those processes have gone.
import {existsSync, mkdirSync, readdirSync, rmdirSync, statSync, writeFileSync} from 'node:fs';

/** The v1 pids hierarchy if mounted, else the v2 root. */
function hierarchy(): string | null {
	if (existsSync('/sys/fs/cgroup/pids/cgroup.procs')) return '/sys/fs/cgroup/pids';
	return existsSync('/sys/fs/cgroup/cgroup.procs') ? '/sys/fs/cgroup' : null;
}

export class FakeCgroups {
	readonly root: string | null;

	constructor(purpose: string) {
		const base = hierarchy();
		this.root = base && `${base}/nstui-${purpose}-${process.pid}`;
	}

	/** Moves a process into ROOT/relative (made as needed); returns the path /proc/PID/cgroup will show. */
	place(pid: number, relative: string): void {
		if (!this.root) throw new Error('no cgroup hierarchy to write to');
		const dir = `${this.root}/${relative}`;
		mkdirSync(dir, {recursive: true});
		writeFileSync(`${dir}/cgroup.procs`, String(pid));
	}

	/**
	 * Removes the subtree, deepest first. Its processes must be ending: a cgroup
	 * stays busy for a moment after its last process was killed, so this tries again.
	 */
	async cleanup(): Promise<void> {
		if (!this.root || !existsSync(this.root)) return;
		const remove = (dir: string) => {
			for (const entry of readdirSync(dir)) {
				const path = `${dir}/${entry}`;
				if (statSync(path).isDirectory()) remove(path);
			}
			rmdirSync(dir);
		};
		for (let tries = 0; ; tries++) {
			try {
				remove(this.root);
				return;
			} catch (error) {
				if (tries >= 50 || (error as NodeJS.ErrnoException).code !== 'EBUSY') throw error;
				await new Promise(resolve => setTimeout(resolve, 100));
			}
		}
	}
}
