// `nstui topology [--dot]`: the wiring between namespaces as a text drawing, or as Graphviz dot.
import {topologyDot} from '../model/topology-dot.js';
import {topologyText} from '../model/topology-drawing.js';
import {buildTopology} from '../model/topology.js';
import {discover, MissingToolError} from '../system/discover.js';

// Boxes as wide as a very wide terminal are harder to read, not easier.
const maxWidth = 100;

export async function runTopology({dot}: {dot: boolean}): Promise<number> {
	try {
		const {snapshot, warnings} = await discover();
		for (const warning of warnings) process.stderr.write(`nstui: ${warning}\n`);
		const graph = buildTopology(snapshot);
		process.stdout.write(dot ? topologyDot(graph) : topologyText(graph, {width: Math.min(process.stdout.columns ?? 80, maxWidth)}));
		return 0;
	} catch (error) {
		if (error instanceof MissingToolError) {
			process.stderr.write(`nstui: ${error.message}\n`);
			return 2;
		}
		throw error;
	}
}
