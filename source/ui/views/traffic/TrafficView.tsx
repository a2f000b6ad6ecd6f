// The traffic view (R): which namespace or container uses the bandwidth, from
// one read of the host: every veth and bridge port of the host by rate, each
// with the namespace (and owner) at its other end; the selected namespace's
// interfaces are added below them.
import {Box, Text} from 'ink';
import {bytesPerSecondText, packetsPerSecondText, problemsText} from '../../../model/link-rates.js';
import {useScrollWindow} from '../../app/use-scroll-window.js';
import {ownerLabel} from '../../../model/owners.js';
import {shown} from '../../../model/shown-text.js';
import {cell, shownCell, textWidth} from '../../../model/text-cells.js';
import type {TrafficRow} from '../../../model/traffic.js';
import {ListRow} from '../../app/ListRow.js';
import {useTone} from '../../app/theme.js';
import type {TuiState} from '../../app/tui-store.js';
import type {TrafficViewState} from '../full-view-state.js';
import {trafficChrome} from './traffic-keys.js';
import {trafficRowsOf} from './traffic-rows.js';

type Props = {state: TuiState; view: TrafficViewState; width: number; height: number};

const rate = (value: number | undefined, text: (value: number) => string) =>
	value === undefined ? '-' : text(value);

export function TrafficView({state, view, width, height}: Props) {
	const tone = useTone();
	const rows = trafficRowsOf(state);
	const listRows = Math.max(height - trafficChrome, 1);
	const selected = Math.min(view.selected, Math.max(rows.length - 1, 0));
	const window = useScrollWindow(rows.length, selected, listRows);
	const nameWidth = Math.min(Math.max(9, ...rows.map(row => textWidth(shown(row.interface)))), 15);
	const whereWidth = Math.min(
		Math.max(5, ...rows.map(row => textWidth(shown(row.namespaceLabel)))),
		20,
	);
	const peerTexts = rows.map(row => peerText(row));
	const fixed = 1 + nameWidth + 1 + whereWidth + 1 + 4 * 10;
	const peerWidth = Math.max(width - fixed - 1, 10);
	const waiting = !state.traffic || rows.every(row => row.rate === null);
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text wrap="truncate-end" {...tone('paneTitleFocused')}>
				{cell(
					` Traffic: the host's veths and bridge ports by rate${rows.length > 0 ? `  ${selected + 1}/${rows.length}` : ''}`,
					width,
				)}
			</Text>
			<Text wrap="truncate-end" {...tone('muted')}>
				{` ${cell('INTERFACE', nameWidth)} ${cell('IN', whereWidth)} ${cell('RX/s', 9, 'right')} ${cell('TX/s', 9, 'right')} ${cell('RX p/s', 9, 'right')} ${cell('TX p/s', 9, 'right')} OTHER END`}
			</Text>
			{rows.slice(window.start, window.end).map((row, offset) => {
				const index = window.start + offset;
				const problems = row.rate ? problemsText(row.rate).trim() : '';
				return (
					<ListRow key={index} selected={index === selected}>
						{`${shownCell(row.interface, nameWidth)} ${shownCell(row.namespaceLabel, whereWidth)} `}
						{`${cell(rate(row.rate?.rxBytesPerSecond, bytesPerSecondText), 9, 'right')} ${cell(rate(row.rate?.txBytesPerSecond, bytesPerSecondText), 9, 'right')} `}
						{`${cell(rate(row.rate?.rxPacketsPerSecond, packetsPerSecondText), 9, 'right')} ${cell(rate(row.rate?.txPacketsPerSecond, packetsPerSecondText), 9, 'right')} `}
						{shownCell(`${peerTexts[index]}${problems ? `  ${problems}` : ''}`, peerWidth)}
					</ListRow>
				);
			})}
			{rows.length === 0 ? (
				<Text {...tone('muted')}> the host has no veth or bridge port</Text>
			) : null}
			<Text wrap="truncate-end" {...tone('muted')}>
				{cell(
					waiting
						? ' rates come with the second reading (each refresh)'
						: " Enter: the namespace at the other end; the selected namespace's interfaces are listed too",
					width,
				)}
			</Text>
		</Box>
	);
}

/** `eth0 in web (docker web-1)`, `bridge port of br0`, '' when there is nothing to say. */
function peerText(row: TrafficRow): string {
	if (row.peer)
		return `${row.peer.interface} in ${row.peer.label}${row.peer.owner && !row.peer.label.includes(ownerLabel(row.peer.owner)) ? ` (${ownerLabel(row.peer.owner)})` : ''}`;
	return row.master ? `port of ${row.master}` : row.kind;
}
