// The shell to open inside a namespace ($SHELL if /etc/shells lists it and it runs, else /bin/sh).
import {readFileSync} from 'node:fs';
import {chooseShell, parseEtcShells} from '../model/shell-choice.js';
import {isExecutableFile} from './programs.js';

export function userShell(
	env: NodeJS.ProcessEnv = process.env,
	etcShellsPath = '/etc/shells',
): string {
	let listed: string[] = [];
	try {
		listed = parseEtcShells(readFileSync(etcShellsPath, 'utf8'));
	} catch {
		// No /etc/shells: nothing is listed, so /bin/sh.
	}
	return chooseShell(env.SHELL, listed, isExecutableFile);
}
