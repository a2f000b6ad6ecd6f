// `nstui find TERM [--json]`: where an interface, address, prefix, MAC, PID, command or port (`:8080`) is.
// Exit 0 when something matched, 1 when nothing did, 2 on bad usage or a missing tool.
import {findAnything} from '../model/find.js';
import {formatFindResults} from '../model/format-find.js';
import {shown} from '../model/shown-text.js';
import {parsePortTerm} from '../model/sockets.js';
import {addSockets} from './snapshot.js';
import {withSnapshot} from './with-snapshot.js';

export async function runFind({terms, json}: {terms: string[]; json: boolean}): Promise<number> {
	const term = terms[0]?.trim() ?? '';
	if (terms.length !== 1 || term === '') {
		process.stderr.write(
			'nstui: find needs exactly one term, e.g. `nstui find 192.168.1.1`; see nstui --help\n',
		);
		return 2;
	}
	return withSnapshot(async snapshot => {
		// `:PORT` looks at every namespace's sockets and published ports, read for this only.
		if (parsePortTerm(term) !== null) {
			await addSockets(snapshot, false);
			await (await import('../system/published-ports.js')).addPublishedPorts(snapshot);
		}
		const results = findAnything(snapshot, term);
		if (json) process.stdout.write(`${JSON.stringify({term, results}, null, 2)}\n`);
		else if (results.length > 0) process.stdout.write(formatFindResults(results));
		else
			process.stderr.write(
				`nstui: nothing matches "${shown(term)}" in ${snapshot.namespaces.length} namespaces\n`,
			);
		return results.length > 0 ? 0 : 1;
	});
}
