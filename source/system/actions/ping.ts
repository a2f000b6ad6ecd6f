// `ping -c 3 ADDR` from inside a namespace; the whole output is kept for the popup.
import {pingArgv} from '../../model/commands.js';
import {validateIpAddress, validateNamespaceTarget} from '../../model/validate.js';
import type {NamespaceTarget} from '../../model/namespace-target.js';
import {firstProblem, perform, refused, type ActionContext, type ActionResult} from './perform.js';

// Three probes a second apart, plus ping's wait for late replies when none come.
const pingTimeoutMs = 20_000;

export async function ping(
	request: {namespace: NamespaceTarget; address: string},
	context?: ActionContext,
): Promise<ActionResult> {
	const target = validateNamespaceTarget(request.namespace);
	const address = validateIpAddress(request.address);
	if (!target.ok || !address.ok) return refused(firstProblem(target, address)!);
	const result = await perform(
		pingArgv(target.value, address.value),
		{
			success: result => pingSummary(result.stdout) ?? `${address.value.address} answered`,
			// No answer is exit 1 with nothing on stderr: the summary says what happened.
			explainFailure: result =>
				result.stderr.trim() === '' && pingSummary(result.stdout)
					? `No answer from ${address.value.address}: ${pingSummary(result.stdout)}`
					: null,
			innerProgram: 'ping',
			timeoutMs: pingTimeoutMs,
			keepOutput: true,
		},
		context,
	);
	return {...result, outputSaysIt: pingSummary(result.output ?? '') !== null};
}

/** "3 packets transmitted, 3 received, 0% packet loss, time 2003ms" */
export function pingSummary(stdout: string): string | null {
	return (
		stdout
			.split('\n')
			.find(line => /packets transmitted/.test(line))
			?.trim() ?? null
	);
}
