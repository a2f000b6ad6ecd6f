// `nstui recipe NAME up|down --prefix P`: builds or removes a seed topology,
// printing each command as it runs, in a form that can be pasted into a shell.
import {shown, shownLines} from '../model/shown-text.js';
import {isRecipeName, recipeNames, recipeSummaries} from '../model/recipes.js';
import {runRecipe} from '../system/recipes.js';

export async function runRecipeCommand({
	args,
	prefix,
}: {
	args: string[];
	prefix: string | undefined;
}): Promise<number> {
	const [name, direction, ...rest] = args;
	if (
		!name ||
		!isRecipeName(name) ||
		(direction !== 'up' && direction !== 'down') ||
		rest.length > 0 ||
		!prefix
	) {
		process.stderr.write(
			`usage: nstui recipe NAME up|down --prefix PREFIX\nrecipes:\n${recipeNames.map(n => `  ${n.padEnd(7)} ${recipeSummaries[n]}`).join('\n')}\n`,
		);
		return 2;
	}
	const outcome = await runRecipe(name, direction, prefix, {
		onStep: result => {
			if (result.commandLine)
				process.stdout.write(`${result.ok ? '+' : '!'} ${shown(result.commandLine)}\n`);
			if (!result.ok) process.stderr.write(`nstui: ${shownLines(result.message).join('\n')}\n`);
		},
	});
	(outcome.ok ? process.stdout : process.stderr).write(
		`${outcome.ok ? '' : 'nstui: '}${outcome.message}\n`,
	);
	return outcome.ok ? 0 : 1;
}
