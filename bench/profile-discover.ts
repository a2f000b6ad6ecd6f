// Where a snapshot's time goes, phase by phase, on the bench lab:
//   node --import tsx bench/profile-discover.ts [namespaces] [processes]
import {BenchLab} from './lab.js';
import {scanProcesses} from '../source/system/procfs.js';
import {readNamedNamespaces} from '../source/system/ip-query.js';
import {discover} from '../source/system/discover.js';
import {timeCommand} from './measure.js';

const [namespaces = 200, processes = 3000] = process.argv.slice(2).map(Number);
const lab = new BenchLab(`nstui-prof-${process.pid}`);
const time = async (what: string, work: () => unknown) => {
	const started = performance.now();
	await work();
	console.log(`${what.padEnd(40)} ${(performance.now() - started).toFixed(0)} ms`);
};
try {
	await lab.up(namespaces, processes);
	await time('node start + --version', () => timeCommand(process.execPath, ['dist/cli.js', '--version']));
	await time('proc scan, cold', () => scanProcesses(new Map()));
	const cache = new Map();
	scanProcesses(cache);
	await time('proc scan, warm', () => scanProcesses(cache));
	await time('one ip -b chunk of all names', () => readNamedNamespaces(lab.names));
	const half = Math.ceil(lab.names.length / 2);
	await time('two chunks in parallel', () => Promise.all([readNamedNamespaces(lab.names.slice(0, half)), readNamedNamespaces(lab.names.slice(half))]));
	await time('discover()', () => discover());
	await time('discover() again', () => discover());
	await time('snapshot --json (process)', () => timeCommand(process.execPath, ['dist/cli.js', 'snapshot', '--json']));
} finally {
	await lab.down();
}
