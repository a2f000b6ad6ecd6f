// termshark on an interface inside a namespace, given the terminal like the
// shell (s): `ip netns exec NAME termshark -i IF`, or nsenter for an unnamed one.
import {termsharkArgv, validateCaptureInterface} from '../../model/capture.js';
import {shellLine} from '../../model/commands.js';
import type {NamespaceTarget} from '../../model/namespace-target.js';
import {shown} from '../../model/shown-text.js';
import {validateNamespaceTarget} from '../../model/validate.js';
import {commandLog} from '../command-log.js';
import {findProgram, missingProgramMessage} from '../programs.js';
import {runInteractive} from '../run.js';
import {firstProblem, refused, type ActionContext, type ActionResult} from './perform.js';

export type TermsharkRequest = {namespace: NamespaceTarget; interface: string; label: string};

/** Whether termshark can be offered here (the key says why not). */
export const termsharkMissing = (): string | null =>
	findProgram('termshark') === null ? missingProgramMessage('termshark') : null;

/** Call it only once the UI has let go of the terminal. */
export async function openTermshark(
	request: TermsharkRequest,
	context: ActionContext = {},
): Promise<ActionResult> {
	const target = validateNamespaceTarget(request.namespace);
	const device = validateCaptureInterface(request.interface);
	if (!target.ok || !device.ok) return refused(firstProblem(target, device)!);
	const missing = termsharkMissing();
	if (missing) return refused(missing);
	const argv = termsharkArgv(target.value, device.value);
	process.stdout.write(
		`nstui: termshark on ${shown(request.interface)} in ${shown(request.label)}; q in termshark returns\n`,
	);
	const logged = (context.log ?? commandLog).start(argv);
	const result = await runInteractive(argv[0]!, argv.slice(1));
	logged.finish(result);
	const base = {command: result.command, commandLine: shellLine(result.command)};
	if (result.missing) return {ok: false, message: missingProgramMessage(argv[0]!), ...base};
	return {
		ok: result.exitCode === 0,
		message: `Back from termshark on ${request.interface} (exit ${result.exitCode ?? 'by a signal'})`,
		...base,
	};
}
