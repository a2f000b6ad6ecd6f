// nstui runs as root: no program is ever run through a shell, no command line is
// ever built as a string, nothing is evaluated. This reads the source so it stays true.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../source');
const files = (dir: string): string[] =>
	readdirSync(dir).flatMap(entry => {
		const full = path.join(dir, entry);
		return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(entry) ? [full] : [];
	});

const forbidden: Array<[RegExp, string]> = [
	[/\bshell\s*:\s*(true|['"`])/, 'a shell option'],
	[/\beval\s*\(/, 'eval'],
	[/\bnew\s+Function\s*\(/, 'new Function'],
	[/(?<![.\w])(exec|execSync)\s*\(/, 'child_process exec (runs a shell)'],
	[
		/import\s*\{[^}]*\b(exec|execSync)\b[^}]*\}\s*from\s*['"](node:)?child_process['"]/,
		'an import of exec/execSync',
	],
	[/\bexecaCommand(Sync)?\b|\$\s*`|\bexeca\s*`/, 'execa with a command string'],
	[/\bspawn(Sync)?\s*\(\s*['"`][^'"`]*\s[^'"`]*['"`]/, 'spawn of a string with spaces'],
	[/\[\s*['"](sh|bash)['"]\s*,\s*['"]-c['"]/, 'sh -c'],
];

test('the audit finds what it looks for (it can fail)', () => {
	const samples = [
		"import {execSync} from 'node:child_process';",
		"spawn('ip link', []);",
		"run(['sh', '-c', x]);",
		'x({shell: true});',
		'eval(code);',
		'exec(`ip netns add ${name}`);',
	];
	for (const sample of samples)
		assert.ok(
			forbidden.some(([pattern]) => pattern.test(sample)),
			sample,
		);
	assert.ok(!forbidden.some(([pattern]) => pattern.test('const match = /x/.exec(text);')));
});

test('no source file runs a shell, builds a command line as a string or evaluates code', () => {
	const found: string[] = [];
	const sources = files(root);
	assert.ok(sources.length > 20, 'the source tree was read');
	for (const file of sources) {
		const text = readFileSync(file, 'utf8');
		for (const [pattern, what] of forbidden) {
			const line = text.split('\n').findIndex(l => pattern.test(l));
			if (line >= 0) found.push(`${path.relative(root, file)}:${line + 1}: ${what}`);
		}
	}
	assert.deepEqual(found, []);
});
