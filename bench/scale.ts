// Issue 6's figures beyond the snapshot, on the 1,000-namespace lab.
import {scanProcesses} from '../source/system/procfs.js';
import type {BenchLab} from './lab.js';
import {median, timeCommand, type Row} from './measure.js';
import {measureTui} from './tui.js';
import {measureHolders} from './holders.js';

export async function measureScale(
	lab: BenchLab,
	rounds: number,
	standalone: {file: string; node: string},
): Promise<Row[]> {
	const scan: number[] = [];
	const lsns: number[] = [];
	for (let round = 0; round < rounds; round++) {
		const started = performance.now();
		scanProcesses(new Map());
		scan.push(performance.now() - started);
		lsns.push(timeCommand('lsns', ['-t', 'net', '-J']));
	}
	const holders = await measureHolders(10_000, rounds);
	const holderMs = holders.find(row => row.what.startsWith('holder scans together'))!.nstui;
	return [
		{
			what: '/proc scan (namespace of every process), cold',
			nstui: median(scan),
			comparison: median(lsns),
			against: 'lsns -t net -J',
			target: 1,
			unit: 'ms',
		},
		...holders,
		...(await measureTui(
			lab.names.length,
			Number(process.env.NSTUI_BENCH_IDLE_SECONDS ?? 60),
			standalone,
			lab.names,
			lab.prefix,
			holderMs,
		)),
	];
}
