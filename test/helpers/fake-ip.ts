// A stand-in `ip` first on PATH, for fault injection only (hangs, errors, partial JSON).
import {chmodSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

export type FakeIp = {dir: string; path: string; remove(): void};

/** `script` is the body of a /bin/sh script that stands in for ip (and nsenter, which runs ip). */
export function fakeIp(script: string): FakeIp {
	const dir = mkdtempSync(path.join(tmpdir(), 'nstui-fake-ip-'));
	for (const name of ['ip', 'nsenter']) {
		writeFileSync(path.join(dir, name), `#!/bin/sh\n${script}\n`);
		chmodSync(path.join(dir, name), 0o755);
	}
	return {
		dir,
		path: `${dir}:${process.env.PATH ?? ''}`,
		remove: () => rmSync(dir, {recursive: true, force: true}),
	};
}
