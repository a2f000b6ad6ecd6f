// Reading what the snapshot does not hold, for one namespace and only on demand:
// its neighbour cache and its iptables rules. The views take a reader, so tests
// can hand them fixtures instead of the system.
import type {Firewall} from '../../../model/firewall.js';
import type {Neighbour} from '../../../model/neighbours.js';
import type {NamespaceTarget} from '../../../model/namespace-target.js';
import type {Namespace, Snapshot} from '../../../model/snapshot.js';
import type {ProbeResult} from '../../../model/trace/probe.js';
import type {Trace} from '../../../model/trace/types.js';
import {probe} from '../../../system/trace/probe.js';
import {traceBetween, type TraceRun} from '../../../system/trace/run-trace.js';
import {targetFor} from '../../../system/actions/targets.js';
import {readFirewall, readNeighbours} from '../../../system/namespace-details.js';
import type {Reading} from '../full-view-state.js';

export type DetailsReader = {
	neighbours(ns: Namespace): Promise<Reading<Neighbour[]>>;
	firewall(ns: Namespace): Promise<Reading<Firewall>>;
	/** The path trace (T) and its probe; absent: the trace view says tracing is not available. */
	tracer?: Tracer;
};

/** Traces a path from a namespace to TO (the T view), and probes it with pings and captures. */
export type Tracer = {
	trace(snapshot: Snapshot, from: Namespace, to: string): Promise<TraceRun>;
	probe(snapshot: Snapshot, trace: Trace): Promise<ProbeResult>;
};

async function inside<T>(
	ns: Namespace,
	read: (target: NamespaceTarget) => Promise<Reading<T>>,
): Promise<Reading<T>> {
	const target = targetFor(ns);
	if (!target)
		return {
			value: null,
			error: 'cannot enter this namespace: it has no name, bind mount or process',
		};
	try {
		return await read(target);
	} catch (error) {
		return {value: null, error: error instanceof Error ? error.message : String(error)};
	}
}

export const systemReader: DetailsReader = {
	neighbours: ns => inside(ns, readNeighbours),
	firewall: ns => inside(ns, readFirewall),
	tracer: {
		trace: (snapshot, from, to) => traceBetween(snapshot, String(from.inode), to),
		probe,
	},
};
