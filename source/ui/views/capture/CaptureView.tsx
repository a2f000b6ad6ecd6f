// The live capture view (c on an interface): tcpdump's decoded lines as they
// come, newest at the bottom, while the UI and its live updates go on.
import {Box, Text} from 'ink';
import {captureStatus, visibleLines} from '../../../model/capture-view.js';
import {shown} from '../../../model/shown-text.js';
import {cell, shownCell} from '../../../model/text-cells.js';
import {useTone} from '../../app/theme.js';
import type {CaptureViewStateFull} from '../full-view-state.js';
import {captureChrome} from './capture-keys.js';

type Props = {view: CaptureViewStateFull; width: number; height: number};

export function CaptureView({view, width, height}: Props) {
	const tone = useTone();
	const lines = visibleLines(view.lines);
	const listRows = Math.max(height - captureChrome, 1);
	const last = Math.max(lines.length - listRows, 0);
	const top = view.top === null ? last : Math.min(view.top, last);
	const state = view.running ? (view.lines.paused ? 'paused' : 'capturing') : 'ended';
	const filter = view.editingFilter
		? `  /${view.lines.filter.slice(0, view.filterCursor)}_${view.lines.filter.slice(view.filterCursor)}`
		: '';
	const title = ` Capture on ${view.interface} in ${view.namespaceLabel}${view.bpf ? `  bpf: ${view.bpf}` : ''}  ${state}${filter}`;
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text wrap="truncate-end" {...tone('paneTitleFocused')}>
				{shownCell(title, width)}
			</Text>
			{lines.slice(top, top + listRows).map((line, index) => (
				<Text key={index} wrap="truncate-end">
					{shownCell(line, width) || ' '}
				</Text>
			))}
			{lines.length === 0 ? (
				<Text {...tone('muted')}>{view.running ? ' waiting for packets…' : ' no packets'}</Text>
			) : null}
			<Box flexGrow={1} />
			<Text wrap="truncate-end" {...tone(view.end && !view.running ? 'warning' : 'muted')}>
				{cell(
					` ${shown(captureStatus(view.lines))}${view.top !== null ? '  (scrolled: G follows)' : ''}${view.end ? `  ${shown(view.end)}` : ''}`,
					width,
				)}
			</Text>
		</Box>
	);
}
