// One private directory per nstui process for the files it hands to the
// programs it runs (ip's batch, their output); removed when nstui exits.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

let dir: string | undefined;
let count = 0;

/** A new path inside the scratch directory (created 0700 on first use). */
export function scratchPath(name: string): string {
	if (!dir) {
		dir = mkdtempSync(path.join(tmpdir(), 'nstui-'));
		const made = dir;
		process.once('exit', () => rmSync(made, {recursive: true, force: true}));
	}
	return path.join(dir, `${++count}-${name}`);
}
