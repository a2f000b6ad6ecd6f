// The `?` overlay, rendered from the key map: the groups of keys flow down as
// many columns as the width allows; when they do not fit the height (80x24),
// j/k, arrows, PgUp/PgDn and g/G scroll them together.
import {Box, Text, useInput} from 'ink';
import {useState} from 'react';
import {cell} from '../model/text-cells.js';
import {keyGroups, type KeyBinding} from './key-map.js';
import {detailsKeys, findKeys, topologyKeys} from './view-keys.js';

// The keys inside the full-screen views, listed after the main ones.
const viewKeyGroups: ReadonlyArray<readonly [string, ReadonlyArray<{keys: string; description: string}>]> = [
	['In the topology view (t)', topologyKeys],
	['In find (F)', findKeys],
	['In details (i)', detailsKeys],
];
import {useTone} from './theme.js';

type Props = {width: number; height: number; bindings: readonly KeyBinding[]; readOnly: boolean};

type HelpLine = {keys: string; text: string; kind: 'group' | 'entry' | 'unavailable' | 'blank'};

const keyWidth = 11;
const minimumColumnWidth = 38;

function wrapWords(text: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(' ')) {
		if (line !== '' && line.length + 1 + word.length > width) {
			lines.push(line);
			line = word;
		} else line = line === '' ? word : `${line} ${word}`;
	}
	return [...lines, line];
}

export function helpLines(bindings: readonly KeyBinding[], readOnly: boolean, textWidth: number): HelpLine[] {
	const lines: HelpLine[] = [];
	for (const group of keyGroups) {
		const entries = bindings.filter(binding => binding.group === group);
		if (entries.length === 0) continue;
		if (lines.length > 0) lines.push({keys: '', text: '', kind: 'blank'});
		lines.push({keys: '', text: group, kind: 'group'});
		for (const entry of entries) {
			const unavailable = readOnly && entry.changesSystem === true;
			const text = `${entry.description}${unavailable ? ' (unavailable: read-only)' : ''}`;
			wrapWords(text, textWidth).forEach((part, index) => lines.push({keys: index === 0 ? entry.keys : '', text: part, kind: unavailable ? 'unavailable' : 'entry'}));
		}
	}
	for (const [group, entries] of viewKeyGroups) {
		lines.push({keys: '', text: '', kind: 'blank'}, {keys: '', text: group, kind: 'group'});
		for (const entry of entries) {
			wrapWords(entry.description, textWidth).forEach((part, index) => lines.push({keys: index === 0 ? entry.keys : '', text: part, kind: 'entry'}));
		}
	}
	return lines;
}

/** Lines down columns of `height`: no column starts with a blank line, no group title ends one. */
function flow(lines: readonly HelpLine[], height: number): HelpLine[][] {
	const columns: HelpLine[][] = [[]];
	for (const line of lines) {
		let column = columns.at(-1)!;
		if (column.length === height || (line.kind === 'group' && column.length === height - 1 && height > 1)) columns.push((column = []));
		if (line.kind === 'blank' && column.length === 0) continue;
		column.push(line);
	}
	return columns;
}

/** As few columns as hold everything; when even the most do not, the column height the lines need (then it scrolls). */
function layOut(bindings: readonly KeyBinding[], readOnly: boolean, width: number, rows: number) {
	const most = Math.max(1, Math.floor((width + 1) / (minimumColumnWidth + 1)));
	const widthFor = (count: number) => Math.min(Math.floor((width + 1) / count) - 1, 60);
	for (let count = 1; count <= most; count++) {
		const columns = flow(helpLines(bindings, readOnly, widthFor(count) - keyWidth), rows);
		if (columns.length <= count) return {columns, columnWidth: widthFor(count), columnHeight: rows};
	}
	const lines = helpLines(bindings, readOnly, widthFor(most) - keyWidth);
	let columnHeight = Math.ceil(lines.length / most);
	while (flow(lines, columnHeight).length > most) columnHeight++;
	return {columns: flow(lines, columnHeight), columnWidth: widthFor(most), columnHeight};
}

function useHelpScroll(maxOffset: number, page: number): number {
	const [offset, setOffset] = useState(0);
	const scroll = (to: number) => setOffset(Math.min(Math.max(to, 0), maxOffset));
	useInput((input, key) => {
		const current = Math.min(offset, maxOffset);
		if (key.downArrow || input === 'j') scroll(current + 1);
		else if (key.upArrow || input === 'k') scroll(current - 1);
		else if (key.pageDown) scroll(current + page);
		else if (key.pageUp) scroll(current - page);
		else if (input === 'g' || key.home) scroll(0);
		else if (input === 'G' || key.end) scroll(maxOffset);
	});
	return Math.min(offset, maxOffset);
}

export function HelpOverlay({width, height, bindings, readOnly}: Props) {
	const tone = useTone();
	const rows = Math.max(height - 1, 1);
	const {columns, columnWidth, columnHeight} = layOut(bindings, readOnly, width, rows);
	const maxOffset = columnHeight - rows;
	const offset = useHelpScroll(maxOffset, Math.max(rows - 1, 1));
	const scrollNote = maxOffset > 0 ? `  j/k PgUp/PgDn scroll: rows ${offset + 1}-${offset + rows} of ${columnHeight}` : '';
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text wrap="truncate-end" {...tone('paneTitleFocused')}>
				{cell(` Keys  (Esc, ? or q closes this help)${scrollNote}`, width)}
			</Text>
			<Box flexDirection="row" width={width}>
				{columns.map((column, index) => (
					<Box key={index} flexDirection="column" width={columnWidth} marginRight={1}>
						{column.slice(offset, offset + rows).map((line, row) =>
							line.kind === 'group' ? (
								<Text key={row} bold>
									{line.text}
								</Text>
							) : (
								<Text key={row} wrap="truncate-end" {...(line.kind === 'unavailable' ? tone('muted') : {})}>
									{cell(line.keys, keyWidth)}
									{line.text || ' '}
								</Text>
							),
						)}
					</Box>
				))}
			</Box>
		</Box>
	);
}
