// Friction #10: -h, -v and a mistyped option answer at once and never start the
// UI. Run without a terminal, where starting the UI would fail with its own
// "needs a terminal" line instead.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {builtCli, projectRoot} from '../helpers/tmux.js';
import {keySummary} from '../../source/ui/keys/key-summary.js';

const skip = existsSync(builtCli)
	? false
	: 'needs the build: run `npm run build` first (npm test does)';
const version = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8'))
	.version as string;
const nstui = (...args: string[]) =>
	spawnSync(process.execPath, [builtCli, ...args], {
		stdio: ['ignore', 'pipe', 'pipe'],
		encoding: 'utf8',
		timeout: 20_000,
	});

for (const flags of [['-h'], ['--help'], ['--read-only', '-h']]) {
	test(`nstui ${flags.join(' ')} prints the help and exits 0`, {skip}, () => {
		const result = nstui(...flags);
		assert.equal(result.status, 0, result.stderr);
		assert.match(result.stdout, /Usage/);
		assert.match(result.stdout, /nstui snapshot/);
		// The key list is the key tables' (test/audit/readme-keys.test.ts checks it is all of them).
		for (const line of keySummary().split('\n'))
			assert.ok(result.stdout.includes(line), `the help shows: ${line}`);
		assert.equal(result.stderr, '');
	});
}

for (const flags of [['-v'], ['--version'], ['--interval', '3', '-v']]) {
	test(`nstui ${flags.join(' ')} prints the version and exits 0`, {skip}, () => {
		const result = nstui(...flags);
		assert.equal(result.status, 0, result.stderr);
		// The version, and the Node it runs on (issue 19).
		assert.equal(
			result.stdout.trim(),
			`nstui ${version} (node ${process.version} ${process.platform}-${process.arch})`,
		);
	});
}

for (const [flags, named] of [
	[['--bogus'], '--bogus'],
	[['-x'], '-x'],
	[['--read-only', '--intervall', '3'], '--intervall'],
	[['snapshot', '--jsno'], '--jsno'],
] as const) {
	test(
		`nstui ${flags.join(' ')} is refused with exit 2 and one line naming ${named}`,
		{skip},
		() => {
			const result = nstui(...flags);
			assert.equal(result.status, 2);
			assert.equal(result.stdout, '');
			const lines = result.stderr.trim().split('\n');
			assert.equal(lines.length, 1, result.stderr);
			assert.ok(lines[0]!.includes(named), lines[0]);
			assert.doesNotMatch(lines[0]!, /terminal/, 'refused before the UI is tried');
		},
	);
}
