// npm run bench (root): builds many namespaces and processes, times nstui
// against plain tools in the same run, prints ratios, and removes all it made.
//   NSTUI_BENCH_SCENARIOS  comma list of: base (200 ns / 3,000 processes), scale (1,000 / 10,000); default both
//   NSTUI_BENCH_ROUNDS     rounds per timing (median); default 5
import os from 'node:os';
import {BenchLab} from './lab.js';
import {measureOwners} from './owners.js';
import {measureScale} from './scale.js';
import {buildStandalone} from './standalone.js';
import {measureTerminalBytes} from './terminal-bytes.js';
import {median, printTable, timeCommand, type Row} from './measure.js';

if (process.getuid?.() !== 0) {
	console.error('npm run bench needs root: it builds real network namespaces');
	process.exit(2);
}

const rounds = Number(process.env.NSTUI_BENCH_ROUNDS ?? 5);
const scenarios = (process.env.NSTUI_BENCH_SCENARIOS ?? 'base,scale').split(',');
const standalone = buildStandalone();
const loop =
	'for ns in $(ip netns list | cut -d" " -f1); do ip -j -n $ns addr >/dev/null; ip -j -n $ns route >/dev/null; done';

async function snapshotVsLoop(
	namespaces: number,
	processes: number,
	target: number,
): Promise<Row[]> {
	const lab = new BenchLab(`nstui-bench-${process.pid}`);
	try {
		await lab.up(namespaces, processes);
		const snapshot: number[] = [];
		const single: number[] = [];
		const plain: number[] = [];
		for (let round = 0; round < rounds; round++) {
			// Run as a user runs it: the file itself, through its shebang.
			snapshot.push(timeCommand('dist/cli.js', ['snapshot', '--json']));
			single.push(timeCommand(standalone.file, ['snapshot', '--json']));
			plain.push(timeCommand('bash', ['-c', loop]));
		}
		const what = `snapshot --json, ${namespaces} namespaces, ${processes} processes`;
		const rows: Row[] = [
			{
				what,
				nstui: median(snapshot),
				comparison: median(plain),
				against: 'ip -j addr + route loop',
				target,
				unit: 'ms',
			},
			{
				what: `${what}, standalone executable (${standalone.node})`,
				nstui: median(single),
				comparison: median(plain),
				against: 'ip -j addr + route loop',
				target,
				unit: 'ms',
			},
		];
		if (namespaces >= 1000) rows.push(...(await measureScale(lab, rounds, standalone)));
		else {
			rows.push(
				...(await measureTerminalBytes(lab, Number(process.env.NSTUI_BENCH_IDLE_SECONDS ?? 60))),
			);
			// Last: it moves the lab's processes into cgroups of its own and ends them.
			rows.push(...(await measureOwners(lab.holders, rounds)));
		}
		return rows;
	} finally {
		await lab.down();
	}
}

const rows: Row[] = [];
if (scenarios.includes('base')) rows.push(...(await snapshotVsLoop(200, 3000, 0.5)));
if (scenarios.includes('scale')) rows.push(...(await snapshotVsLoop(1000, 10000, 0.3)));
console.log(
	`nstui bench on ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Linux ${os.release()}, node ${process.version}; median of ${rounds}`,
);
process.exitCode = printTable(rows) ? 0 : 1;
