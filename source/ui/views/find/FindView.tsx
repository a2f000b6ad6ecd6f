// Find anything (F): one search over every namespace, results as you type, each
// saying what matched and where; Enter goes there in the panes.
import {Box, Text} from 'ink';
import type {FindResult} from '../../../model/find.js';
import {useScrollWindow} from '../../app/use-scroll-window.js';
import {shown} from '../../../model/shown-text.js';
import {cell, shownCell, textWidth} from '../../../model/text-cells.js';
import type {FindViewState} from '../full-view-state.js';
import {LineInput} from '../../app/LineInput.js';
import {findChrome} from './find-keys.js';
import {findResults} from './find-results.js';
import {ListRow} from '../../app/ListRow.js';
import {useTone} from '../../app/theme.js';
import type {TuiState} from '../../app/tui-store.js';

type Props = {state: TuiState; view: FindViewState; width: number; height: number};

export function FindView({state, view, width, height}: Props) {
	const tone = useTone();
	const results = findResults(state.snapshot, view.term);
	const listRows = Math.max(height - findChrome, 1);
	const selected = Math.min(view.selected, Math.max(results.length - 1, 0));
	const window = useScrollWindow(results.length, selected, listRows);
	const whereWidth = Math.min(
		Math.max(9, ...results.map(result => textWidth(shown(result.namespaceLabel)))),
		28,
	);
	const count =
		view.term.trim() === ''
			? ''
			: results.length === 0
				? '  nothing found'
				: `  ${selected + 1}/${results.length}`;
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text wrap="truncate-end" {...tone('paneTitleFocused')}>
				{cell(` Find anything${count}`, width)}
			</Text>
			<Box>
				<Text bold>Find: </Text>
				<LineInput
					line={{text: view.term, cursor: Math.min(view.cursor, view.term.length)}}
					placeholder="an interface, IP address or prefix, MAC, PID, command, namespace name or :port"
				/>
			</Box>
			<Text wrap="truncate-end" {...tone('muted')}>
				{` ${cell('MATCH', 9)} ${cell('NAMESPACE', whereWidth)} WHAT`}
			</Text>
			{results.slice(window.start, window.end).map((result, offset) => {
				const index = window.start + offset;
				return (
					<ListRow key={index} selected={index === selected}>
						{resultText(result, whereWidth, width - 1)}
					</ListRow>
				);
			})}
		</Box>
	);
}

function resultText(result: FindResult, whereWidth: number, width: number): string {
	const pids =
		result.match === 'process' || result.processCount === 0
			? ''
			: `  · pids ${result.pids.slice(0, 3).join(' ')}${result.processCount > 3 ? ' …' : ''}`;
	return cell(
		`${cell(result.match, 9)} ${shownCell(result.namespaceLabel, whereWidth)} ${shown(result.what)}${pids}`,
		width,
	);
}
