// Timing helpers and the table the bench prints.
import {spawnSync} from 'node:child_process';

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

export function timeCommand(file: string, args: string[]): number {
	const started = performance.now();
	const result = spawnSync(file, args, {stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30});
	if (result.status !== 0) throw new Error(`${file} ${args.join(' ')} failed: ${result.stderr}`);
	return performance.now() - started;
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

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
		const comparison = row.comparison === null ? row.against : `${row.comparison.toFixed(0)} ${row.unit} (${row.against})`;
		const ratio = row.comparison === null ? '-' : value.toFixed(2);
		const target = row.target === null ? '(for information)' : `${row.comparison === null ? `< ${row.target} ${row.unit}` : `≤ ${row.target}`} ${met ? 'met' : 'MISSED'}`;
		console.log(`| ${row.what} | ${shown} | ${comparison} | ${ratio} | ${target} |`);
	}
	return allMet;
}
