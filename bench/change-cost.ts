// What one change shown costs an otherwise idle TUI, on a lab that is already
// up (bench/hold.ts): starts the built nstui in tmux, moves the selection off
// the host (as the bench does), waits until it settles, then counts its whole
// tree's CPU over a quiet window and over a window in which a process appears
// and ends in the host's namespace every few seconds (its PROC count changes:
// two refreshes and two frames each), as cron jobs and agents do on a server.
//   node --import tsx bench/change-cost.ts NAMESPACES [CHANGES]
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {setTimeout as delay} from 'node:timers/promises';
import {startTuiInTmux, tmux} from './tmux-tui.js';
import {cpuTicks, ticksWhileProcessesComeAndGo, treeTicks, untilSettled} from './tree-cpu.js';

const [namespaces = 1000, changes = 10] = process.argv.slice(2).map(Number);
const session = `nstui-bench-change-${process.pid}`;
const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).trim());
const everyMs = 3000;

try {
	const pid = await startTuiInTmux(session, namespaces, 10);
	console.log(
		`settled ${((await untilSettled(() => treeTicks(pid))) / 1000).toFixed(0)} s after the key presses`,
	);
	const quietMs = changes * everyMs;
	const quietBefore = treeTicks(pid);
	await delay(quietMs);
	const quiet = treeTicks(pid) - quietBefore;
	const ownBefore = cpuTicks(pid);
	const busy = await ticksWhileProcessesComeAndGo(() => treeTicks(pid), changes, everyMs);
	const own = cpuTicks(pid) - ownBefore;
	const ms = (ticks: number) => (ticks / clockTicks) * 1000;
	console.log(
		`quiet ${(quietMs / 1000).toFixed(0)} s: ${ms(quiet).toFixed(0)} ms of CPU; with ${changes} processes started and ended: ${ms(busy).toFixed(0)} ms`,
	);
	console.log(
		`of which nstui's own process: ${ms(own).toFixed(0)} ms; resident memory ${(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024).toFixed(0)} MB`,
	);
	console.log(
		`per change shown (each process is two: it appears, it ends): ${(ms(busy - quiet) / (2 * changes)).toFixed(1)} ms`,
	);
} finally {
	try {
		tmux('kill-session', '-t', session);
	} catch {}
}
