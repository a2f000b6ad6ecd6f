// `nstui topology [--dot]`: the wiring between namespaces as a text drawing, or as Graphviz dot.
import {topologyDot} from '../model/topology-dot.js';
import {topologyText} from '../model/topology-drawing.js';
import {buildTopology} from '../model/topology.js';
import {withSnapshot} from './with-snapshot.js';

// Boxes as wide as a very wide terminal are harder to read, not easier.
const maxWidth = 100;

export function runTopology({dot}: {dot: boolean}): Promise<number> {
	return withSnapshot(snapshot => {
		const graph = buildTopology(snapshot);
		process.stdout.write(dot ? topologyDot(graph) : topologyText(graph, {width: Math.min(process.stdout.columns ?? 80, maxWidth)}));
		return 0;
	});
}
