// Timing helpers and the table the bench prints.
import {spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {setTimeout as delay} from 'node:timers/promises';

export type Row = {
	what: string;
	nstui: number;
	/** null where the target is absolute (no comparison command). */
	comparison: number | null;
	against: string;
	/** ratio nstui/comparison must be ≤ target; or, without comparison, nstui ≤ target in `unit`; null: shown for information. */
	target: number | null;
	unit: string;
};

export function timeCommand(file: string, args: string[], env?: Record<string, string>): number {
	const started = performance.now();
	const result = spawnSync(file, args, {
		stdio: ['ignore', 'ignore', 'pipe'],
		maxBuffer: 1 << 30,
		...(env ? {env: {...process.env, ...env}} : {}),
	});
	if (result.status !== 0) throw new Error(`${file} ${args.join(' ')} failed: ${result.stderr}`);
	return performance.now() - started;
}

export const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Prints the table; true when every target was met. */
export function printTable(rows: Row[]): boolean {
	console.log('| measure | nstui | comparison | ratio | target |');
	console.log('|---|---|---|---|---|');
	let allMet = true;
	for (const row of rows) {
		const value = row.comparison === null ? row.nstui : row.nstui / row.comparison;
		const met = row.target === null || value <= row.target;
		allMet &&= met;
		const shown = `${row.nstui.toFixed(row.unit === '%' ? 2 : 0)} ${row.unit}`;
		const comparison =
			row.comparison === null
				? row.against
				: `${row.comparison.toFixed(0)} ${row.unit} (${row.against})`;
		const ratio = row.comparison === null ? '-' : value.toFixed(2);
		const target =
			row.target === null
				? '(for information)'
				: `${row.comparison === null ? `< ${row.target} ${row.unit}` : `≤ ${row.target}`} ${met ? 'met' : 'MISSED'}`;
		console.log(`| ${row.what} | ${shown} | ${comparison} | ${ratio} | ${target} |`);
	}
	return allMet;
}

/** Busy and total jiffies of all CPUs, from the first line of /proc/stat. */
function cpuJiffies(): {busy: number; total: number} {
	const fields = readFileSync('/proc/stat', 'utf8')
		.split('\n')[0]!
		.trim()
		.split(/\s+/)
		.slice(1)
		.map(Number);
	const total = fields.reduce((sum, value) => sum + value, 0);
	const idle = fields[3]! + fields[4]!; // idle + iowait
	return {busy: total - idle, total};
}

/**
 * Waits until the machine is quiet: less than `busyShare` of all CPUs busy over
 * a second. The comparison loop's `ip -n` made thousands of mount namespaces,
 * each a copy of a thousand mounts, and the kernel tears them down in the
 * background for seconds afterwards; a key press measured meanwhile measures
 * that. Returns how long it waited (at most maxMs).
 */
export async function waitForQuietMachine(busyShare = 0.1, maxMs = 60_000): Promise<number> {
	const started = performance.now();
	while (performance.now() - started < maxMs) {
		const before = cpuJiffies();
		await delay(1000);
		const after = cpuJiffies();
		if ((after.busy - before.busy) / Math.max(1, after.total - before.total) < busyShare) break;
	}
	return performance.now() - started;
}
