// `nstui trace` as text: one block a hop with ✓ / ✗ / · before each check, the
// first ✗ and its sentence last. System text passes through shown().
import {shown} from '../shown-text.js';
import {endpointText, type Check, type Hop, type Trace} from './types.js';

const mark = (check: Check) => (check.ok === true ? '✓' : check.ok === false ? '✗' : '·');

export function hopMark(hop: Hop): string {
	if (hop.checks.some(check => check.ok === false)) return '✗';
	if (hop.role === 'outside') return '→';
	return '✓';
}

function hopLines(hop: Hop): string[] {
	const where = [hop.in ? `in ${hop.in}` : null, hop.out ? `out ${hop.out}` : null].filter(Boolean).join(', ');
	const head = `${hopMark(hop)} ${shown(hop.label)} (${hop.role}${where ? `, ${shown(where)}` : ''})`;
	const lines = [head];
	lines.push(`    packet ${hop.packet.src || '?'} → ${hop.packet.dst}${hop.packet.dport !== null ? `:${hop.packet.dport}` : ''} ${hop.packet.protocol}`);
	if (hop.decision) lines.push(`    route: ${shown(hop.decision)}`);
	for (const check of hop.checks) lines.push(`    ${mark(check)} ${shown(check.text)}`);
	return lines;
}

export function formatTrace(trace: Trace): string {
	const to = `${trace.to.port !== null ? endpointText(trace.to.address, trace.to.port, trace.to.protocol) : trace.to.address}${trace.to.label ? ` (${shown(trace.to.label)})` : ''}`;
	const lines = [`trace ${shown(trace.from.label)} → ${to}, source ${trace.source ?? 'none'}`, ''];
	lines.push('forward:');
	for (const hop of trace.forward) lines.push(...hopLines(hop).map(line => `  ${line}`));
	if (trace.return.length > 0) {
		lines.push('', 'return:');
		for (const hop of trace.return) lines.push(...hopLines(hop).map(line => `  ${line}`));
	}
	lines.push('');
	lines.push(summary(trace));
	return `${lines.join('\n')}\n`;
}

export function summary(trace: Trace): string {
	if (trace.broken) return `✗ ${trace.broken.direction === 'return' ? 'the reply: ' : ''}${shown(trace.broken.sentence)}`;
	if (trace.leavesHost && trace.return.length === 0) return `→ the path leaves this host; nothing is claimed beyond it`;
	return `✓ ${shown(trace.from.label)} reaches ${trace.to.address} and the replies come back${trace.leavesHost ? ' (part of the path leaves this host)' : ''}`;
}
