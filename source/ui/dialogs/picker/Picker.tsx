// One of a list (ink-select-input) that narrows as the user types (ink-text-input):
// ↑↓ move, Enter takes the highlighted match (the first, until moved), Esc cancels.
import {Box, Text, useInput} from 'ink';
import SelectInput from 'ink-select-input';
import TextInput from 'ink-text-input';
import {useRef, useState} from 'react';
import {scrollWindow} from '../../../model/list-window.js';
import {shown} from '../../../model/shown-text.js';
import type {Choice} from '../dialog-state.js';
import {Shown} from '../../app/Shown.js';
import {useTone} from '../../app/theme.js';

type Props = {label: string; choices: readonly Choice[]; rows: number; onPick(choice: Choice): void; onCancel(): void};

export function matchingChoices(choices: readonly Choice[], query: string): readonly Choice[] {
	const needle = query.trim().toLowerCase();
	return needle === '' ? choices : choices.filter(choice => choice.label.toLowerCase().includes(needle) || shown(choice.label).toLowerCase().includes(needle));
}

function usePickerState(choices: readonly Choice[]) {
	const [query, setQuery] = useState('');
	const [highlighted, setHighlighted] = useState(0);
	// Text and Enter read in one go reach the handlers before a re-render: Enter must see the text.
	const latestQuery = useRef(query);
	const matches = matchingChoices(choices, query);
	const index = Math.min(highlighted, Math.max(matches.length - 1, 0));
	return {
		query,
		matches,
		index,
		/** The highlighted match of what was typed last, rendered or not. */
		current(): Choice | undefined {
			return latestQuery.current === query ? matches[index] : matchingChoices(choices, latestQuery.current)[0];
		},
		narrow(text: string) {
			latestQuery.current = text;
			setQuery(text);
			setHighlighted(0);
		},
		move(step: number) {
			setHighlighted(Math.min(Math.max(index + step, 0), Math.max(matches.length - 1, 0)));
		},
	};
}

export function Picker({label, choices, rows, onPick, onCancel}: Props) {
	const tone = useTone();
	const picker = usePickerState(choices);
	const pick = () => {
		const choice = picker.current();
		if (choice) onPick(choice);
	};
	const change = (value: string) => {
		const end = value.search(/[\r\n]/);
		picker.narrow(end === -1 ? value : value.slice(0, end));
		// Text and its Enter in one piece: pick the first match of the text.
		if (end !== -1) {
			const first = matchingChoices(choices, value.slice(0, end))[0];
			if (first) onPick(first);
		}
	};
	useInput((_input, key) => {
		if (key.escape) onCancel();
		else if (key.upArrow) picker.move(-1);
		else if (key.downArrow) picker.move(1);
	});
	const window = scrollWindow(picker.matches.length, picker.index, Math.max(rows, 1));
	const visible = picker.matches.slice(window.start, window.end);
	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end">
				<Shown text={label} />
			</Text>
			<Box>
				<Text>{'/ '}</Text>
				<TextInput value={picker.query} placeholder="type to narrow" onChange={change} onSubmit={pick} />
				<Text {...tone('muted')}>{`  ${picker.matches.length} of ${choices.length}`}</Text>
			</Box>
			{visible.length === 0 ? (
				<Text {...tone('warning')}>nothing matches "<Shown text={picker.query} />"</Text>
			) : (
				// The list's own keys (j, k, digits) would clash with typing: it only shows, this component moves.
				<SelectInput
					key={`${window.start}:${picker.index}:${picker.query}`}
					items={visible.map(choice => ({label: shown(choice.label), value: choice.value, key: choice.value || choice.label}))}
					initialIndex={picker.index - window.start}
					isFocused={false}
				/>
			)}
		</Box>
	);
}
