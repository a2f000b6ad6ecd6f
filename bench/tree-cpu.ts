// The CPU of a process and of everything it started, from /proc, for the benches
// that measure the TUI from outside.
import {spawn} from 'node:child_process';
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
	const fields = (of: number) =>
		readFileSync(`/proc/${of}/stat`, 'utf8').split(') ')[1]!.split(' ');
	let ticks = 0;
	const visit = (of: number) => {
		try {
			const f = fields(of);
			ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
			for (const child of readFileSync(`/proc/${of}/task/${of}/children`, 'utf8')
				.trim()
				.split(/\s+/)
				.filter(Boolean))
				visit(Number(child));
		} catch {}
	};
	visit(pid);
	return ticks;
}

/**
 * Waits until `ticks` (a process tree's CPU) grows by at most one tick in ten
 * seconds, at most 90 s. Ten, not five: V8 gives back the memory of a node
 * program's start-up 8 s after its last full collection (its "memory
 * reducer": up to three more collections, ~0.2 s of CPU for the TUI on a big
 * host), once, and that is start-up too.
 */
export async function untilSettled(ticks: () => number): Promise<number> {
	const started = performance.now();
	for (let before = ticks(); performance.now() - started < 90_000;) {
		await delay(10_000);
		const now = ticks();
		if (now - before <= 1) break;
		before = now;
	}
	return performance.now() - started;
}

/**
 * The CPU (clock ticks) `ticks` grows by while a process appears in the host's
 * namespace every `everyMs` and ends 1.5 s later, `count` times: what the TUI
 * spends to show such changes (two each: it appears, it ends), as cron jobs and
 * agents make them on a server.
 */
export async function ticksWhileProcessesComeAndGo(
	ticks: () => number,
	count: number,
	everyMs = 3000,
): Promise<number> {
	const before = ticks();
	for (let i = 0; i < count; i++) {
		// Lives longer than the TUI gathers process events (0.75 s), so it is shown, then shown gone.
		spawn('sleep', ['1.5'], {stdio: 'ignore'}).unref();
		await delay(everyMs);
	}
	return ticks() - before;
}
