// nstui's helpers that enter namespaces (the namespace reader, the nsid prover,
// the namespace watcher) are small perl programs: perl is part of every Debian
// system (perl-base is essential), and setns(2) is one syscall away. Where
// perl or the syscall's number is missing, nstui falls back to nsenter.
import {findProgram} from './programs.js';

/** setns(2) by architecture (process.arch). */
export const setnsSyscall: Readonly<Partial<Record<string, number>>> = {
	x64: 308,
	ia32: 346,
	arm64: 268,
	arm: 375,
	riscv64: 268,
	loong64: 268,
	ppc64: 350,
	s390x: 339,
};

/** Whether perl was found, for the PATH it was looked for on. */
let perlSeen: {path: string | undefined; found: boolean} | null = null;

/** Can the perl helpers run here: a known architecture, and perl on PATH? */
export function perlAvailable(): boolean {
	if (setnsSyscall[process.arch] === undefined) return false;
	let seen = perlSeen;
	if (!seen || seen.path !== process.env.PATH)
		seen = perlSeen = {path: process.env.PATH, found: findProgram('perl') !== null};
	return seen.found;
}

/** perl was on PATH but would not start (ENOENT): later reads go through nsenter until PATH changes. */
export function perlTurnedOutMissing() {
	perlSeen = {path: process.env.PATH, found: false};
}
