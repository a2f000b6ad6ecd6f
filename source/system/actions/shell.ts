// A shell inside a namespace: `ip netns exec NAME SHELL`, or `nsenter --net=PATH SHELL`.
import {shown} from '../../model/shown-text.js';
import {shellArgv, shellLine} from '../../model/commands.js';
import {validateNamespaceTarget} from '../../model/validate.js';
import {commandLog} from '../command-log.js';
import type {NamespaceTarget} from '../../model/namespace-target.js';
import {runInteractive} from '../run.js';
import {userShell} from '../shell.js';
import {refused, type ActionContext, type ActionResult} from './perform.js';

export type ShellRequest = {
	namespace: NamespaceTarget;
	/** How the banner names the namespace, e.g. "web-ns" or "<unnamed> pid 42 sleep". */
	label: string;
	inode?: number;
};

/** The argv and banner, without running anything (for the UI to show, or for tests). */
export function shellInvocation(
	request: ShellRequest,
	shell = userShell(),
): {argv: string[]; banner: string} | {problem: string} {
	const target = validateNamespaceTarget(request.namespace);
	if (!target.ok) return {problem: target.reason};
	const inode = request.inode === undefined ? '' : ` (net:[${request.inode}])`;
	return {
		argv: shellArgv(target.value, shell),
		banner: `nstui: shell in namespace ${shown(request.label)}${inode}; exit to return`,
	};
}

/**
 * Prints the banner and hands the terminal to the shell until it exits. Call it
 * only once the UI has let go of the terminal.
 */
export async function openShell(
	request: ShellRequest,
	context: ActionContext = {},
): Promise<ActionResult> {
	const invocation = shellInvocation(request);
	if ('problem' in invocation) return refused(invocation.problem);
	const [file, ...args] = invocation.argv;
	process.stdout.write(`${invocation.banner}\n`);
	const logged = (context.log ?? commandLog).start(invocation.argv);
	const result = await runInteractive(file!, args);
	logged.finish(result);
	const commandLine = shellLine(result.command);
	const base = {command: result.command, commandLine};
	if (result.missing) return {ok: false, message: `${file} is not installed`, ...base};
	// A shell's exit status is that of its last command: not a failure of nstui's.
	return {
		ok: true,
		message: `Back from the shell in ${request.label} (exit ${result.exitCode ?? 'by a signal'})`,
		...base,
	};
}
