// An action's form, one field at a time: the answers so far above, the current
// prompt or picker below. The last answer submits the action.
import {Box, Text} from 'ink';
import {Shown} from '../../app/Shown.js';
import {useTone} from '../../app/theme.js';
import {keyLabel} from '../../keys/key-press.js';
import type {KeyEntry} from '../../keys/key-table.js';
import {formTables} from './form-keys.js';
import {formChoices} from './form-updates.js';
import type {AnswersSoFar, Field, FormModal} from '../dialog-state.js';
import {Picker, pickerChrome} from '../picker/Picker.js';
import {promptHeight, TextPrompt} from '../prompt/TextPrompt.js';

type Props = {modal: FormModal; rows: number};

function shownAnswer(field: Field, answers: AnswersSoFar): string {
	const value = answers[field.name] ?? '';
	if (field.kind === 'text') return value === '' ? '(none)' : value;
	return field.choices(answers).find(choice => choice.value === value)?.label ?? value;
}

/** Lines the form needs inside its frame: its title, the answers so far, the field (a picker: the choices left). */
export function formHeight(modal: FormModal): number {
	const field = modal.form.fields[modal.step];
	const fieldLines = !field
		? 0
		: field.kind === 'text'
			? promptHeight
			: pickerChrome + Math.max(formChoices(modal).length, 1);
	return 1 + modal.step + fieldLines;
}

export function FormDialog({modal, rows}: Props) {
	const tone = useTone();
	const {form, step, answers} = modal;
	const field = form.fields[step];
	if (!field) return null;
	const done = form.fields.slice(0, step);
	const [take, cancel] = formTables(modal)[0]!.entries as [KeyEntry, KeyEntry];
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate-end">
				<Shown text={form.title} />
				<Text
					{...tone('muted')}
				>{`  (${step + 1}/${form.fields.length}; ${keyLabel(take.keys[0]!)} ${step + 1 < form.fields.length ? 'next' : 'runs it'}, ${keyLabel(cancel.keys[0]!)} ${step > 0 ? 'back' : 'cancels'})`}</Text>
			</Text>
			{done.map(previous => (
				<Text key={previous.name} wrap="truncate-end" {...tone('muted')}>
					<Shown text={`${previous.label}: ${shownAnswer(previous, answers)}`} />
				</Text>
			))}
			{field.kind === 'text' ? (
				<TextPrompt
					field={field}
					answers={answers}
					input={modal.input}
					tried={modal.tried}
					problem={modal.problem}
					checking={modal.checking}
				/>
			) : (
				<Picker
					key={`${step}:${field.name}`}
					label={field.label}
					choices={field.choices(answers)}
					input={modal.input}
					highlighted={modal.highlighted}
					rows={Math.max(rows - done.length - 1 - pickerChrome, 1)}
				/>
			)}
		</Box>
	);
}
