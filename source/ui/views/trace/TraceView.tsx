// The trace view (T): from the selected namespace to an address or namespace,
// hop by hop and back, with ✓ / ✗ and the first break's cause and fix.
import {Box, Text} from 'ink';
import {namespaceLabel} from '../../../model/snapshot.js';
import {shown} from '../../../model/shown-text.js';
import {shownCell} from '../../../model/text-cells.js';
import {useTone} from '../../app/theme.js';
import {LineInput} from '../../app/LineInput.js';
import {ToneLines} from '../../app/ToneLines.js';
import type {TuiState, TuiStore} from '../../app/tui-store.js';
import type {DetailsReader} from '../details/details-reader.js';
import type {TraceViewState} from '../full-view-state.js';
import {traceDestinationText, traceInputProblem} from './trace-updates.js';
import {traceChrome, traceViewLines} from './trace-view-lines.js';
import {useTraceRun} from './use-trace-run.js';

type Props = {
	state: TuiState;
	view: TraceViewState;
	store: TuiStore;
	reader: DetailsReader;
	width: number;
	height: number;
};

export function TraceView({state, view, store, reader, width, height}: Props) {
	const tone = useTone();
	useTraceRun(store, view, reader);
	const from = state.snapshot?.namespaces.find(ns => ns.inode === view.from);
	const label = from ? namespaceLabel(from) : `net:[${view.from}] (gone?)`;
	const lines = traceViewLines(view, width);
	const listHeight = Math.max(height - traceChrome, 1);
	const top = Math.min(view.top, Math.max(lines.length - listHeight, 0));
	const verdict = view.trace
		? view.trace.broken
			? '  ✗ broken'
			: view.trace.leavesHost && view.trace.return.length === 0
				? '  → leaves the host'
				: '  ✓ works both ways'
		: '';
	const scroll =
		lines.length > listHeight
			? `  lines ${top + 1}-${Math.min(top + listHeight, lines.length)} of ${lines.length}`
			: '';
	const {text} = view.input;
	const problem = view.editing ? (view.error ?? traceInputProblem(state.snapshot, text)) : null;
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text wrap="truncate-end" {...tone('paneTitleFocused')}>
				{shownCell(` Trace from ${label}${verdict}${scroll}`, width)}
			</Text>
			{view.editing ? (
				<Text wrap="truncate-end">
					<Text {...tone('selected')}>to: </Text>
					<LineInput line={view.input} />
					{problem ? (
						<Text {...tone(view.error ? 'error' : 'muted')}>{`  ${shown(problem)}`}</Text>
					) : (
						<Text
							{...tone('up')}
						>{`  → ${shown(traceDestinationText(state.snapshot, text) ?? '')}`}</Text>
					)}
				</Text>
			) : (
				<Text wrap="truncate-end" {...tone('muted')}>
					{shownCell(`to: ${text}`, width)}
				</Text>
			)}
			<ToneLines lines={lines.slice(top, top + listHeight)} first={top} />
		</Box>
	);
}
