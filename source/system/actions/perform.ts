// The one path every action takes once its input is valid: check the tool is
// there, run the argv through run(), record it in the command log, and turn the
// outcome into a message a user can read in the status bar.
import {existsSync} from 'node:fs';
import {operatorFailure, type FailureFacts} from '../../model/action-failure.js';
import {shellLine, type Argv, type NetnsRef} from '../../model/commands.js';
import type {NamespaceTarget} from '../../model/namespace-target.js';
import type {Validation} from '../../model/validate.js';
import {commandLog, type CommandLog} from '../command-log.js';
import {netnsDir} from '../procfs.js';
import {findProgram, missingProgramMessage} from '../programs.js';
import {run, type RunResult} from '../run.js';

export type ActionResult = {
	ok: boolean;
	/** For the status bar: what was done, or why not (ip's own message on failure). */
	message: string;
	/** The argv that ran; null when nothing ran (bad input, missing tool). */
	command: string[] | null;
	/** The same, quoted for pasting into a shell. */
	commandLine: string | null;
	/** The program's stdout, for actions whose output is the point (ping). */
	output?: string;
	/** The output already ends with what the message says (ping's summary): a popup shows it once. */
	outputSaysIt?: boolean;
};

export type ActionContext = {
	/** Where to record what ran; the session's log by default. */
	log?: CommandLog;
	timeoutMs?: number;
	/** Each line of the program's stdout while it runs (ping's popup). */
	onOutputLine?: (line: string) => void;
};

export type PerformOptions = {
	/** What to say when it worked. */
	success: string | ((result: RunResult) => string);
	/** The program that does the work when the argv starts with `ip netns exec` or `nsenter`. */
	innerProgram?: string;
	/** Rewrites the failure message where the raw one would mislead. */
	explainFailure?: (result: RunResult) => string | null;
	timeoutMs?: number;
	keepOutput?: boolean;
	/** What the action is about, so a failure can say which of it is gone or already there. */
	about?: ActionSubject;
};

export type ActionSubject = Pick<FailureFacts, 'creates' | 'device'> & {
	/** Named namespaces the action runs in or sends something to. */
	namespaces?: readonly string[];
};

/** The names among the namespaces an action runs in or sends something to. */
export function namedIn(...places: ReadonlyArray<NamespaceTarget | NetnsRef | null>): string[] {
	return places.flatMap(place =>
		place !== null && typeof place === 'object' && 'name' in place ? [place.name] : [],
	);
}

export function refused(reason: string): ActionResult {
	return {ok: false, message: reason, command: null, commandLine: null};
}

/** The first failed validation's reason, or null when all passed. */
export function firstProblem(...checks: Validation<unknown>[]): string | null {
	for (const check of checks) if (!check.ok) return check.reason;
	return null;
}

export async function perform(
	argv: Argv,
	options: PerformOptions,
	context: ActionContext = {},
): Promise<ActionResult> {
	const inner = options.innerProgram;
	if (inner && findProgram(inner) === null) return refused(missingProgramMessage(inner));
	const logged = (context.log ?? commandLog).start(argv);
	const [file, ...args] = argv;
	const result = await run(file!, args, {
		timeoutMs: options.timeoutMs ?? context.timeoutMs,
		onStdoutLine: context.onOutputLine,
	});
	logged.finish(result);
	const base = {
		command: result.command,
		commandLine: shellLine(result.command),
		...(options.keepOutput ? {output: result.stdout} : {}),
	};
	if (result.ok) {
		const message =
			typeof options.success === 'function' ? options.success(result) : options.success;
		return {ok: true, message, ...base};
	}
	return {ok: false, message: failureMessage(result, options), ...base};
}

function failureMessage(result: RunResult, options: PerformOptions): string {
	const program = result.command[0]!;
	if (result.missing) return missingProgramMessage(program);
	if (result.timedOut) return `${shellLine(result.command)} did not finish in time and was stopped`;
	const stderr = result.stderr.trim();
	if (options.innerProgram && innerProgramWasMissing(stderr))
		return missingProgramMessage(options.innerProgram);
	const explained = options.explainFailure?.(result);
	if (explained) return explained;
	const lines = stderr.split('\n').filter(line => line.trim() !== '');
	const ipText = lines.slice(0, 3).join(' ');
	if (options.about) {
		const {namespaces = [], ...rest} = options.about;
		const vanished = namespaces.filter(name => !existsSync(`${netnsDir}/${name}`));
		const words = operatorFailure({ipText, vanished, ...rest});
		if (words) return words;
	}
	if (lines.length > 0) return ipText;
	return `${options.innerProgram ?? program} exited with ${result.exitCode ?? 'a signal'}`;
}

// What `ip netns exec` and `nsenter` print when the program they were to run is not there.
function innerProgramWasMissing(stderr: string): boolean {
	return /exec of ".*" failed: No such file or directory|failed to execute .*: No such file or directory/.test(
		stderr,
	);
}
