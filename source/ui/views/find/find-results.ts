// Find's results for the term, computed once per snapshot and term: the view
// and the keys (Enter goes to the chosen one) ask for the same list.
import {findAnything, type FindResult} from '../../../model/find.js';
import type {Snapshot} from '../../../model/snapshot.js';

let last: {snapshot: Snapshot | null; term: string; results: readonly FindResult[]} | null = null;

export function findResults(snapshot: Snapshot | null, term: string): readonly FindResult[] {
	if (last && last.snapshot === snapshot && last.term === term) return last.results;
	const results = snapshot ? findAnything(snapshot, term) : [];
	last = {snapshot, term, results};
	return results;
}
