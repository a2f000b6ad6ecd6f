// The `?` overlay, rendered from the key tables (keys/layers.ts helpSections): the groups of keys flow down as
// many columns as the width allows; when they do not fit (80x24), they are laid
// out on pages of whole groups, turned with j/k, arrows, PgUp/PgDn and g/G, so
// a group is always seen whole (one too big for a page has one of its own).
import {Box, Text} from 'ink';
import {cell} from '../../../model/text-cells.js';
import {useTone} from '../../app/theme.js';
import {keysInWords} from '../../keys/key-press.js';
import {scrollKeysText} from '../../keys/scroll-keys.js';
import {helpTables} from './help-keys.js';
import {helpPages, helpRows, keyWidth} from './help-pages.js';
import type {KeyTable} from '../../keys/key-table.js';

type Props = {
	width: number;
	height: number;
	sections: readonly KeyTable[];
	readOnly: boolean;
	page: number;
};

export function HelpView({width, height, sections, readOnly, page: wanted}: Props) {
	const tone = useTone();
	const {pages, columnWidth} = helpPages(sections, readOnly, width, helpRows(height));
	const [close, turn] = helpTables;
	const page = Math.min(wanted, pages.length - 1);
	const columns = pages[page] ?? [];
	const scrollNote =
		pages.length > 1 ? `  page ${page + 1} of ${pages.length}: ${scrollKeysText(turn!)} turn` : '';
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text wrap="truncate-end" {...tone('paneTitleFocused')}>
				{cell(
					` Keys  (${keysInWords(close!.entries[0]!.keys)} closes this help)${scrollNote}`,
					width,
				)}
			</Text>
			<Box flexDirection="row" width={width}>
				{columns.map((column, index) => (
					<Box key={index} flexDirection="column" width={columnWidth} marginRight={1}>
						{column.map((line, row) =>
							line.kind === 'group' ? (
								<Text key={row} bold>
									{line.text}
								</Text>
							) : (
								<Text
									key={row}
									wrap="truncate-end"
									{...(line.kind === 'unavailable' ? tone('muted') : {})}
								>
									{line.text === '' ? line.keys : cell(line.keys, keyWidth)}
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
