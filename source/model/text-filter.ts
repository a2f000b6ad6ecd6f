// The `/` filter: a case-insensitive substring match on each row's text, as the
// system gave it or as nstui shows it (model/shown-text.ts).
import {shown} from './shown-text.js';

export function filterRows<Row extends {search: string}>(
	rows: readonly Row[],
	query: string,
): readonly Row[] {
	if (query === '') return rows;
	const needle = query.toLowerCase();
	return rows.filter(
		row =>
			row.search.toLowerCase().includes(needle) || shown(row.search).toLowerCase().includes(needle),
	);
}
