// A trace as lines: each hop with ✓ / ✗ / → before it and ✓ / ✗ / · before
// each check, the first ✗'s sentence last. `nstui trace` prints them; the TUI's
// trace view draws them with their tone. Text is raw here: the printer and the
// view pass it through shown().
import {endpointText, type Check, type Hop, type Trace} from './types.js';

export type TraceTone = 'heading' | 'ok' | 'fail' | 'note' | 'leaves' | 'plain';
export type TraceLine = {
	text: string;
	tone: TraceTone;
	indent: number;
	hop?: {direction: 'forward' | 'return'; index: number};
};

const markOf = (check: Check) => (check.ok === true ? '✓' : check.ok === false ? '✗' : '·');
const toneOf = (check: Check): TraceTone =>
	check.ok === true ? 'ok' : check.ok === false ? 'fail' : 'note';

export function hopMark(hop: Hop): string {
	if (hop.checks.some(check => check.ok === false)) return '✗';
	if (hop.role === 'outside') return '→';
	return '✓';
}

function hopLines(hop: Hop, direction: 'forward' | 'return', index: number): TraceLine[] {
	const where = [hop.in ? `in ${hop.in}` : null, hop.out ? `out ${hop.out}` : null]
		.filter(Boolean)
		.join(', ');
	const mark = hopMark(hop);
	const tone: TraceTone = mark === '✗' ? 'fail' : mark === '→' ? 'leaves' : 'ok';
	const lines: TraceLine[] = [
		{
			text: `${mark} ${hop.label} (${hop.role}${where ? `, ${where}` : ''})`,
			tone,
			indent: 1,
			hop: {direction, index},
		},
	];
	const port = hop.packet.dport !== null ? `:${hop.packet.dport}` : '';
	lines.push({
		text: `packet ${hop.packet.src || '?'} → ${hop.packet.dst}${port} ${hop.packet.protocol}`,
		tone: 'plain',
		indent: 3,
	});
	if (hop.decision) lines.push({text: `route: ${hop.decision}`, tone: 'plain', indent: 3});
	for (const check of hop.checks)
		lines.push({text: `${markOf(check)} ${check.text}`, tone: toneOf(check), indent: 3});
	return lines;
}

export function traceLines(trace: Trace): TraceLine[] {
	const to = `${trace.to.port !== null ? endpointText(trace.to.address, trace.to.port, trace.to.protocol) : trace.to.address}${trace.to.label ? ` (${trace.to.label})` : ''}`;
	const lines: TraceLine[] = [
		{
			text: `trace ${trace.from.label} → ${to}, source ${trace.source ?? 'none'}`,
			tone: 'heading',
			indent: 0,
		},
	];
	lines.push({text: '', tone: 'plain', indent: 0}, {text: 'forward:', tone: 'heading', indent: 0});
	trace.forward.forEach((hop, index) => lines.push(...hopLines(hop, 'forward', index)));
	if (trace.return.length > 0) {
		lines.push({text: '', tone: 'plain', indent: 0}, {text: 'return:', tone: 'heading', indent: 0});
		trace.return.forEach((hop, index) => lines.push(...hopLines(hop, 'return', index)));
	}
	lines.push({text: '', tone: 'plain', indent: 0}, summaryLine(trace));
	return lines;
}

export function summaryLine(trace: Trace): TraceLine {
	if (trace.broken)
		return {
			text: `✗ ${trace.broken.direction === 'return' ? 'the reply: ' : ''}${trace.broken.sentence}`,
			tone: 'fail',
			indent: 0,
		};
	if (trace.leavesHost && trace.return.length === 0)
		return {
			text: '→ the path leaves this host; nothing is claimed beyond it',
			tone: 'leaves',
			indent: 0,
		};
	return {
		text: `✓ ${trace.from.label} reaches ${trace.to.address} and the replies come back${trace.leavesHost ? ' (part of the path leaves this host)' : ''}`,
		tone: 'ok',
		indent: 0,
	};
}
