// run()'s onStdoutLine: each line as the program prints it (ping's popup, #7),
// and the whole output at the end as before.
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {run} from '../../source/system/run.js';

test('lines arrive while the program runs: it prints the rest only once the first line was handed over', async () => {
	const work = mkdtempSync(path.join(tmpdir(), 'nstui-run-lines-'));
	try {
		const go = path.join(work, 'go');
		const lines: string[] = [];
		// The program waits for the file the callback makes on its first line: with lines
		// handed over only at the end it would wait until its timeout.
		const result = await run(
			'sh',
			[
				'-c',
				'echo first; while [ ! -e "$1" ]; do sleep 0.05; done; printf "é second\\nthird"',
				'sh',
				go,
			],
			{
				timeoutMs: 10_000,
				onStdoutLine: line => {
					lines.push(line);
					if (line === 'first') writeFileSync(go, '');
				},
			},
		);
		assert.equal(result.ok, true, result.stderr);
		assert.deepEqual(
			lines,
			['first', 'é second', 'third'],
			'the last line without its newline too',
		);
		assert.equal(result.stdout, 'first\né second\nthird');
	} finally {
		rmSync(work, {recursive: true, force: true});
	}
});
