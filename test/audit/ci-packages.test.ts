// One list of the packages the tests need: .ci/run installs from .ci/packages,
// and docs/development.md's one `apt-get install` line names the same packages.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {ciPackages} from '../helpers/ci-packages.js';

const root = path.resolve(import.meta.dirname, '../..');

test("docs/development.md's apt-get line installs exactly .ci/packages", () => {
	const guide = readFileSync(path.join(root, 'docs/development.md'), 'utf8');
	const lines = guide.split('\n').filter(line => line.startsWith('apt-get install '));
	assert.equal(lines.length, 1, 'one apt-get install line');
	const named = lines[0]!.replace('apt-get install ', '').trim().split(/\s+/);
	assert.deepEqual(
		named,
		ciPackages.map(entry => entry.package),
	);
});

test('.ci/run installs from .ci/packages and checks no program by hand', () => {
	const script = readFileSync(path.join(root, '.ci/run'), 'utf8');
	assert.match(script, /<\s*\.ci\/packages/);
	assert.doesNotMatch(script, /need\+=\([a-z]/, 'no package named in .ci/run itself');
});
