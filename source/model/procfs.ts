// Pure parsers for the text of /proc and /etc files.

/** `net:[4026531833]` (readlink of /proc/PID/ns/net, or of a descriptor open on it) -> 4026531833; `kind` `mnt` for mount namespaces. */
export function parseNsLink(link: string, kind: 'net' | 'mnt' = 'net'): number | null {
	const target = link.trim();
	if (!target.startsWith(`${kind}:[`) || !target.endsWith(']')) return null;
	const digits = target.slice(kind.length + 2, -1);
	return /^\d+$/.test(digits) ? Number(digits) : null;
}

/** /proc/PID/cmdline: NUL-separated arguments, shown the way a shell user would type them. */
export function parseCmdline(raw: string): string {
	return raw.replace(/\0+$/, '').split('\0').join(' ');
}

/** comm and the parent's pid from /proc/PID/stat; comm is in parentheses and may hold spaces and parentheses itself. */
export function parseStat(stat: string): {comm: string; ppid: number} | null {
	const open = stat.indexOf('(');
	const close = stat.lastIndexOf(')');
	if (open < 0 || close < open) return null;
	const ppid = Number(stat.slice(close + 2).split(' ')[1]);
	return Number.isInteger(ppid) ? {comm: stat.slice(open + 1, close), ppid} : null;
}

/** uid -> user name from /etc/passwd. */
export function parsePasswd(text: string): Map<number, string> {
	const users = new Map<number, string>();
	for (const line of text.split('\n')) {
		const [name, , uid] = line.split(':');
		if (name && uid !== undefined && /^\d+$/.test(uid) && !users.has(Number(uid)))
			users.set(Number(uid), name);
	}
	return users;
}

export type NsfsMount = {inode: number; path: string};

/** The network-namespace bind mounts in /proc/self/mountinfo (fs type nsfs, root `net:[INODE]`). */
export function parseNsfsMounts(mountinfo: string): NsfsMount[] {
	const mounts: NsfsMount[] = [];
	for (const line of mountinfo.split('\n')) {
		const separator = line.indexOf(' - ');
		if (separator < 0) continue;
		const fsType = line.slice(separator + 3).split(' ')[0];
		if (fsType !== 'nsfs') continue;
		const fields = line.slice(0, separator).split(' ');
		const inode = parseNsLink(fields[3] ?? '');
		const path = fields[4];
		if (inode !== null && path) mounts.push({inode, path: unescapeMountPath(path)});
	}
	return mounts;
}

/** mountinfo writes space, tab, newline and backslash in paths as octal escapes. */
function unescapeMountPath(path: string): string {
	return path.replace(/\\([0-7]{3})/g, (_, octal: string) =>
		String.fromCharCode(Number.parseInt(octal, 8)),
	);
}

/** From /proc/loadavg: the number of tasks and the last pid handed out. */
export function parseLoadavg(text: string): {tasks: number; lastPid: number} | null {
	const match = /^\S+ \S+ \S+ \d+\/(\d+) (\d+)/.exec(text);
	return match ? {tasks: Number(match[1]), lastPid: Number(match[2])} : null;
}

/** The note on processes whose namespace could not be read, naming them (a few PIDs, then how many more). */
export function unreadableProcessesNote(pids: readonly number[]): string {
	const shown = pids.slice(0, 8).join(', ');
	const more = pids.length > 8 ? ` and ${pids.length - 8} more` : '';
	const which = `${pids.length === 1 ? 'PID' : 'PIDs'} ${shown}${more}`;
	return `${pids.length} ${pids.length === 1 ? "process's namespace" : "processes' namespaces"} could not be read (permission denied: ${which}): namespaces only they are in may be missing`;
}
