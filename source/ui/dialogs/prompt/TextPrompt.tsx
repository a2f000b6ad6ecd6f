// One typed value, with the reason it cannot be used shown under it as the
// user types (or the reason its check or the action gave, with the text kept),
// and the field's suggestion dim after it. The form's keys
// (forms/form-keys.ts) edit and submit it.
import {Box, Text} from 'ink';
import type {LineEdit} from '../../../model/line-edit.js';
import {LineInput} from '../../app/LineInput.js';
import {Shown} from '../../app/Shown.js';
import {useTone} from '../../app/theme.js';
import type {AnswersSoFar, TextField} from '../dialog-state.js';

type Props = {
	field: TextField;
	answers: AnswersSoFar;
	input: LineEdit;
	tried: boolean;
	problem: string | null;
	checking: boolean;
};

/** Label, the line, the reason or ✓. */
export const promptHeight = 3;

export function TextPrompt({field, answers, input, tried, problem: refused, checking}: Props) {
	const tone = useTone();
	const {text} = input;
	const problem = field.validate(text, answers) ?? refused;
	const suggestion = field.suggestion ?? '';
	const rest =
		suggestion.startsWith(text) && input.cursor === text.length
			? suggestion.slice(text.length)
			: '';
	if (checking)
		return (
			<Box flexDirection="column">
				<Text wrap="truncate-end">
					<Shown text={field.label} />
				</Text>
				<Text wrap="truncate-end">
					{'› '}
					<LineInput line={input} focused={false} />
				</Text>
				<Text {...tone('muted')}>checking…</Text>
			</Box>
		);
	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end">
				<Shown text={field.label} />
			</Text>
			<Text wrap="truncate-end">
				{'› '}
				<LineInput
					line={input}
					placeholder={rest === '' ? (field.placeholder ?? '') : text === '' ? suggestion : ''}
				/>
				{rest === '' ? null : (
					<Text {...tone('muted')}>
						<Shown text={text === '' ? '' : rest} />
						{'  (Tab takes it)'}
					</Text>
				)}
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
