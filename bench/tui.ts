// The TUI on the scale lab, the way a user runs it: in tmux, measured from outside.
import {execFileSync} from 'node:child_process';
import {readFileSync, watch} from 'node:fs';
import {setTimeout as delay} from 'node:timers/promises';
import {median, waitForQuietMachine, type Row} from './measure.js';
import {measureLive} from './live.js';
import {cpuTicks, ticksWhileProcessesComeAndGo, treeTicks, untilSettled} from './tree-cpu.js';
import {safetyNetMs, watchedHoldersEveryMs} from '../source/ui/app/live-load.js';

const session = `nstui-bench-tui-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', args, {encoding: 'utf8'});
const screen = () => tmux('capture-pane', '-p', '-t', session);
const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).trim());

const rssMb = (pid: number) =>
	Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

async function until(
	check: (text: string) => boolean,
	timeoutMs: number,
	stepMs = 5,
): Promise<string> {
	const deadline = performance.now() + timeoutMs;
	for (;;) {
		const text = screen();
		if (check(text)) return text;
		if (performance.now() > deadline)
			throw new Error(`the TUI did not show what was expected in time:\n${text}`);
		await delay(stepMs);
	}
}

/** The row the selection marker is on in the Namespaces pane. */
const selectedRow = (text: string) => text.split('\n').findIndex(line => line.startsWith('›'));

/** Starts `command` in a fresh tmux session; the time until the first full frame (the header counts every namespace, the list is drawn). */
async function startUntilFirstFrame(command: string, namespaces: number): Promise<number> {
	const started = performance.now();
	tmux(
		'new-session',
		'-d',
		'-x',
		'120',
		'-y',
		'40',
		'-s',
		session,
		`env -u CI TERM=xterm-256color ${command}`,
	);
	await until(
		text => Number(/(\d+) namespaces/.exec(text)?.[1] ?? 0) >= namespaces && selectedRow(text) > 0,
		30_000,
	);
	return performance.now() - started;
}

const killSession = () => {
	try {
		tmux('kill-session', '-t', session);
	} catch {}
};

/** holderMs: what one holder scan costs (bench/holders.ts), the part of the safety net that runs more often. */
export async function measureTui(
	namespaces: number,
	idleSeconds: number,
	standalone: {file: string; node: string},
	names: string[] = [],
	prefix = '',
	holderMs = 0,
): Promise<Row[]> {
	const waited = await waitForQuietMachine();
	console.log(
		`(waited ${(waited / 1000).toFixed(0)} s for the machine to settle before starting the TUI)`,
	);
	// The standalone executable first, on its own: the same start, another runtime.
	// A standalone build that does not start is a row of its own, not the end of the bench.
	let standaloneFrame = Number.NaN;
	try {
		standaloneFrame = await startUntilFirstFrame(standalone.file, namespaces);
	} catch (error) {
		console.log(
			`(the standalone executable's TUI did not show a full frame: ${String(error).split('\n')[0]})`,
		);
	} finally {
		killSession();
	}
	await waitForQuietMachine();
	try {
		const firstFrame = await startUntilFirstFrame('dist/cli.js', namespaces);
		const pid = Number(tmux('display-message', '-p', '-t', session, '#{pane_pid}').trim());
		const keys: number[] = [];
		for (let i = 0; i < 10; i++) {
			const before = selectedRow(screen());
			const pressed = performance.now();
			tmux('send-keys', '-t', session, 'j');
			await until(text => selectedRow(text) !== before, 5_000, 1);
			keys.push(performance.now() - pressed);
		}

		// Idle starts when the TUI has finished its own work: after the first frame it still reads every
		// namespace in slices (seconds at 1,000 namespaces), which is start-up, not idle.
		const settled = await untilSettled(() => treeTicks(pid));
		console.log(`(the TUI settled ${(settled / 1000).toFixed(0)} s after the key presses)`);
		const ticksBefore = cpuTicks(pid);
		const treeBefore = treeTicks(pid);
		// What else happened on the host meanwhile (other jobs on a shared machine): nstui must show it, and that costs.
		const lastPid = () =>
			Number(readFileSync('/proc/loadavg', 'utf8').trim().split('/')[1]!.split(' ')[1]);
		const pidBefore = lastPid();
		let netnsEvents = 0;
		const netns = watch('/run/netns', () => netnsEvents++);
		// When in the minute the CPU went: a burst is one piece of work, an even spread is a timer.
		const timeline: number[] = [];
		for (let at = 0, last = treeBefore; at < idleSeconds; at += 5) {
			await delay(Math.min(5, idleSeconds - at) * 1000);
			const now = treeTicks(pid);
			timeline.push(now - last);
			last = now;
		}
		netns.close();
		console.log(
			`(while idle, others on the host started ~${lastPid() - pidBefore} processes and touched /run/netns ${netnsEvents} times; the tree's CPU ticks per 5 s: ${timeline.join(' ')})`,
		);
		const idleCpu = ((cpuTicks(pid) - ticksBefore) / clockTicks / idleSeconds) * 100;
		const idleTree = ((treeTicks(pid) - treeBefore) / clockTicks / idleSeconds) * 100;
		const rss = rssMb(pid);

		// Changes on a host that is not idle: a process appears in the host's namespace and ends, ten times.
		const processChanges = 10;
		const changeTicks = await ticksWhileProcessesComeAndGo(() => treeTicks(pid), processChanges);
		const perChange =
			((changeTicks / clockTicks - (idleTree / 100) * processChanges * 3) * 1000) /
			(2 * processChanges);

		// The safety net: a full re-read (what Ctrl-R does: every namespace, the holder scans, /proc),
		// measured; its holder scans come every watchedHoldersEveryMs, the rest every safetyNetMs.
		const fullBefore = treeTicks(pid);
		const fullSeconds = 10;
		tmux('send-keys', '-t', session, 'C-r');
		await delay(fullSeconds * 1000);
		const fullCpuSeconds =
			(treeTicks(pid) - fullBefore) / clockTicks - (idleTree / 100) * fullSeconds;
		const holderSeconds = Math.min(holderMs / 1000, fullCpuSeconds);
		const safetyNet =
			((fullCpuSeconds - holderSeconds) / (safetyNetMs / 1000) +
				holderSeconds / (watchedHoldersEveryMs / 1000)) *
			100;
		const every = (ms: number) => `${Math.round(ms / 60_000)} min`;

		const live =
			names.length > 1
				? await measureLive(
						{
							text: screen,
							keys: (...keys) => tmux('send-keys', '-t', session, ...keys),
							type: text => tmux('send-keys', '-t', session, '-l', text),
							until,
						},
						names,
						prefix,
					)
				: [];
		return [
			{
				what: `TUI start to first full frame, ${namespaces} namespaces`,
				nstui: firstFrame,
				comparison: null,
				against: 'absolute',
				target: 1000,
				unit: 'ms',
			},
			{
				what: `TUI start to first full frame, ${namespaces} namespaces, standalone executable (${standalone.node})`,
				nstui: standaloneFrame,
				comparison: null,
				against: 'absolute',
				target: 1000,
				unit: 'ms',
			},
			{
				what: `key press to redraw (j), ${namespaces} namespaces, median of 10`,
				nstui: median(keys),
				comparison: null,
				against: 'absolute (tmux round trip included)',
				target: 50,
				unit: 'ms',
			},
			{
				what: `CPU while idle for ${idleSeconds} s, ${namespaces} namespaces`,
				nstui: idleCpu,
				comparison: null,
				against: 'absolute, of one core',
				target: 2,
				unit: '%',
			},
			{
				what: `CPU while idle for ${idleSeconds} s, the whole process tree (nstui, readers, watcher, every ip, reaped or not)`,
				nstui: idleTree,
				comparison: null,
				against: 'absolute, of one core',
				target: 0.5,
				unit: '%',
			},
			{
				what: `safety net, amortized: a full re-read (${fullCpuSeconds.toFixed(2)} s of CPU) every ${every(safetyNetMs)}, its holder scans (${holderSeconds.toFixed(2)} s) every ${every(watchedHoldersEveryMs)}`,
				nstui: safetyNet,
				comparison: null,
				against: 'absolute, of one core',
				target: null,
				unit: '%',
			},
			{
				what: 'idle whole tree with the safety net',
				nstui: idleTree + safetyNet,
				comparison: null,
				against: 'absolute, of one core',
				target: 0.5,
				unit: '%',
			},
			{
				what: `CPU per change shown: a process appears in the host's namespace (its PROC count), then ends; ${processChanges} of each, whole tree`,
				nstui: perChange,
				comparison: null,
				against: 'absolute, per change',
				target: null,
				unit: 'ms',
			},
			{
				what: `resident memory, ${namespaces} namespaces`,
				nstui: rss,
				comparison: null,
				against: 'absolute',
				target: 150,
				unit: 'MB',
			},
			...live,
		];
	} finally {
		killSession();
	}
}
