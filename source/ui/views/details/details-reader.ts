// Reading what the snapshot does not hold, for one namespace and only on demand:
// its neighbour cache and its iptables rules. The views take a reader, so tests
// can hand them fixtures instead of the system.
import type {Firewall} from '../../../model/firewall.js';
import type {Neighbour} from '../../../model/neighbours.js';
import type {NamespaceTarget} from '../../../model/namespace-target.js';
import type {Namespace} from '../../../model/snapshot.js';
import {targetFor} from '../../../system/actions/targets.js';
import {readFirewall, readNeighbours} from '../../../system/namespace-details.js';
import type {Reading} from '../full-view-state.js';

export type DetailsReader = {
	neighbours(ns: Namespace): Promise<Reading<Neighbour[]>>;
	firewall(ns: Namespace): Promise<Reading<Firewall>>;
};

async function inside<T>(ns: Namespace, read: (target: NamespaceTarget) => Promise<Reading<T>>): Promise<Reading<T>> {
	const target = targetFor(ns);
	if (!target) return {value: null, error: 'cannot enter this namespace: it has no name, bind mount or process'};
	try {
		return await read(target);
	} catch (error) {
		return {value: null, error: error instanceof Error ? error.message : String(error)};
	}
}

export const systemReader: DetailsReader = {
	neighbours: ns => inside(ns, readNeighbours),
	firewall: ns => inside(ns, readFirewall),
};
