// Where an idle TUI's CPU goes, process by process, on a lab that is already up
// (bench/hold.ts): starts the built nstui in tmux, waits for the first frame and
// for it to settle, then counts the CPU time of nstui's whole tree (utime,
// stime, cutime, cstime from /proc/PID/stat, so reaped children count too)
// over the idle window, and what the host did meanwhile.
//   node --import tsx bench/idle.ts NAMESPACES [IDLE_SECONDS] [SETTLE_SECONDS] [KEY_PRESSES]
// KEY_PRESSES: j pressed that many times after the first frame, as the bench does.
// Prints when in the window the CPU went (ticks per 5 s).
// NSTUI_* variables in the environment reach nstui (e.g. a shorter safety net).
import {execFileSync} from 'node:child_process';
import {readFileSync, watch} from 'node:fs';
import {setTimeout as delay} from 'node:timers/promises';

const [namespaces = 1000, idleSeconds = 60, settleSeconds = 20, keyPresses = 0] = process.argv
	.slice(2)
	.map(Number);
const session = `nstui-bench-idle-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', args, {encoding: 'utf8'});
const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).trim());

type Usage = {pid: number; comm: string; own: number; children: number};

/** Each process of the tree under `pid`: its own ticks and its reaped children's. */
function tree(pid: number): Usage[] {
	const found: Usage[] = [];
	const visit = (of: number) => {
		try {
			const stat = readFileSync(`/proc/${of}/stat`, 'utf8');
			const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
			const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			found.push({
				pid: of,
				comm,
				own: Number(f[11]) + Number(f[12]),
				children: Number(f[13]) + Number(f[14]),
			});
			for (const child of readFileSync(`/proc/${of}/task/${of}/children`, 'utf8')
				.trim()
				.split(/\s+/)
				.filter(Boolean))
				visit(Number(child));
		} catch {}
	};
	visit(pid);
	return found;
}

const cmdline = (pid: number) => {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8')
			.split('\0')
			.filter(Boolean)
			.slice(0, 2)
			.join(' ')
			.slice(0, 40);
	} catch {
		return '?';
	}
};
const lastPid = () =>
	Number(readFileSync('/proc/loadavg', 'utf8').trim().split('/')[1]!.split(' ')[1]);
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

try {
	const environment = Object.entries(process.env).flatMap(([key, value]) =>
		key.startsWith('NSTUI_') ? [`${key}=${value}`] : [],
	);
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
		`env -u CI TERM=xterm-256color ${environment.join(' ')} dist/cli.js`,
	);
	for (;;) {
		const text = tmux('capture-pane', '-p', '-t', session);
		if (Number(/(\d+) namespaces/.exec(text)?.[1] ?? 0) >= namespaces && /^›/m.test(text)) break;
		if (performance.now() - started > 60_000) throw new Error(`no full frame:\n${text}`);
		await delay(5);
	}
	console.log(`first full frame after ${Math.round(performance.now() - started)} ms`);
	const pid = Number(tmux('display-message', '-p', '-t', session, '#{pane_pid}').trim());
	for (let i = 0; i < keyPresses; i++) {
		tmux('send-keys', '-t', session, 'j');
		await delay(100);
	}
	await delay(settleSeconds * 1000);
	const before = new Map(tree(pid).map(usage => [usage.pid, usage]));
	const pidBefore = lastPid();
	let netnsEvents = 0;
	const netns = watch('/run/netns', () => netnsEvents++);
	const load = loadavg();
	const timeline: number[] = [];
	const treeTotal = () => tree(pid).reduce((sum, usage) => sum + usage.own + usage.children, 0);
	for (let last = treeTotal(), at = 0; at < idleSeconds; at += 5) {
		await delay(Math.min(5, idleSeconds - at) * 1000);
		const now = treeTotal();
		timeline.push(now - last);
		last = now;
	}
	netns.close();
	console.log(`ticks per 5 s: ${timeline.join(' ')}`);
	const after = tree(pid);
	let total = 0;
	for (const usage of after) {
		const was = before.get(usage.pid);
		const own = usage.own - (was?.own ?? 0);
		const children = usage.children - (was?.children ?? 0);
		total += own + children;
		console.log(
			`  ${String(usage.pid).padStart(7)} ${usage.comm.padEnd(16)} ${cmdline(usage.pid).padEnd(40)} own ${((own / clockTicks) * 1000).toFixed(0).padStart(5)} ms, reaped children ${((children / clockTicks) * 1000).toFixed(0).padStart(5)} ms`,
		);
	}
	console.log(
		`whole tree over ${idleSeconds} s: ${((total / clockTicks) * 1000).toFixed(0)} ms of CPU = ${((total / clockTicks / idleSeconds) * 100).toFixed(2)} % of one core`,
	);
	console.log(
		`meanwhile others started ~${lastPid() - pidBefore} processes and touched /run/netns ${netnsEvents} times; load average ${load} before, ${loadavg()} after`,
	);
} finally {
	try {
		tmux('kill-session', '-t', session);
	} catch {}
}
