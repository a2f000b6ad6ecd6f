// One private directory per nstui process for the files it hands to the
// programs it runs (ip's batch, their output); removed when nstui exits. Made
// with mkdtemp (0700, a name no one guesses) in a parent no other user can
// change (TMPDIR, else nstui's own directory); its files are opened new, never
// through a link (safe-file.ts).
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {stateDirectory, untrustedBecause} from './safe-file.js';

let dir: string | undefined;
let count = 0;

/** A new path inside the scratch directory (created 0700 on first use). */
export function scratchPath(name: string): string {
	if (!dir) {
		const parent = untrustedBecause(tmpdir()) === null ? tmpdir() : stateDirectory();
		dir = mkdtempSync(path.join(parent, 'nstui-'));
		const made = dir;
		process.once('exit', () => rmSync(made, {recursive: true, force: true}));
	}
	return path.join(dir, `${++count}-${name}`);
}
