// A CPU profile of the TUI sitting idle on a big host: node --import tsx bench/profile-tui.ts [namespaces] [processes] [seconds]
import {execFileSync} from 'node:child_process';
import {setTimeout as delay} from 'node:timers/promises';
import {BenchLab} from './lab.js';

const [namespaces = 1000, processes = 10000, seconds = 20] = process.argv.slice(2).map(Number);
const lab = new BenchLab(`nstui-prof-${process.pid}`);
const session = `nstui-prof-${process.pid}`;
try {
	await lab.up(namespaces, processes);
	execFileSync('tmux', ['new-session', '-d', '-x', '120', '-y', '40', '-s', session, `${process.execPath} --cpu-prof --cpu-prof-dir=/tmp/nstui-cpuprof dist/cli.js`]);
	await delay((seconds + 8) * 1000);
	execFileSync('tmux', ['send-keys', '-t', session, 'q']);
	await delay(2000);
} finally {
	try {
		execFileSync('tmux', ['kill-session', '-t', session]);
	} catch {}
	await lab.down();
}
