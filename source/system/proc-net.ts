// A namespace's /proc/net files read through a process (or thread) that is in
// it: /proc/PID/net shows the namespace of PID, so nothing is entered and
// nothing is started. Each way is checked to lead into the namespace before
// and after the read, since a pid may end and be reused meanwhile.
import {readlinkSync} from 'node:fs';
import type {Namespace} from '../model/snapshot.js';
import {readText} from './procfs.js';

export type ProcNetSource = Pick<Namespace, 'inode' | 'processes' | 'threads'>;

export type ProcNetReading = {texts: Array<string | null>; via: 'process' | 'self'};

/**
 * The `files` (e.g. `dev`, `tcp`) of `ns`'s /proc/net, or null when no process
 * of it could be read; a reading needs the first file, the others may be
 * missing (tcp6 where IPv6 is off). `self` is the namespace nstui runs in.
 */
export function readProcNet(
	ns: ProcNetSource,
	files: readonly string[],
	self: number | null,
): ProcNetReading | null {
	const ways: Array<{dir: string; nsLink: string; via: 'process' | 'self'}> = [];
	if (ns.inode === self)
		ways.push({dir: '/proc/self/net', nsLink: '/proc/self/ns/net', via: 'self'});
	for (const {pid} of ns.processes.slice(0, 3))
		ways.push({dir: `/proc/${pid}/net`, nsLink: `/proc/${pid}/ns/net`, via: 'process'});
	for (const {pid, tid} of ns.threads?.slice(0, 3) ?? [])
		ways.push({
			dir: `/proc/${pid}/task/${tid}/net`,
			nsLink: `/proc/${pid}/task/${tid}/ns/net`,
			via: 'process',
		});
	for (const way of ways) {
		if (linkInode(way.nsLink) !== ns.inode) continue;
		const texts = files.map(file => readText(`${way.dir}/${file}`));
		if (texts[0] === null || linkInode(way.nsLink) !== ns.inode) continue;
		return {texts, via: way.via};
	}
	return null;
}

function linkInode(path: string): number | null {
	try {
		const match = /^net:\[(\d+)\]$/.exec(readlinkSync(path));
		return match ? Number(match[1]) : null;
	} catch {
		return null;
	}
}
