// `nstui snapshot [--json] [--sockets] [--ports]`: the discovery engine's result on stdout, problems on stderr.
import {formatSnapshot} from '../model/format-snapshot.js';
import type {Snapshot} from '../model/snapshot.js';
import {withSnapshot} from './with-snapshot.js';

export function runSnapshot({
	json,
	sockets = false,
	ports = false,
}: {
	json: boolean;
	sockets?: boolean;
	ports?: boolean;
}): Promise<number> {
	return withSnapshot(async snapshot => {
		if (sockets) await addSockets(snapshot);
		if (ports) await (await import('../system/published-ports.js')).addPublishedPorts(snapshot);
		process.stdout.write(
			json ? `${JSON.stringify(snapshot, null, 2)}\n` : formatSnapshot(snapshot),
		);
		return 0;
	});
}

/**
 * Every namespace's TCP and UDP sockets, with their holders looked for among
 * every process (a socket may be held from another namespace): one socket
 * reader for all namespaces, one pass over the descriptors.
 */
export async function addSockets(snapshot: Snapshot, ownersEverywhere = true): Promise<void> {
	const {readSocketsOf} = await import('../system/sockets.js');
	const readings = await readSocketsOf(snapshot.namespaces, {ownersEverywhere});
	snapshot.namespaces.forEach((ns, index) => {
		const reading = readings[index]!;
		ns.sockets = reading.sockets;
		ns.socketsError = reading.error;
	});
}
