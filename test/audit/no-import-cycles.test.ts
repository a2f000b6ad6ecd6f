// No module imports itself through others: in the standalone executable's
// one-file bundle a cycle among modules that wait for Ink's top-level await
// never starts (node exits 13, an unsettled top-level await). Type-only
// imports do not count: they are gone after the build.
import assert from 'node:assert/strict';
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';

const source = path.resolve(import.meta.dirname, '../../source');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap(name => {
		const file = path.join(dir, name);
		return statSync(file).isDirectory() ? sourceFiles(file) : /\.tsx?$/.test(name) ? [file] : [];
	});
}

/** The files `file` imports at run time (`import type` and `import {type A}` left out). */
function runtimeImports(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	const found: string[] = [];
	for (const match of text.matchAll(/^import\s+(?!type\b)([^'"]*?)from\s+'(\.[^']+)'/gms)) {
		const names = match[1]!;
		const braced = /\{([^}]*)\}/.exec(names)?.[1];
		const other = names
			.replace(/\{[^}]*\}/, '')
			.replace(/,/g, '')
			.trim();
		if (
			braced !== undefined &&
			other === '' &&
			braced
				.split(',')
				.map(name => name.trim())
				.filter(Boolean)
				.every(name => name.startsWith('type '))
		)
			continue;
		const target = path.resolve(path.dirname(file), match[2]!);
		const resolved = [target.replace(/\.js$/, '.ts'), target.replace(/\.js$/, '.tsx')].find(
			candidate => existsSync(candidate),
		);
		if (resolved) found.push(resolved);
	}
	return found;
}

test('no import cycle in source/', () => {
	const graph = new Map(sourceFiles(source).map(file => [file, runtimeImports(file)]));
	const state = new Map<string, 'open' | 'done'>();
	const stack: string[] = [];
	const cycles: string[] = [];
	const visit = (file: string) => {
		state.set(file, 'open');
		stack.push(file);
		for (const next of graph.get(file) ?? []) {
			if (state.get(next) === 'open')
				cycles.push(
					stack
						.slice(stack.indexOf(next))
						.map(item => path.relative(source, item))
						.join(' → '),
				);
			else if (!state.has(next)) visit(next);
		}
		stack.pop();
		state.set(file, 'done');
	};
	for (const file of graph.keys()) if (!state.has(file)) visit(file);
	assert.deepEqual(cycles, []);
});
