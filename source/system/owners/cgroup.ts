// Which cgroup each process is in (/proc/PID/cgroup), read once per process.
import {existsSync} from 'node:fs';
import {hintFromCgroup, type CgroupHint} from '../../model/owners.js';
import type {Process} from '../../model/snapshot.js';
import {readText} from '../procfs.js';

// The scan keeps one Process object per living process, so a process's cgroup is read once.
const hints = new WeakMap<Process, CgroupHint | null>();

export function cgroupHintOf(process: Process): CgroupHint | null {
	let hint = hints.get(process);
	if (hint === undefined) {
		const text = readText(`/proc/${process.pid}/cgroup`);
		hint = text === null ? null : hintFromCgroup(text);
		// A process that has gone is asked again under its pid's next owner, not remembered as nothing.
		if (text !== null) hints.set(process, hint);
	}
	return hint;
}

/** Where a cgroup path's directory is: cgroup v2 at /sys/fs/cgroup, or v1's unified or systemd hierarchy. */
const roots = ['/sys/fs/cgroup', '/sys/fs/cgroup/unified', '/sys/fs/cgroup/systemd'];

/** The pids directly in one cgroup; null when it cannot be read. */
export function pidsInCgroup(path: string): number[] | null {
	for (const root of roots) {
		const file = `${root}${path}/cgroup.procs`;
		if (!existsSync(file)) continue;
		const text = readText(file);
		if (text !== null) return text.split('\n').filter(Boolean).map(Number);
	}
	return null;
}
