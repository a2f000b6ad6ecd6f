// Process churn (issue 24): what the TUI's whole tree spends while the host
// starts and ends short-lived processes at a fixed rate, as cron, monitoring
// agents, exec probes and CI runners do on a server. A python parent forks
// children that exit at once, `rate` a second; the tree's CPU (every process
// it started, reaped or not: utime, stime, cutime, cstime) is counted over the
// same window with no load, then at each rate, in the same run.
//   node --import tsx bench/churn.ts NAMESPACES [SECONDS] [RATES]   (on a lab that is up: bench/hold.ts)
// RATES: comma list, default 2,20.
import {execFileSync, spawn} from 'node:child_process';
import {setTimeout as delay} from 'node:timers/promises';
import type {Row} from './measure.js';
import {startTuiInTmux, tmux} from './tmux-tui.js';
import {treeTicks, untilSettled} from './tree-cpu.js';

const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).trim());

/** Forks a child that exits at once, `rate` times a second, until killed. */
const forker = String.raw`
import os, sys, time
interval = 1.0 / float(sys.argv[1])
due = time.monotonic()
while True:
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    due += interval
    left = due - time.monotonic()
    if left > 0:
        time.sleep(left)
`;

/** The tree's ticks over `seconds` while `rate` processes a second come and go (0: none). */
export async function ticksUnderChurn(pid: number, rate: number, seconds: number): Promise<number> {
	const load = rate > 0 ? spawn('python3', ['-c', forker, String(rate)], {stdio: 'ignore'}) : null;
	try {
		// The first events reach the TUI before the window opens.
		if (load) await delay(2000);
		const before = treeTicks(pid);
		await delay(seconds * 1000);
		return treeTicks(pid) - before;
	} finally {
		load?.kill('SIGKILL');
	}
}

/** Rows for churn at 0 and each rate; the CPU of one such process is the difference to none, per process. */
export async function measureChurn(
	pid: number,
	namespaces: number,
	processes: number,
	seconds: number,
	rates = [2, 20],
): Promise<Row[]> {
	const percent = (ticks: number) => (ticks / clockTicks / seconds) * 100;
	const none = await ticksUnderChurn(pid, 0, seconds);
	const targets: Record<number, number> = {0: 0.15, 2: 0.3, 20: 1};
	const rows: Row[] = [
		{
			what: `churn: no host processes started, ${seconds} s, ${namespaces} namespaces, ${processes} processes, whole tree`,
			nstui: percent(none),
			comparison: null,
			against: 'absolute, of one core',
			target: targets[0]!,
			unit: '%',
		},
	];
	for (const rate of rates) {
		await untilSettled(() => treeTicks(pid));
		const ticks = await ticksUnderChurn(pid, rate, seconds);
		const perProcessMs = (((ticks - none) / clockTicks) * 1000) / (rate * seconds);
		rows.push({
			what: `churn: ${rate} host processes a second (fork, exit at once), ${seconds} s, whole tree; ${perProcessMs.toFixed(2)} ms of CPU per process beyond none`,
			nstui: percent(ticks),
			comparison: null,
			against: 'absolute, of one core',
			target: targets[rate] ?? null,
			unit: '%',
		});
	}
	return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const {printTable} = await import('./measure.js');
	const [namespaces = 1000, seconds = 60] = process.argv.slice(2, 4).map(Number);
	const rates = (process.argv[4] ?? '2,20').split(',').map(Number);
	const session = `nstui-bench-churn-${process.pid}`;
	try {
		const pid = await startTuiInTmux(session, namespaces, 3);
		console.log(`settled ${((await untilSettled(() => treeTicks(pid))) / 1000).toFixed(0)} s`);
		printTable(await measureChurn(pid, namespaces, Number.NaN, seconds, rates));
	} finally {
		try {
			tmux('kill-session', '-t', session);
		} catch {}
	}
}
