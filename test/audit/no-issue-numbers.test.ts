// Comments in source/ say what they mean, not which issue asked for it: the
// repository has no issue tracker a reader could follow.
import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';

const source = path.resolve(import.meta.dirname, '../../source');

test('no comment in source/ points to an issue number', () => {
	const files = readdirSync(source, {recursive: true, encoding: 'utf8'}).filter(name =>
		/\.tsx?$/.test(name),
	);
	assert.ok(files.length > 100, 'the source files were found');
	const found = files.flatMap(name =>
		readFileSync(path.join(source, name), 'utf8')
			.split('\n')
			.map((line, index) => ({line, where: `source/${name}:${index + 1}`}))
			.filter(({line}) => /\b(issue|friction) ?#?\d+|\(#\d+\)/i.test(line))
			.map(({where, line}) => `${where}: ${line.trim()}`),
	);
	assert.deepEqual(found, []);
});
