// `nstui trace` as text: the trace's lines, each through shown().
import {shown} from '../shown-text.js';
import {traceLines} from './format.js';
import type {Trace} from './types.js';

export function formatTrace(trace: Trace): string {
	return `${traceLines(trace)
		.map(line => `${'  '.repeat(line.indent)}${shown(line.text)}`)
		.join('\n')}\n`;
}
