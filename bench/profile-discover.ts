// Where a snapshot's time goes, phase by phase, on the bench lab:
//   node --import tsx bench/profile-discover.ts [namespaces] [processes]
import {BenchLab} from './lab.js';
import {scanProcesses} from '../source/system/procfs.js';
import {readNamespacesAt} from '../source/system/readers/namespace-reader.js';
import {discover} from '../source/system/discovery/discoverer.js';
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
	await time('node start + --version', () => timeCommand('dist/cli.js', ['--version']));
	await time('proc scan, cold', () => scanProcesses(new Map()));
	const cache = new Map();
	scanProcesses(cache);
	await time('proc scan, warm', () => scanProcesses(cache));
	const paths = lab.names.map(name => `/run/netns/${name}`);
	await time('one xargs chunk of all', () => readNamespacesAt(paths));
	const half = Math.ceil(paths.length / 2);
	await time('two chunks in parallel', () =>
		Promise.all([readNamespacesAt(paths.slice(0, half)), readNamespacesAt(paths.slice(half))]),
	);
	await time('discover()', () => discover());
	await time('discover() again', () => discover());
	await time('snapshot --json (process)', () => timeCommand('dist/cli.js', ['snapshot', '--json']));
} finally {
	await lab.down();
}
