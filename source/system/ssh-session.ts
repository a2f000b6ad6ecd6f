// Which interfaces carry the operator's own SSH session: the kernel's route to
// the client of SSH_CONNECTION, in the namespace nstui runs in and, when that
// is not the host's, in the host's too (the session came in through the host).
import {ipIn} from '../model/commands.js';
import {sshClientOf, type SshSession} from '../model/cut-off.js';
import {parseJsonArray} from '../model/ip-json.js';
import {namespaceOfPid} from './procfs.js';
import {run} from './run.js';

async function deviceTowards(
	client: string,
	target: 'current' | {path: string},
): Promise<string | null> {
	const [file, ...args] = ipIn(target, ['-j', 'route', 'get', client]);
	const result = await run(file!, args, {timeoutMs: 5000});
	if (!result.ok) return null;
	const route = parseJsonArray(result.stdout)?.[0] as {dev?: unknown} | undefined;
	return typeof route?.dev === 'string' ? route.dev : null;
}

/** The session, or null when nstui does not run under SSH (or its client has no route). */
export async function findSshSession(env = process.env): Promise<SshSession | null> {
	const client = sshClientOf(env.SSH_CONNECTION);
	if (client === null) return null;
	const self = namespaceOfPid('self');
	const host = namespaceOfPid(1);
	const links: {namespace: number; device: string}[] = [];
	const own = await deviceTowards(client, 'current');
	if (own !== null && self !== null) links.push({namespace: self, device: own});
	if (host !== null && host !== self) {
		const onHost = await deviceTowards(client, {path: '/proc/1/ns/net'});
		if (onHost !== null) links.push({namespace: host, device: onHost});
	}
	return {client, links};
}
