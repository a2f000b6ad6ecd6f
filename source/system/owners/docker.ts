// Docker: its containers by id from the Engine API on its unix socket
// (DOCKER_HOST=unix://PATH, else /var/run/docker.sock), without its CLI.
import {existsSync} from 'node:fs';
import {
	parseDockerContainers,
	parseDockerInspect,
	type EngineContainer,
} from '../../model/owners.js';
import {mapLimit} from '../run.js';
import {getUnix} from './http-unix.js';

/** The socket DOCKER_HOST names, or Docker's default; null for a host nstui does not ask (tcp://, ssh://). */
export function dockerSocket(
	dockerHost: string | undefined = process.env['DOCKER_HOST'],
): string | null {
	if (!dockerHost) return '/var/run/docker.sock';
	return dockerHost.startsWith('unix://') ? dockerHost.slice('unix://'.length) : null;
}

export async function listDockerContainers(
	socket: string,
	timeoutMs: number,
): Promise<EngineContainer[]> {
	if (!existsSync(socket)) throw new Error(`no socket at ${socket}`);
	return parseDockerContainers(await getUnix(socket, '/containers/json?all=1', timeoutMs));
}

/** The SandboxKey (the bind mount of its namespace) of each container asked about. */
export async function dockerSandboxKeys(
	socket: string,
	ids: string[],
	timeoutMs: number,
): Promise<Map<string, string>> {
	const keys = new Map<string, string>();
	await mapLimit(ids, 8, async id => {
		const found = parseDockerInspect(
			await getUnix(socket, `/containers/${encodeURIComponent(id)}/json`, timeoutMs),
		);
		if (found?.sandboxKey) keys.set(found.id, found.sandboxKey);
	});
	return keys;
}
