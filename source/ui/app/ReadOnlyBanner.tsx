import {Text} from 'ink';
import {cell} from '../../model/text-cells.js';
import {useTone} from './theme.js';

export function ReadOnlyBanner({width, reason}: {width: number; reason: string}) {
	const tone = useTone();
	return (
		<Text wrap="truncate-end" {...tone('banner')}>
			{cell(` READ-ONLY: ${reason}; actions are disabled`, width)}
		</Text>
	);
}
