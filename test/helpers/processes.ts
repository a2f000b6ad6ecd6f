// Looking at running processes by their command line, to check that nothing a
// test (or nstui) started is left running.
import {readdirSync, readFileSync} from 'node:fs';

/** The NUL-separated command line of `pid`, or '' once it is gone. */
export function cmdlineOf(pid: number | string): string {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
	} catch {
		return '';
	}
}

/** PIDs of running processes whose command line matches (a string: contains it). */
export const processesWhoseCmdline = (match: string | RegExp): string[] =>
	readdirSync('/proc').filter(pid => {
		if (!/^\d+$/.test(pid)) return false;
		const cmdline = cmdlineOf(pid);
		return typeof match === 'string' ? cmdline.includes(match) : match.test(cmdline);
	});

/** Fields of /proc/PID/stat after the command name (which may hold spaces): index 0 is the state; none once it is gone. */
function statFields(pid: number | string): string[] {
	try {
		return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').at(-1)!.split(' ');
	} catch {
		return [];
	}
}

/** The parent's PID (NaN once it is gone). */
export const parentOf = (pid: number | string): number => Number(statFields(pid)[1]);

/** The nice value (NaN once it is gone). */
export const niceOf = (pid: number | string): number => Number(statFields(pid)[16]);
