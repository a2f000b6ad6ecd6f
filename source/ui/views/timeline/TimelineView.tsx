// The timeline view (H): each change since the TUI started, newest first, in
// the words of `nstui watch`; how many older ones were let go, if any.
import {Box, Text} from 'ink';
import {shown} from '../../../model/shown-text.js';
import {cell, shownCell, textWidth} from '../../../model/text-cells.js';
import {changeClock, changeNamespaceText} from '../../../model/timeline/format-change.js';
import {changeText} from '../../../model/timeline/words.js';
import {useScrollWindow} from '../../app/use-scroll-window.js';
import {ListRow} from '../../app/ListRow.js';
import {useTone} from '../../app/theme.js';
import type {TuiState} from '../../app/tui-store.js';
import type {TimelineViewState} from '../full-view-state.js';
import {timelineChrome} from './timeline-keys.js';
import {timelineRowsIn} from './timeline-updates.js';

type Props = {state: TuiState; view: TimelineViewState; width: number; height: number};

export function TimelineView({state, view, width, height}: Props) {
	const tone = useTone();
	const count = state.timeline.changes.length;
	const listRows = Math.max(height - timelineChrome, 1);
	const selected = Math.min(view.selected, Math.max(count - 1, 0));
	const window = useScrollWindow(count, selected, listRows);
	const visible = timelineRowsIn(state.timeline.changes, window.start, window.end);
	const whereWidth = Math.min(
		Math.max(9, ...visible.map(row => textWidth(shown(changeNamespaceText(row))))),
		30,
	);
	const changeWidth = Math.max(width - 1 - 8 - 2 - whereWidth - 2, 10);
	const dropped = state.timeline.dropped;
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text wrap="truncate-end" {...tone('paneTitleFocused')}>
				{cell(
					` Timeline: what changed since nstui started, newest first${count > 0 ? `  ${selected + 1}/${count}` : ''}`,
					width,
				)}
			</Text>
			<Text wrap="truncate-end" {...tone('muted')}>
				{` ${cell('UTC', 8)}  ${cell('NAMESPACE', whereWidth)}  CHANGE`}
			</Text>
			{visible.map((row, offset) => {
				const index = window.start + offset;
				return (
					<ListRow key={index} selected={index === selected}>
						{`${cell(changeClock(row), 8)}  ${shownCell(changeNamespaceText(row), whereWidth)}  `}
						{shownCell(changeText(row), changeWidth)}
					</ListRow>
				);
			})}
			{count === 0 ? (
				<Text {...tone('muted')}> nothing has changed since the first full reading</Text>
			) : null}
			<Text wrap="truncate-end" {...tone('muted')}>
				{cell(
					dropped > 0
						? ` ${dropped} older change${dropped === 1 ? ' was' : 's were'} let go (the last ${state.timeline.limit} are kept)`
						: ' Enter: the namespace the change is in',
					width,
				)}
			</Text>
		</Box>
	);
}
