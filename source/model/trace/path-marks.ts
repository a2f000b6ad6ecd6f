// What the topology highlights for a trace: the namespaces and interfaces the
// packet passes, and the one where it breaks.
import type {Trace} from './types.js';

export type PathMarks = {
	namespaces: Set<number>;
	/** `${inode}|${interface}` of every interface on the path. */
	interfaces: Set<string>;
	/** The namespace of the first ✗, when a hop breaks the path. */
	broken: number | null;
};

export const interfaceKey = (namespace: number, name: string) => `${namespace}|${name}`;

export function pathMarks(trace: Trace): PathMarks {
	const marks: PathMarks = {namespaces: new Set(), interfaces: new Set(), broken: null};
	for (const hop of [...trace.forward, ...trace.return]) {
		if (hop.namespace === null) continue;
		marks.namespaces.add(hop.namespace);
		for (const name of [hop.in, hop.out])
			if (name && name !== 'lo') marks.interfaces.add(interfaceKey(hop.namespace, name));
	}
	if (trace.broken)
		marks.broken = trace[trace.broken.direction][trace.broken.hop]?.namespace ?? null;
	return marks;
}
