// Issue 14's scans, timed on the lab: threads, open descriptors and other
// mount namespaces' tables of every process (what the TUI runs on full
// refreshes and every 30 s, and `nstui snapshot` every time).
import {scanHolders} from '../source/system/holders.js';
import {namespaceOfPid, readNsfsMounts, scanProcesses} from '../source/system/procfs.js';
import {median, type Row} from './measure.js';

export async function measureHolders(processes: number, rounds: number): Promise<Row[]> {
	const scan = scanProcesses(new Map());
	const ownMounts = new Set(readNsfsMounts().map(mount => `${mount.inode} ${mount.path}`));
	const selfMnt = namespaceOfPid('self', 'mnt');
	const took = {
		threads: [] as number[],
		descriptors: [] as number[],
		mounts: [] as number[],
		all: [] as number[],
	};
	let mountNamespaces = 0;
	for (let round = 0; round < rounds; round++) {
		const started = performance.now();
		const holders = await scanHolders(scan, {selfMnt, ownMounts});
		took.all.push(performance.now() - started);
		took.threads.push(holders.took.threads);
		took.descriptors.push(holders.took.descriptors);
		took.mounts.push(holders.took.mounts);
		mountNamespaces = holders.mountNamespaces;
	}
	const row = (what: string, values: number[]): Row => ({
		what: `${what}, ${processes} processes`,
		nstui: median(values),
		comparison: null,
		against: 'absolute',
		target: null,
		unit: 'ms',
	});
	return [
		row('descriptor scan (every fd of every process)', took.descriptors),
		row(
			'thread scan (a stat of each /proc/PID/task, the tasks of multi-threaded ones)',
			took.threads,
		),
		row(
			`mount namespace of every process, other ones' tables (${mountNamespaces} here)`,
			took.mounts,
		),
		row('holder scans together (TUI: full refreshes and every 30 s)', took.all),
	];
}
