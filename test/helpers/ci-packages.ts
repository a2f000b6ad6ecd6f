// The one list of Debian packages the tests need (.ci/packages): .ci/run
// installs from it, and a test that skips for a missing program names the
// package to install from it.
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {debianPackageOf, findProgram} from '../../source/system/programs.js';

export type CiPackage = {
	/** The program whose absence means the package is missing; null: dpkg is asked for the package. */
	program: string | null;
	package: string;
	why: string;
};

export const ciPackagesFile = path.resolve(import.meta.dirname, '../../.ci/packages');

export const ciPackages: readonly CiPackage[] = readFileSync(ciPackagesFile, 'utf8')
	.split('\n')
	.filter(line => line.trim() !== '' && !line.startsWith('#'))
	.map(line => {
		const [program, name, ...why] = line.trim().split(/\s+/);
		return {program: program === '-' ? null : program!, package: name!, why: why.join(' ')};
	});

/** The Debian package that installs a program: from the lists, else the program's own name. */
export function packageFor(program: string): string {
	const known: Record<string, string> = {
		ss: 'iproute2',
		unshare: 'util-linux',
		busybox: 'busybox-static',
	};
	return (
		ciPackages.find(entry => entry.program === program)?.package ??
		debianPackageOf[program] ??
		known[program] ??
		program
	);
}

/** For `{skip}`: false when every program is on PATH, else the reason, naming the packages. */
export function needsPrograms(...programs: string[]): string | false {
	const missing = programs.filter(program => findProgram(program) === null);
	return missing.length === 0 ? false : missingProgramsReason(missing);
}

/** A skip reason naming what to install for the missing programs. */
export const missingProgramsReason = (programs: readonly string[]) =>
	`needs ${programs.join(', ')}, not installed here (apt-get install ${[...new Set(programs.map(packageFor))].join(' ')})`;
