// `nstui snapshot [--json]`: the discovery engine's result on stdout, problems on stderr.
import {formatSnapshot} from '../model/format-snapshot.js';
import {discover, MissingToolError} from '../system/discover.js';

export async function runSnapshot({json}: {json: boolean}): Promise<number> {
	try {
		const {snapshot, warnings} = await discover();
		for (const warning of warnings) process.stderr.write(`nstui: ${warning}\n`);
		process.stdout.write(json ? `${JSON.stringify(snapshot, null, 2)}\n` : formatSnapshot(snapshot));
		return 0;
	} catch (error) {
		if (error instanceof MissingToolError) {
			process.stderr.write(`nstui: ${error.message}\n`);
			return 2;
		}
		throw error;
	}
}
