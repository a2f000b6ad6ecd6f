// The standalone executable (npm run package), built once per bench run for
// this machine's architecture, so its rows sit next to the npm install's.
import {execFileSync} from 'node:child_process';
import path from 'node:path';

export function buildStandalone(): {file: string; node: string} {
	const out = path.resolve('.bench/package');
	execFileSync(
		process.execPath,
		['scripts/package.mjs', '--arch', process.arch, '--out', out, '--no-gzip'],
		{stdio: ['ignore', 'ignore', 'inherit']},
	);
	const file = path.join(out, `nstui-linux-${process.arch}`);
	const node =
		/node (v[\d.]+)/.exec(execFileSync(file, ['--version'], {encoding: 'utf8'}))?.[1] ?? 'node ?';
	return {file, node};
}
