// The topology view's cursor and scroll position over the drawing's lines: the
// cursor sits on a namespace's box, and the window follows it.
import type {DrawingLine} from './drawing.js';

export type TopologyPosition = {
	/** Inode of the namespace under the cursor, or null when nothing is drawn. */
	cursor: number | null;
	/** First line on screen; null: wherever shows the cursor's box (on opening, after the filter changed). */
	top: number | null;
};

export type SettledPosition = {cursor: number | null; top: number};

export type BoxSpan = {namespace: number; start: number; end: number};

/** Each namespace's box, in the drawing's order: the lines it spans (end exclusive). */
export function boxSpans(lines: readonly DrawingLine[]): BoxSpan[] {
	const spans: BoxSpan[] = [];
	lines.forEach((line, index) => {
		if (line.part !== 'box' || line.namespace === null) return;
		const last = spans.at(-1);
		if (last && last.namespace === line.namespace && last.end === index) last.end = index + 1;
		else spans.push({namespace: line.namespace, start: index, end: index + 1});
	});
	return spans;
}

const maxTop = (lines: readonly DrawingLine[], height: number) =>
	Math.max(0, lines.length - height);
const clampTop = (top: number, lines: readonly DrawingLine[], height: number) =>
	Math.min(Math.max(top, 0), maxTop(lines, height));

/** Scrolls as little as needed to show `span`: all of it when it fits, else its top. */
function reveal(span: BoxSpan, top: number, height: number): number {
	if (span.start < top) return span.start;
	if (span.end > top + height) return Math.min(span.start, span.end - height);
	return top;
}

/**
 * A valid position: the cursor on a drawn namespace (the first when its own is
 * gone), the top within the drawing, and the cursor's box revealed when asked.
 */
export function settlePosition(
	lines: readonly DrawingLine[],
	position: TopologyPosition,
	height: number,
): SettledPosition {
	const spans = boxSpans(lines);
	const span = spans.find(item => item.namespace === position.cursor) ?? spans[0];
	if (!span) return {cursor: null, top: clampTop(position.top ?? 0, lines, height)};
	const top = position.top ?? reveal(span, 0, height);
	return {cursor: span.namespace, top: clampTop(top, lines, height)};
}

export type TopologyMove = number | 'first' | 'last' | 'pageUp' | 'pageDown';

export function moveTopology(
	lines: readonly DrawingLine[],
	position: TopologyPosition,
	move: TopologyMove,
	height: number,
): SettledPosition {
	const spans = boxSpans(lines);
	const current = settlePosition(lines, position, height);
	if (spans.length === 0) return current;
	if (move === 'first') return {cursor: spans[0]!.namespace, top: 0};
	if (move === 'last') return {cursor: spans.at(-1)!.namespace, top: maxTop(lines, height)};
	if (move === 'pageUp' || move === 'pageDown') {
		const page = Math.max(height - 1, 1);
		const top = clampTop(current.top + (move === 'pageDown' ? page : -page), lines, height);
		const visible = (span: BoxSpan) => span.start < top + height && span.end > top;
		const own = spans.find(span => span.namespace === current.cursor);
		if (own && visible(own) && own.start >= top) return {cursor: own.namespace, top};
		const next =
			spans.find(span => span.start >= top && span.start < top + height) ?? spans.find(visible);
		return {cursor: next?.namespace ?? current.cursor, top};
	}
	const index = spans.findIndex(span => span.namespace === current.cursor);
	const target = spans[Math.min(Math.max(index + move, 0), spans.length - 1)]!;
	// Going back to the first box shows the summary and overview above it again.
	const top = target === spans[0] && move < 0 ? 0 : reveal(target, current.top, height);
	return {cursor: target.namespace, top: clampTop(top, lines, height)};
}
