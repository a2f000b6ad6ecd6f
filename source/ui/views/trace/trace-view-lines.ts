// The trace view's lines below its prompt: the trace as `nstui trace` prints
// it (model/trace/format.ts), each check wrapped to the width, with its tone;
// then the probe's. The keys count the same lines to scroll.
import {shown} from '../../../model/shown-text.js';
import {wrapText} from '../../../model/text-cells.js';
import {traceLines, type TraceTone} from '../../../model/trace/format.js';
import type {Tone} from '../../app/theme.js';
import type {ToneLine} from '../../app/ToneLines.js';
import type {TraceViewState} from '../full-view-state.js';

export type TraceViewLine = ToneLine;

/** The title and the prompt line above the lines. */
export const traceChrome = 2;

const tones: Record<TraceTone, Tone | undefined> = {
	heading: 'paneTitle',
	ok: 'up',
	fail: 'error',
	note: 'muted',
	leaves: 'warning',
	plain: undefined,
};

export function traceViewLines(view: TraceViewState, width: number): TraceViewLine[] {
	if (view.error)
		return wrapText(shown(`✗ ${view.error}`), width, '  ').map(text => ({text, tone: 'error'}));
	if (view.status === 'wanted' || view.status === 'tracing')
		return [
			{text: "tracing… (once every namespace is read, asking each one's kernel)", tone: 'muted'},
		];
	// The keys are on the status bar's key line, from the view's tables: the text here names none.
	if (!view.trace)
		return [
			{
				text: 'Where to: an address (192.168.2.1) or a namespace, optionally with :PORT (TCP) or :PORT/udp.',
				tone: 'muted',
			},
		];
	const lines: TraceViewLine[] = [];
	for (const line of traceLines(view.trace)) {
		const indent = '  '.repeat(line.indent);
		for (const text of wrapText(shown(`${indent}${line.text}`), width, `${indent}    `))
			lines.push({text, tone: tones[line.tone]});
	}
	lines.push({text: ''});
	const probe = view.probe;
	if (!probe) lines.pop();
	else if (probe.status === 'running')
		lines.push({text: 'probe: pinging with a capture on each hop…', tone: 'muted'});
	else if (probe.error) lines.push({text: shown(`probe failed: ${probe.error}`), tone: 'error'});
	else if (probe.result) {
		lines.push({text: "probe (ping with a capture on each hop's interfaces):", tone: 'paneTitle'});
		for (const text of probe.result.lines)
			lines.push({
				text: `  ${text}`,
				tone: text.startsWith('•')
					? 'up'
					: text.startsWith('ping')
						? probe.result.agrees
							? 'up'
							: 'error'
						: 'muted',
			});
	}
	return lines;
}
