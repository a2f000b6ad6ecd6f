// `nstui snapshot [--json]`: the discovery engine's result on stdout, problems on stderr.
import {formatSnapshot} from '../model/format-snapshot.js';
import {withSnapshot} from './with-snapshot.js';

export function runSnapshot({json}: {json: boolean}): Promise<number> {
	return withSnapshot(snapshot => {
		process.stdout.write(json ? `${JSON.stringify(snapshot, null, 2)}\n` : formatSnapshot(snapshot));
		return 0;
	});
}
