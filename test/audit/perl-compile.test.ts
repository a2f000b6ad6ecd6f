// The perl programs root runs compile cleanly under `use strict; use warnings`,
// checked by perl itself (`perl -c` compiles without running), without root.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {test} from 'node:test';
import {findProgram} from '../../source/system/programs.js';
import {nsidProgram} from '../../source/system/nsid-program.js';
import {readerProgram} from '../../source/system/readers/reader-program.js';
import {socketsProgram} from '../../source/system/sockets-program.js';
import {watcherProgram} from '../../source/system/watcher-program.js';
import {missingProgramsReason} from '../helpers/ci-packages.js';

const programs = {
	'the namespace reader': readerProgram,
	'the nsid prover': nsidProgram,
	'the socket reader': socketsProgram,
	'the namespace watcher': watcherProgram,
};
const skip = findProgram('perl') === null ? missingProgramsReason(['perl']) : false;

for (const [name, program] of Object.entries(programs))
	test(`${name} is strict, warns, and compiles with no warning`, {skip}, () => {
		const lines = program.trimStart().split('\n');
		assert.deepEqual(lines.slice(0, 2), ['use strict;', 'use warnings;']);
		const result = spawnSync('perl', ['-c', '-e', program], {encoding: 'utf8'});
		assert.equal(result.status, 0, result.stderr);
		assert.equal(result.stderr, '-e syntax OK\n', 'nothing but the syntax check on stderr');
	});

test('the check fails for a program that is not strict-clean', {skip}, () => {
	const result = spawnSync('perl', ['-c', '-e', 'use strict; $undeclared = 1;'], {
		encoding: 'utf8',
	});
	assert.notEqual(result.status, 0);
});
