// npm run bench: builds many namespaces and processes, times nstui against plain
// `ip` in the same run, prints the ratios, and removes everything it made.
//   NSTUI_BENCH_NAMESPACES (200) NSTUI_BENCH_PROCESSES (3000) NSTUI_BENCH_ROUNDS (5)
import {execFileSync, spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import os from 'node:os';

const namespaces = Number(process.env.NSTUI_BENCH_NAMESPACES ?? 200);
const processes = Number(process.env.NSTUI_BENCH_PROCESSES ?? 3000);
const rounds = Number(process.env.NSTUI_BENCH_ROUNDS ?? 5);
const prefix = `nstui-bench-${process.pid}`;
const names = Array.from({length: namespaces}, (_, i) => `${prefix}-${i}`);
const children: ChildProcess[] = [];

if (process.getuid?.() !== 0) {
	console.error('npm run bench needs root: it builds real network namespaces');
	process.exit(2);
}

function ipBatch(args: string[], lines: string[]) {
	execFileSync('ip', [...args, '-b', '-'], {input: `${lines.join('\n')}\n`, stdio: ['pipe', 'ignore', 'inherit']});
}

function setUp() {
	ipBatch([], names.map(name => `netns add ${name}`));
	names.forEach((name, i) => {
		ipBatch(['-n', name], [
			'link set lo up',
			'link add v0 type veth peer name v1',
			`addr add 10.${(i >> 8) & 255}.${i & 255}.1/24 dev v0`,
			'link set v0 up',
			'link set v1 up',
		]);
	});
	for (let i = 0; i < processes; i++) {
		const child = spawn('nsenter', [`--net=/run/netns/${names[i % names.length]}`, 'sleep', '3600'], {stdio: 'ignore'});
		children.push(child);
	}
}

async function tearDown() {
	for (const child of children) child.kill('SIGKILL');
	await Promise.all(children.filter(c => c.exitCode === null && c.signalCode === null).map(c => once(c, 'exit')));
	try {
		ipBatch(['-force'], names.map(name => `netns del ${name}`));
	} catch {}
}

function time(file: string, args: string[]): number {
	const started = performance.now();
	const result = spawnSync(file, args, {stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30});
	if (result.status !== 0) throw new Error(`${file} ${args.join(' ')} failed: ${result.stderr}`);
	return performance.now() - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

type Row = {what: string; nstui: number; comparison: number; against: string; target: number};

async function main() {
	const rows: Row[] = [];
	try {
		setUp();
		const loop = ['-c', 'for ns in $(ip netns list | cut -d" " -f1); do ip -j -n $ns addr >/dev/null; ip -j -n $ns route >/dev/null; done'];
		const snapshot: number[] = [];
		const plain: number[] = [];
		for (let round = 0; round < rounds; round++) {
			snapshot.push(time(process.execPath, ['dist/cli.js', 'snapshot', '--json']));
			plain.push(time('bash', loop));
		}
		rows.push({
			what: `snapshot --json, ${namespaces} namespaces, ${processes} processes`,
			nstui: median(snapshot),
			comparison: median(plain),
			against: 'ip -j addr + route loop',
			target: 0.5,
		});
	} finally {
		await tearDown();
	}

	console.log(`nstui bench on ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, Linux ${os.release()}, node ${process.version}; median of ${rounds}`);
	console.log('| measure | nstui | comparison | ratio | target |');
	console.log('|---|---|---|---|---|');
	let failed = false;
	for (const row of rows) {
		const ratio = row.nstui / row.comparison;
		if (ratio > row.target) failed = true;
		console.log(
			`| ${row.what} | ${row.nstui.toFixed(0)} ms | ${row.comparison.toFixed(0)} ms (${row.against}) | ${ratio.toFixed(2)} | ≤ ${row.target} ${ratio <= row.target ? 'met' : 'MISSED'} |`,
		);
	}
	process.exitCode = failed ? 1 : 0;
}

await main();
