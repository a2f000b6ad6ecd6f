// Text from the system in a view: shown() (model/shown-text.ts), with its
// escapes marked so an odd name stands out; with a width, cut or padded to it.
import {Text} from 'ink';
import {shownParts} from '../../model/shown-text.js';
import {shownCellParts} from '../../model/text-cells.js';
import {useTone} from './theme.js';

type Props = {text: string; width?: number; align?: 'left' | 'right'};

export function Shown({text, width, align}: Props) {
	const tone = useTone();
	const parts = width === undefined ? shownParts(text) : shownCellParts(text, width, align);
	if (parts.length === 0) return null;
	if (parts.length === 1 && !parts[0]!.escaped) return parts[0]!.text;
	return (
		<>
			{parts.map((part, index) =>
				part.escaped ? (
					<Text key={index} {...tone('escaped')}>
						{part.text}
					</Text>
				) : (
					part.text
				),
			)}
		</>
	);
}
