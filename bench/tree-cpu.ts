// The CPU of a process and of everything it started, from /proc, for the benches
// that measure the TUI from outside.
import {readFileSync} from 'node:fs';
import {setTimeout as delay} from 'node:timers/promises';

/** A process's own utime + stime, in clock ticks. */
export function cpuTicks(pid: number): number {
	// Fields after the command name, which is in parentheses and may hold spaces.
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
	return Number(fields[11]) + Number(fields[12]);
}

/** A process and every process it started, alive or reaped (its readers, its watcher, the ip they run): utime, stime, cutime, cstime of each. */
export function treeTicks(pid: number): number {
	const fields = (of: number) => readFileSync(`/proc/${of}/stat`, 'utf8').split(') ')[1]!.split(' ');
	let ticks = 0;
	const visit = (of: number) => {
		try {
			const f = fields(of);
			ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
			for (const child of readFileSync(`/proc/${of}/task/${of}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) visit(Number(child));
		} catch {}
	};
	visit(pid);
	return ticks;
}

/** Waits until `ticks` (a process tree's CPU) grows by at most one tick in five seconds, at least 3 s and at most 90 s. */
export async function untilSettled(ticks: () => number): Promise<number> {
	const started = performance.now();
	await delay(3_000);
	for (let before = ticks(); performance.now() - started < 90_000; ) {
		await delay(5_000);
		const now = ticks();
		if (now - before <= 1) break;
		before = now;
	}
	return performance.now() - started;
}
