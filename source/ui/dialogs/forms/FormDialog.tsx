// An action's form, one field at a time: the answers so far above, the current
// prompt or picker below. The last answer submits the action.
import {Box, Text} from 'ink';
import type {ActionHost} from '../../app/action-host.js';
import {closeModal, type ActionForm, type Answers, type Field} from '../dialog-state.js';
import {Picker} from '../picker/Picker.js';
import {submitForm} from './submit-form.js';
import {TextPrompt} from '../prompt/TextPrompt.js';
import {Shown} from '../../app/Shown.js';
import {useTone} from '../../app/theme.js';

type Props = {host: ActionHost; form: ActionForm; step: number; answers: Answers; rows: number};

function shownAnswer(field: Field, answers: Answers): string {
	const value = answers[field.name] ?? '';
	if (field.kind === 'text') return value === '' ? '(none)' : value;
	return field.choices(answers).find(choice => choice.value === value)?.label ?? value;
}

export function FormDialog({host, form, step, answers, rows}: Props) {
	const tone = useTone();
	const field = form.fields[step];
	if (!field) return null;
	const cancel = () => closeModal(host.store);
	const answer = (value: string) => {
		const next = {...answers, [field.name]: value};
		if (step + 1 < form.fields.length) host.store.update({modal: {kind: 'form', form, step: step + 1, answers: next}});
		else submitForm(host, form, next);
	};
	const done = form.fields.slice(0, step);
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate-end">
				<Shown text={form.title} />
				<Text {...tone('muted')}>{`  (${step + 1}/${form.fields.length}; Enter ${step + 1 < form.fields.length ? 'next' : 'runs it'}, Esc cancels)`}</Text>
			</Text>
			{done.map(previous => (
				<Text key={previous.name} wrap="truncate-end" {...tone('muted')}>
					<Shown text={`${previous.label}: ${shownAnswer(previous, answers)}`} />
				</Text>
			))}
			{field.kind === 'text' ? (
				<TextPrompt key={`${step}:${field.name}`} field={field} answers={answers} onSubmit={answer} onCancel={cancel} />
			) : (
				<Picker
					key={`${step}:${field.name}`}
					label={field.label}
					choices={field.choices(answers)}
					rows={Math.max(rows - done.length - 3, 1)}
					onPick={choice => answer(choice.value)}
					onCancel={cancel}
				/>
			)}
		</Box>
	);
}
