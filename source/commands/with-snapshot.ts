// What every headless command that reads the host shares: discover, report
// what could not be read on stderr, and exit 2 when ip or nsenter is missing.
import type {Snapshot} from '../model/snapshot.js';
import {discover, MissingToolError, type Discovery} from '../system/discover.js';

/** `early`: a discovery already started (see cli.tsx). */
export async function withSnapshot(use: (snapshot: Snapshot) => number | Promise<number>, early?: Promise<Discovery>): Promise<number> {
	try {
		const {snapshot, warnings} = await (early ?? discover());
		for (const warning of warnings) process.stderr.write(`nstui: ${warning}\n`);
		return await use(snapshot);
	} catch (error) {
		if (error instanceof MissingToolError) {
			process.stderr.write(`nstui: ${error.message}\n`);
			return 2;
		}
		throw error;
	}
}
