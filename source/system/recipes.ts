// Runs a recipe's steps through the action layer, one at a time, so each
// command lands in the command log as it runs.
import type {RecipeName, RecipeStep} from '../model/recipes.js';
import {recipeDown, recipeUp, validateRecipePrefix} from '../model/recipes.js';
import * as actions from './actions/index.js';
import type {ActionContext, ActionResult} from './actions/index.js';

// Each step names the action-layer function that performs it.
function perform(step: RecipeStep, context: ActionContext): Promise<ActionResult> {
	const action = actions[step.action] as (
		request: RecipeStep['request'],
		context: ActionContext,
	) => Promise<ActionResult>;
	return action(step.request, context);
}

export type RecipeRun = {ok: boolean; message: string; results: ActionResult[]};

/**
 * `up` stops at the first failing step (what follows would fail too, and the
 * message names the step); `down` goes on, to remove as much as it can.
 */
export async function runRecipe(
	recipe: RecipeName,
	direction: 'up' | 'down',
	prefix: string,
	options: {
		context?: ActionContext;
		onStep?: (result: ActionResult, index: number, total: number) => void;
	} = {},
): Promise<RecipeRun> {
	const prefixCheck = validateRecipePrefix(prefix, recipe);
	if (!prefixCheck.ok) return {ok: false, message: prefixCheck.reason, results: []};
	const steps = direction === 'up' ? recipeUp(recipe, prefix) : recipeDown(recipe, prefix);
	const results: ActionResult[] = [];
	for (const [index, step] of steps.entries()) {
		const result = await perform(step, options.context ?? {});
		results.push(result);
		options.onStep?.(result, index, steps.length);
		if (!result.ok && direction === 'up') {
			return {
				ok: false,
				message: `${recipe} up stopped at step ${index + 1} of ${steps.length}: ${result.message}`,
				results,
			};
		}
	}
	const failed = results.filter(result => !result.ok);
	if (failed.length > 0)
		return {
			ok: false,
			message: `${recipe} down: ${failed.map(r => r.message).join('; ')}`,
			results,
		};
	return {
		ok: true,
		message: `${recipe} ${direction} with prefix ${prefix}: ${steps.length} steps done`,
		results,
	};
}
