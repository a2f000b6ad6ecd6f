// A trace from a snapshot: FROM and TO resolved, then the walk asks the kernel.
import type {Snapshot} from '../../model/snapshot.js';
import {resolveDestination, resolveNamespace} from '../../model/trace/endpoints.js';
import type {TraceFacts} from '../../model/trace/facts.js';
import type {Trace} from '../../model/trace/types.js';
import {tracePath} from '../../model/trace/walk.js';
import {targetFor} from '../actions/targets.js';
import {KernelFacts} from './kernel-facts.js';

export type TraceRun = {ok: true; trace: Trace} | {ok: false; reason: string};

export async function traceBetween(
	snapshot: Snapshot,
	from: string,
	to: string,
	facts: TraceFacts = new KernelFacts(snapshot),
): Promise<TraceRun> {
	const origin = resolveNamespace(snapshot, from);
	if (!origin.ok) return {ok: false, reason: `FROM: ${origin.reason}`};
	const destination = resolveDestination(snapshot, to);
	if (!destination.ok) return destination;
	if (targetFor(origin.value) === null)
		return {ok: false, reason: `FROM: nstui cannot enter net:[${origin.value.inode}]`};
	const trace = await tracePath(facts, {
		from: origin.value,
		to: destination.value.address,
		toNamespace: destination.value.namespace,
		protocol: destination.value.protocol,
		port: destination.value.port,
	});
	return {ok: true, trace};
}
