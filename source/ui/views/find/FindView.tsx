// Find anything (F): one search over every namespace, results as you type, each
// saying what matched and where; Enter goes there in the panes.
import {Box, Text} from 'ink';
import TextInput from 'ink-text-input';
import {useMemo, useRef} from 'react';
import {findAnything, type FindResult} from '../../../model/find.js';
import {scrollWindow} from '../../../model/list-window.js';
import {shown} from '../../../model/shown-text.js';
import {cell, shownCell, textWidth} from '../../../model/text-cells.js';
import {setFindTerm} from './find-updates.js';
import type {FindViewState} from '../full-view-state.js';
import type {KeyContext} from '../../keys/pane-keys.js';
import {useTone} from '../../app/theme.js';
import type {TuiState} from '../../app/tui-store.js';
import {useFindInput} from './use-find-input.js';

type Props = {state: TuiState; view: FindViewState; context: KeyContext; width: number; height: number; isActive: boolean};

/** Title, prompt and column header above the results. */
const chrome = 3;

export function FindView({state, view, context, width, height, isActive}: Props) {
	const tone = useTone();
	const {store} = context;
	const results = useMemo(() => (state.snapshot ? findAnything(state.snapshot, view.term) : []), [state.snapshot, view.term]);
	const listRows = Math.max(height - chrome, 1);
	const selected = Math.min(view.selected, Math.max(results.length - 1, 0));
	useFindInput({store, results, selected, pageSize: listRows, quit: context.quit, isActive});
	const start = useRef(0);
	const window = scrollWindow(results.length, selected, listRows, start.current);
	start.current = window.start;
	const whereWidth = Math.min(Math.max(9, ...results.map(result => textWidth(shown(result.namespaceLabel)))), 28);
	const count = view.term.trim() === '' ? '' : results.length === 0 ? '  nothing found' : `  ${selected + 1}/${results.length}`;
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text wrap="truncate-end" {...tone('paneTitleFocused')}>
				{cell(` Find anything${count}`, width)}
			</Text>
			<Box>
				<Text bold>Find: </Text>
				<TextInput
					value={view.term}
					onChange={term => setFindTerm(store, term)}
					focus={isActive}
					placeholder="an interface, IP address or prefix, MAC, PID, command or namespace name"
				/>
			</Box>
			<Text wrap="truncate-end" {...tone('muted')}>
				{` ${cell('MATCH', 9)} ${cell('NAMESPACE', whereWidth)} WHAT`}
			</Text>
			{results.slice(window.start, window.end).map((result, offset) => {
				const index = window.start + offset;
				return (
					<Text key={index} wrap="truncate-end" {...(index === selected ? tone('selectedFocused') : {})}>
						{index === selected ? '›' : ' '}
						{resultText(result, whereWidth, width - 1)}
					</Text>
				);
			})}
		</Box>
	);
}

function resultText(result: FindResult, whereWidth: number, width: number): string {
	const pids = result.match === 'process' || result.processCount === 0 ? '' : `  · pids ${result.pids.slice(0, 3).join(' ')}${result.processCount > 3 ? ' …' : ''}`;
	return cell(`${cell(result.match, 9)} ${shownCell(result.namespaceLabel, whereWidth)} ${shown(result.what)}${pids}`, width);
}
