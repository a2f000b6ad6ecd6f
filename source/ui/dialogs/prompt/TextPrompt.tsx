// One typed value (ink-text-input), with the reason it cannot be used shown
// under it as the user types. Enter submits a valid value, Esc cancels.
import {Box, Text, useInput} from 'ink';
import TextInput from 'ink-text-input';
import {useRef, useState} from 'react';
import type {Answers, TextField} from '../dialog-state.js';
import {Shown} from '../../app/Shown.js';
import {useTone} from '../../app/theme.js';

type Props = {field: TextField; answers: Answers; onSubmit(text: string): void; onCancel(): void};

export function TextPrompt({field, answers, onSubmit, onCancel}: Props) {
	const tone = useTone();
	const [text, setText] = useState(field.initial ?? '');
	// Text and Enter read in one go reach TextInput before it re-renders: Enter must see the text.
	const latest = useRef(text);
	const update = (value: string) => {
		latest.current = value;
		setText(value);
	};
	const [tried, setTried] = useState(false);
	const problem = field.validate(text, answers);
	const submit = (value: string) => {
		if (field.validate(value, answers) === null) onSubmit(value);
		else setTried(true);
	};
	// Text typed faster than it is read arrives with its Enter in one piece.
	const change = (value: string) => {
		const end = value.search(/[\r\n]/);
		if (end === -1) return update(value);
		update(value.slice(0, end));
		submit(value.slice(0, end));
	};
	useInput((_input, key) => {
		if (key.escape) onCancel();
	});
	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end">
				<Shown text={field.label} />
			</Text>
			<Box>
				<Text>{'› '}</Text>
				<TextInput value={text} placeholder={field.placeholder ?? ''} onChange={change} onSubmit={() => submit(latest.current)} />
			</Box>
			<Text wrap="truncate-end" {...(problem && (tried || text !== '') ? tone(tried ? 'error' : 'warning') : tone('muted'))}>
				{problem && (tried || text !== '') ? <Shown text={problem} /> : problem ? ' ' : '✓'}
			</Text>
		</Box>
	);
}
