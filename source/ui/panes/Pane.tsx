// One pane: a title line (number, name, count, filter), a column header, and
// only the rows that fit, scrolled so the selection stays in view.
import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {useScrollWindow} from '../app/use-scroll-window.js';
import type {RowIdentity} from '../../model/row-identity.js';
import {shownCell} from '../../model/text-cells.js';
import {useTone} from '../app/theme.js';
import type {PaneRenderProps} from './pane-spec.js';

export type PaneProps<Row extends RowIdentity> = PaneRenderProps<Row> & {
	/** The column header, already laid out to the pane's width. */
	columns: string;
	emptyText: string;
	/** One row's text, exactly `width` characters wide (colours inside are fine). */
	renderRow(row: Row, width: number): ReactNode;
};

export function Pane<Row extends RowIdentity>(props: PaneProps<Row>) {
	const {box, view, focused} = props;
	const tone = useTone();
	const window = useScrollWindow(view.rows.length, Math.max(view.selected, 0), box.listRows);
	const rowWidth = box.width - 1;
	// No overflow="hidden": every line is cut to the pane's width and only the
	// rows that fit are drawn, and a clip makes Ink cut every line of every frame
	// again (half of its time per frame on a full screen).
	return (
		<Box flexDirection="column" width={box.width} height={box.height}>
			<Text wrap="truncate-end" {...tone(focused ? 'paneTitleFocused' : 'paneTitle')}>
				{shownCell(paneTitle(props), box.width)}
			</Text>
			<Text wrap="truncate-end" {...tone('muted')}>
				{' '}
				{props.columns}
			</Text>
			{view.rows.slice(window.start, window.end).map((row, offset) => {
				const selected = window.start + offset === view.selected;
				const style = selected
					? tone(focused ? 'selectedFocused' : 'selected')
					: props.changed.has(row.id)
						? tone('changed')
						: {};
				// Keyed by place on screen, not by row: moving the selection to another
				// namespace then updates the text of the same few dozen lines instead of
				// making new ones (each a Yoga node), ~50 ms on a full screen.
				return (
					<Text key={offset} wrap="truncate-end" {...style}>
						{selected ? '›' : ' '}
						{props.renderRow(row, rowWidth)}
					</Text>
				);
			})}
			{view.rows.length === 0 && box.listRows > 0 ? (
				<Text wrap="truncate-end" {...tone('muted')}>
					{' '}
					{shownCell(
						view.total > 0 ? `nothing matches /${props.filter}` : props.emptyText,
						box.width - 1,
					)}
				</Text>
			) : null}
		</Box>
	);
}

function paneTitle<Row extends RowIdentity>({
	number,
	title,
	view,
	filter,
	filterCursor,
}: PaneProps<Row>): string {
	const position = view.rows.length > 0 ? `${view.selected + 1}/${view.rows.length}` : '0';
	const count = filter ? `${position} of ${view.total}` : position;
	// The cursor of a filter being typed is an underscore where the next character goes.
	const filterText =
		filterCursor !== null
			? `  /${filter.slice(0, filterCursor)}_${filter.slice(filterCursor)}`
			: filter
				? `  /${filter}`
				: '';
	return ` ${number} ${title}  ${count}${filterText}`;
}
