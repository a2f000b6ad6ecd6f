// `nstui find TERM` without --json: one line a result, what matched first, then where.
import {shown} from './shown-text.js';
import type {FindResult} from './find.js';

export function formatFindResults(results: FindResult[]): string {
	return results.map(result => `${formatFindResult(result)}\n`).join('');
}

export function formatFindResult(result: FindResult): string {
	const where = [
		`in ${result.namespaceLabel} net:[${result.namespace}]`,
		result.match === 'process' ? null : pidsText(result),
	].filter(Boolean);
	return shown(`${result.match.padEnd(9)}  ${result.what}  ·  ${where.join(', ')}`);
}

function pidsText(result: FindResult): string {
	if (result.processCount === 0) return 'no processes';
	const more = result.processCount - result.pids.length;
	return `pids ${result.pids.join(' ')}${more > 0 ? ` (+${more} more)` : ''}`;
}
