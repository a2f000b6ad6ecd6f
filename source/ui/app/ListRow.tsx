// One row of a full view's list (find, traffic, timeline): the selection mark
// and the selected tone, so every list marks its cursor the same way.
import type {ReactNode} from 'react';
import {Text} from 'ink';
import {useTone} from './theme.js';

export function ListRow({selected, children}: {selected: boolean; children: ReactNode}) {
	const tone = useTone();
	return (
		<Text wrap="truncate-end" {...(selected ? tone('selectedFocused') : {})}>
			{selected ? '›' : ' '}
			{children}
		</Text>
	);
}
