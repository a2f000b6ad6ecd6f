// One typed value, with the reason it cannot be used shown under it as the
// user types. The form's keys (forms/form-keys.ts) edit and submit it.
import {Box, Text} from 'ink';
import type {LineEdit} from '../../../model/line-edit.js';
import {LineInput} from '../../app/LineInput.js';
import {Shown} from '../../app/Shown.js';
import {useTone} from '../../app/theme.js';
import type {AnswersSoFar, TextField} from '../dialog-state.js';

type Props = {field: TextField; answers: AnswersSoFar; input: LineEdit; tried: boolean};

/** Label, the line, the reason or ✓. */
export const promptHeight = 3;

export function TextPrompt({field, answers, input, tried}: Props) {
	const tone = useTone();
	const {text} = input;
	const problem = field.validate(text, answers);
	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end">
				<Shown text={field.label} />
			</Text>
			<Text wrap="truncate-end">
				{'› '}
				<LineInput line={input} placeholder={field.placeholder ?? ''} />
			</Text>
			<Text
				wrap="truncate-end"
				{...(problem && (tried || text !== '') ? tone(tried ? 'error' : 'warning') : tone('muted'))}
			>
				{problem && (tried || text !== '') ? <Shown text={problem} /> : problem ? ' ' : '✓'}
			</Text>
		</Box>
	);
}
