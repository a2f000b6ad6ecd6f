// `nstui snapshot [--json]`: the discovery engine's result on stdout, problems on stderr.
import {formatSnapshot} from '../model/format-snapshot.js';
import {withSnapshot} from './with-snapshot.js';
import type {Discovery} from '../system/discover.js';

export function runSnapshot({json, early}: {json: boolean; early?: Promise<Discovery>}): Promise<number> {
	return withSnapshot(snapshot => {
		process.stdout.write(json ? `${JSON.stringify(snapshot, null, 2)}\n` : formatSnapshot(snapshot));
		return 0;
	}, early);
}
