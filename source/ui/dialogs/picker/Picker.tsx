// One of a list that narrows as the user types: ↑↓ move, Enter takes the
// highlighted match (the first, until moved), Esc cancels (forms/form-keys.ts).
import {Box, Text} from 'ink';
import type {LineEdit} from '../../../model/line-edit.js';
import {useScrollWindow} from '../../app/use-scroll-window.js';
import {LineInput} from '../../app/LineInput.js';
import {Shown} from '../../app/Shown.js';
import {useTone} from '../../app/theme.js';
import type {Choice} from '../dialog-state.js';
import {matchingChoices} from './choices.js';

type Props = {
	label: string;
	choices: readonly Choice[];
	input: LineEdit;
	highlighted: number;
	rows: number;
};

/** Label and the narrowing line above the list. */
export const pickerChrome = 2;

export function Picker({label, choices, input, highlighted, rows}: Props) {
	const tone = useTone();
	const matches = matchingChoices(choices, input.text);
	const index = Math.min(highlighted, Math.max(matches.length - 1, 0));
	const window = useScrollWindow(matches.length, index, Math.max(rows, 1));
	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end">
				<Shown text={label} />
			</Text>
			<Text wrap="truncate-end">
				{'/ '}
				<LineInput line={input} placeholder="type to narrow" />
				<Text {...tone('muted')}>{`  ${matches.length} of ${choices.length}`}</Text>
			</Text>
			{matches.length === 0 ? (
				<Text {...tone('warning')}>
					nothing matches "<Shown text={input.text} />"
				</Text>
			) : (
				matches.slice(window.start, window.end).map((choice, offset) => {
					const selected = window.start + offset === index;
					return (
						<Text key={offset} wrap="truncate-end" {...(selected ? tone('selectedFocused') : {})}>
							{selected ? '❯ ' : '  '}
							<Shown text={choice.label} />
						</Text>
					);
				})
			)}
		</Box>
	);
}
