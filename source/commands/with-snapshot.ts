// What every headless command that reads the host shares: discover, report
// what could not be read on stderr, and exit 2 when ip or nsenter is missing.
import {shown} from '../model/shown-text.js';
import type {Snapshot} from '../model/snapshot.js';
import {discover, MissingToolError} from '../system/discovery/discoverer.js';

export async function withSnapshot(
	use: (snapshot: Snapshot) => number | Promise<number>,
): Promise<number> {
	try {
		const {snapshot, warnings} = await discover();
		for (const warning of warnings) process.stderr.write(`nstui: ${shown(warning)}\n`);
		return await use(snapshot);
	} catch (error) {
		if (error instanceof MissingToolError) {
			process.stderr.write(`nstui: ${shown(error.message)}\n`);
			return 2;
		}
		throw error;
	}
}
