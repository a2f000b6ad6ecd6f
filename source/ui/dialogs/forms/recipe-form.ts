// `L`: build or tear down one of the seed topologies under a prefix, step by
// step, each command shown in the popup as it runs (and in the command log).
import {describeNamespaceDeletion} from '../../../model/consequences.js';
import {
	recipeNames,
	recipeNamespaces,
	recipeSummaries,
	isRecipeName,
	validateRecipePrefix,
} from '../../../model/recipes.js';
import {runRecipe} from '../../../system/recipes.js';
import {actionForm, type ActionForm, type AnswersSoFar} from '../dialog-state.js';
import {selectCreated} from '../../panes/select-created.js';
import type {TuiStore} from '../../app/tui-store.js';
import {pickField} from './fields.js';
import {selected} from './selection.js';

export function recipeForm(store: TuiStore): ActionForm {
	const recipeOf = (answers: AnswersSoFar) => {
		const name = answers.recipe ?? '';
		if (!isRecipeName(name)) throw new Error(`no recipe ${name}`);
		return name;
	};
	return actionForm({
		title: 'Recipe',
		fields: [
			pickField(
				'recipe',
				'Recipe',
				recipeNames.map(name => ({label: `${name}: ${recipeSummaries[name]}`, value: name})),
			),
			{
				kind: 'text',
				name: 'prefix',
				label: 'Name prefix of its namespaces',
				placeholder: 'e.g. lab',
				validate: (text, answers) => {
					const check = validateRecipePrefix(text, recipeOf(answers));
					return check.ok ? null : check.reason;
				},
			},
			pickField('direction', 'Build it or tear it down', answers => [
				{
					label: `up: build ${recipeNamespaces(recipeOf(answers), answers.prefix ?? '').join(', ')}`,
					value: 'up',
				},
				{
					label: `down: delete ${recipeNamespaces(recipeOf(answers), answers.prefix ?? '').join(', ')}`,
					value: 'down',
				},
			]),
		],
		confirm: answers => {
			if (answers.direction !== 'down') return null;
			const names = recipeNamespaces(recipeOf(answers), answers.prefix);
			const {namespaces} = selected(store);
			const lines = names.flatMap(name => {
				const ns = namespaces.find(candidate => candidate.name === name);
				return ns
					? [`${name}: ${describeNamespaceDeletion(ns, namespaces).lines.join(' ')}`]
					: [`${name}: not there (nothing to do)`];
			});
			return {title: `Tear down ${recipeOf(answers)} with prefix ${answers.prefix}?`, lines};
		},
		run: async (answers, progress) => {
			const recipe = recipeOf(answers);
			const direction = answers.direction === 'down' ? 'down' : 'up';
			const outcome = await runRecipe(recipe, direction, answers.prefix, {
				onStep: (result, index, total) => {
					progress(
						`${result.ok ? '✓' : '✗'} ${index + 1}/${total} ${result.commandLine ?? result.message}`,
					);
					if (!result.ok && result.commandLine) progress(`    ${result.message}`);
				},
			});
			return {ok: outcome.ok, message: outcome.message, command: null, commandLine: null};
		},
		select: (answers, store) => {
			if (answers.direction === 'up')
				selectCreated(store, {namespace: recipeNamespaces(recipeOf(answers), answers.prefix)[0]!});
		},
		output: 'popup',
	});
}
