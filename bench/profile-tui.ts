// A CPU profile of the TUI on a big host, idle or taking key presses:
//   [NSTUI_PROFILE_KEYS=1] node --import tsx bench/profile-tui.ts [namespaces] [processes] [seconds]
// The profile lands in /tmp/nstui-cpuprof.
import {execFileSync} from 'node:child_process';
import {setTimeout as delay} from 'node:timers/promises';
import {BenchLab} from './lab.js';

const [namespaces = 1000, processes = 10000, seconds = 20] = process.argv.slice(2).map(Number);
const lab = new BenchLab(`nstui-prof-${process.pid}`);
const session = `nstui-prof-${process.pid}`;
try {
	await lab.up(namespaces, processes);
	execFileSync('tmux', [
		'new-session',
		'-d',
		'-x',
		'120',
		'-y',
		'40',
		'-s',
		session,
		`${process.execPath} --cpu-prof --cpu-prof-dir=/tmp/nstui-cpuprof dist/cli.js`,
	]);
	await delay(8000);
	// With NSTUI_PROFILE_KEYS=1 the window holds key presses (j, 100 ms apart) instead of idling.
	const presses = process.env.NSTUI_PROFILE_KEYS ? seconds * 10 : 0;
	for (let i = 0; i < presses; i++) {
		execFileSync('tmux', ['send-keys', '-t', session, 'j']);
		await delay(100);
	}
	await delay(presses ? 0 : seconds * 1000);
	execFileSync('tmux', ['send-keys', '-t', session, 'q']);
	await delay(2000);
} finally {
	try {
		execFileSync('tmux', ['kill-session', '-t', session]);
	} catch {}
	await lab.down();
}
