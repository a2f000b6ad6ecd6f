// The topology view (t): the wiring of every namespace, full screen, with a cursor
// on one namespace's box; the drawing is the same as `nstui topology` prints.
import {Box, Text} from 'ink';
import {shown} from '../../../model/shown-text.js';
import {shownCell} from '../../../model/text-cells.js';
import {settlePosition} from '../../../model/topology/cursor.js';
import type {TopologyViewState} from '../full-view-state.js';
import type {DetailsReader} from '../details/details-reader.js';
import {isTopologyReadingNat} from './topology-updates.js';
import {labelIndex, lineSegments, markLabel, pathTones} from './topology-tones.js';
import {useTone} from '../../app/theme.js';
import type {TuiState, TuiStore} from '../../app/tui-store.js';
import {useTopologyDrawing} from './use-topology-drawing.js';

type Props = {
	state: TuiState;
	view: TopologyViewState;
	store: TuiStore;
	reader: DetailsReader;
	width: number;
	height: number;
};

export function TopologyView({state, view, store, reader, width, height}: Props) {
	const tone = useTone();
	// One column on the left for the cursor's mark.
	const drawing = useTopologyDrawing(store, state.snapshot, view, width - 1, reader);
	const listHeight = Math.max(height - (view.path ? 2 : 1), 1);
	const {cursor, top} = settlePosition(drawing.lines, view, listHeight);
	const visible = drawing.lines.slice(top, top + listHeight);
	// The namespace under the cursor is marked where the overview names it, so it shows while its box is further down.
	const cursorLabel = cursor === null ? null : drawing.label(cursor);
	const path = view.path ? pathTones(view.path.marks, drawing.label) : null;
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text wrap="truncate-end" {...tone('paneTitleFocused')}>
				{shownCell(
					titleOf(view, drawing.shown, drawing.total, drawing.lines.length, top, listHeight),
					width,
				)}
			</Text>
			{view.path ? (
				<Text wrap="truncate-end" {...tone(view.path.marks.broken === null ? 'up' : 'error')}>
					{shownCell(
						` ${view.path.title}  (┃ on the path, ✗ where it breaks; q back to the trace)`,
						width,
					)}
				</Text>
			) : null}
			{state.snapshot === null ? (
				<Text {...tone('muted')}> waiting for the first snapshot…</Text>
			) : null}
			{view.filter && drawing.shown === 0 ? (
				<Text {...tone('muted')}> no namespace matches /{shown(view.filter)}</Text>
			) : null}
			{visible.map((line, offset) => {
				const underCursor = line.part === 'box' && line.namespace === cursor;
				const boxTop = underCursor && line.text.startsWith('┌');
				const named =
					line.part === 'overview' &&
					cursorLabel !== null &&
					labelIndex(line.text, cursorLabel) !== -1;
				const plain = path ? path.segments(line, lineSegments(line)) : lineSegments(line);
				const segments = named ? markLabel(plain, cursorLabel, 'selectedFocused') : plain;
				const onPath = path?.margin(line) ?? null;
				return (
					<Text key={top + offset} wrap="truncate-end">
						{underCursor || named || !onPath ? (
							<Text {...(underCursor || named ? tone('selected') : {})}>
								{underCursor || named ? '›' : ' '}
							</Text>
						) : (
							<Text {...tone(onPath.tone)}>{onPath.mark}</Text>
						)}
						{boxTop ? (
							<Text {...tone('selectedFocused')}>{line.text}</Text>
						) : (
							segments.map((segment, index) => (
								<Text
									key={index}
									{...(segment.tone ? tone(segment.tone) : underCursor ? tone('selected') : {})}
								>
									{segment.text}
								</Text>
							))
						)}
					</Text>
				);
			})}
		</Box>
	);
}

function titleOf(
	view: TopologyViewState,
	shown: number,
	total: number,
	lineCount: number,
	top: number,
	height: number,
): string {
	const count = view.filter ? `${shown} of ${total} namespaces` : `${total} namespaces`;
	const filter = view.editingFilter
		? `  /${view.filter.slice(0, view.filterCursor)}_${view.filter.slice(view.filterCursor)}`
		: view.filter
			? `  /${view.filter}`
			: '';
	const nat = isTopologyReadingNat(view) ? '  reading NAT rules…' : '';
	const scroll =
		lineCount > height
			? `  lines ${top + 1}-${Math.min(top + height, lineCount)} of ${lineCount}`
			: '';
	return ` Topology  ${count}${filter}${nat}${scroll}`;
}
