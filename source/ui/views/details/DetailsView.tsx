// The details view (i): neighbours and firewall of the selected namespace, over the
// whole body rather than in the Routes pane: iptables rules run 40 to 80 columns,
// and at 80x24 the Routes pane is 40 wide and 8 rows high, the body 80 by 20.
import {Box, Text} from 'ink';
import {clockTime, shownCell} from '../../../model/text-cells.js';
import {namespaceLabel} from '../../../model/snapshot.js';
import {detailsLinesOf} from './details-lines.js';
import type {DetailsViewState} from '../full-view-state.js';
import type {DetailsReader} from './details-reader.js';
import {useTone} from '../../app/theme.js';
import {ToneLines} from '../../app/ToneLines.js';
import type {TuiState, TuiStore} from '../../app/tui-store.js';
import {useDetailsReads} from './use-details-reads.js';

type Props = {
	state: TuiState;
	view: DetailsViewState;
	store: TuiStore;
	reader: DetailsReader;
	width: number;
	height: number;
};

export function DetailsView({state, view, store, reader, width, height}: Props) {
	const tone = useTone();
	const ns = state.snapshot?.namespaces.find(item => item.inode === view.namespace);
	const lines = detailsLinesOf(view, ns, width, state.traffic);
	const listHeight = Math.max(height - 1, 1);
	const top = Math.min(view.top, Math.max(lines.length - listHeight, 0));
	useDetailsReads(store, view, reader);
	const label = ns ? namespaceLabel(ns) : 'a namespace that is gone';
	const when =
		view.status === 'read' && view.readAt !== null ? `read ${clockTime(view.readAt)}` : 'reading…';
	const scroll =
		lines.length > listHeight
			? `  lines ${top + 1}-${Math.min(top + listHeight, lines.length)} of ${lines.length}`
			: '';
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text wrap="truncate-end" {...tone('paneTitleFocused')}>
				{shownCell(` Details of ${label}  net:[${view.namespace}]  ${when}${scroll}`, width)}
			</Text>
			<ToneLines lines={lines.slice(top, top + listHeight)} first={top} />
		</Box>
	);
}
