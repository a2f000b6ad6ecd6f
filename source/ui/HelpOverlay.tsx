// The `?` overlay, rendered from the key map: one column per group of keys.
import {Box, Text} from 'ink';
import {cell} from '../model/text-cells.js';
import {keyGroups, type KeyBinding} from './key-map.js';
import {useTone} from './theme.js';

type Props = {width: number; height: number; bindings: readonly KeyBinding[]; readOnly: boolean};

export function HelpOverlay({width, height, bindings, readOnly}: Props) {
	const tone = useTone();
	const groups = keyGroups
		.map(group => ({group, entries: bindings.filter(binding => binding.group === group)}))
		.filter(({entries}) => entries.length > 0);
	const columnWidth = Math.max(Math.min(Math.floor(width / 2) - 1, 60), 30);
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text wrap="truncate-end" {...tone('paneTitleFocused')}>
				{cell(' Keys  (Esc, ? or q closes this help)', width)}
			</Text>
			<Box flexDirection="row" flexWrap="wrap" width={width}>
				{groups.map(({group, entries}) => (
					<Box key={group} flexDirection="column" width={columnWidth} marginRight={1}>
						<Text bold>{group}</Text>
						{entries.map(entry => {
							const unavailable = readOnly && entry.changesSystem;
							return (
								<Box key={entry.keys}>
									<Box width={11} flexShrink={0}>
										<Text>{entry.keys}</Text>
									</Box>
									<Text {...(unavailable ? tone('muted') : {})}>
										{entry.description}
										{unavailable ? ' (unavailable: read-only)' : ''}
									</Text>
								</Box>
							);
						})}
					</Box>
				))}
			</Box>
		</Box>
	);
}
