// The neighbour (ARP/NDP) cache of a namespace, from `ip -j neigh show`.

export type Neighbour = {
	address: string;
	dev: string | null;
	/** null while the neighbour is being resolved or has failed. */
	lladdr: string | null;
	state: string;
	router: boolean;
};

export function parseNeighbours(items: unknown[]): Neighbour[] {
	const neighbours: Neighbour[] = [];
	for (const item of items) {
		if (typeof item !== 'object' || item === null) continue;
		const entry = item as Record<string, unknown>;
		if (typeof entry.dst !== 'string') continue;
		const states = Array.isArray(entry.state) ? entry.state.filter(s => typeof s === 'string') : [];
		neighbours.push({
			address: entry.dst,
			dev: typeof entry.dev === 'string' ? entry.dev : null,
			lladdr: typeof entry.lladdr === 'string' ? entry.lladdr : null,
			state: states.join(',') || 'NONE',
			router: entry.router === null || entry.router === true,
		});
	}
	return neighbours;
}
