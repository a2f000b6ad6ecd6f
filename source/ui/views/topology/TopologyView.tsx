// The topology view (t): the wiring of every namespace, full screen, with a cursor
// on one namespace's box; the drawing is the same as `nstui topology` prints.
import {Box, Text} from 'ink';
import {shown} from '../../../model/shown-text.js';
import {shownCell} from '../../../model/text-cells.js';
import {settlePosition} from '../../../model/topology/cursor.js';
import type {TopologyViewState} from '../full-view-state.js';
import type {DetailsReader} from '../details/details-reader.js';
import {isTopologyReadingNat} from './topology-updates.js';
import {labelIndex, lineSegments, markLabel} from './topology-tones.js';
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
	const listHeight = Math.max(height - 1, 1);
	const {cursor, top} = settlePosition(drawing.lines, view, listHeight);
	const visible = drawing.lines.slice(top, top + listHeight);
	// The namespace under the cursor is marked where the overview names it, so it shows while its box is further down.
	const cursorLabel = cursor === null ? null : drawing.label(cursor);
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text wrap="truncate-end" {...tone('paneTitleFocused')}>
				{shownCell(titleOf(view, drawing.shown, drawing.total, drawing.lines.length, top, listHeight), width)}
			</Text>
			{state.snapshot === null ? <Text {...tone('muted')}> waiting for the first snapshot…</Text> : null}
			{view.filter && drawing.shown === 0 ? <Text {...tone('muted')}> no namespace matches /{shown(view.filter)}</Text> : null}
			{visible.map((line, offset) => {
				const underCursor = line.part === 'box' && line.namespace === cursor;
				const boxTop = underCursor && line.text.startsWith('┌');
				const named = line.part === 'overview' && cursorLabel !== null && labelIndex(line.text, cursorLabel) !== -1;
				const segments = named ? markLabel(lineSegments(line), cursorLabel!, 'selectedFocused') : lineSegments(line);
				return (
					<Text key={top + offset} wrap="truncate-end">
						<Text {...(underCursor || named ? tone('selected') : {})}>{underCursor || named ? '›' : ' '}</Text>
						{boxTop ? (
							<Text {...tone('selectedFocused')}>{line.text}</Text>
						) : (
							segments.map((segment, index) => (
								<Text key={index} {...(segment.tone ? tone(segment.tone) : underCursor ? tone('selected') : {})}>
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

function titleOf(view: TopologyViewState, shown: number, total: number, lineCount: number, top: number, height: number): string {
	const count = view.filter ? `${shown} of ${total} namespaces` : `${total} namespaces`;
	const filter = view.editingFilter ? `  /${view.filter.slice(0, view.filterCursor)}_${view.filter.slice(view.filterCursor)}` : view.filter ? `  /${view.filter}` : '';
	const nat = isTopologyReadingNat(view) ? '  reading NAT rules…' : '';
	const scroll = lineCount > height ? `  lines ${top + 1}-${Math.min(top + height, lineCount)} of ${lineCount}` : '';
	return ` Topology  ${count}${filter}${nat}${scroll}`;
}
