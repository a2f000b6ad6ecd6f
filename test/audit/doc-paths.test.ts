// The docs name real files: every path in backticks in README.md and docs/*.md,
// and every relative link, is a file or folder of the repository. A path is
// taken whole (`source/ui/keys/layers.ts`) or by its tail, as the docs name
// files inside a layer (`keys/layers.ts`, `system/run.ts`, `App.tsx`).
import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';

const root = path.resolve(import.meta.dirname, '../..');
/** What the docs may name although no checkout has it: build output, and templates for new files. */
const notInTheRepository = [/^dist\//, /^release\//, /^node_modules\//, /(^|\/|-)x\.ts$/];
/** Files of other programs the docs name (not nstui's). */
const otherPrograms = new Set([
	'config.json', // an OCI bundle's
	'DRIVER-containers/containers.json', // containers/storage's
]);
const fileLike = /\.(ts|tsx|js|mjs|json|md|pl|sh)$/;
const repoRoots =
	/^(source|test|bench|scripts|docs|\.ci|model|system|ui|views|panes|keys|dialogs)\//;

/** Every file and folder of the repository, as paths from its root (folders end with /). */
function repositoryPaths(): string[] {
	const found: string[] = [];
	const walk = (dir: string) => {
		for (const entry of readdirSync(path.join(root, dir), {withFileTypes: true})) {
			if (['.git', 'node_modules', 'dist', 'release', '.bench'].includes(entry.name)) continue;
			const relative = dir ? `${dir}/${entry.name}` : entry.name;
			if (entry.isDirectory()) {
				found.push(`${relative}/`);
				walk(relative);
			} else found.push(relative);
		}
	};
	walk('');
	return found;
}

const documents = [
	'README.md',
	...readdirSync(path.join(root, 'docs'))
		.filter(name => name.endsWith('.md'))
		.map(name => `docs/${name}`),
];

/** The spans in backticks that name a path, and the relative links, of one document. */
function namedPaths(document: string): {name: string; fromDir: string; link: boolean}[] {
	const text = readFileSync(path.join(root, document), 'utf8');
	const fromDir = path.dirname(document);
	const spans = [...text.matchAll(/`([^`\n]+)`/g)]
		.map(match => match[1]!)
		.filter(span => /^[\w.@-]+(\/[\w.@-]*)*$/.test(span))
		.filter(span => fileLike.test(span) || span.endsWith('/') || repoRoots.test(span))
		.filter(span => !notInTheRepository.some(pattern => pattern.test(span)))
		.filter(span => !otherPrograms.has(span))
		.map(name => ({name, fromDir, link: false}));
	const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)]
		.map(match => match[1]!.replace(/#.*$/, ''))
		.filter(target => target !== '' && !/^[a-z]+:/.test(target))
		.map(name => ({name, fromDir, link: true}));
	return [...spans, ...links];
}

test('every path the README and docs name exists', t => {
	const paths = repositoryPaths();
	const exists = (name: string) =>
		paths.some(known => known === name || known.endsWith(`/${name}`)) ||
		paths.includes(`${name}/`) ||
		paths.some(known => known.endsWith(`/${name}/`));
	const missing: string[] = [];
	let checked = 0;
	for (const document of documents)
		for (const {name, fromDir, link} of namedPaths(document)) {
			checked++;
			const ok = link
				? paths.some(known =>
						[
							path.normalize(path.join(fromDir, name)),
							`${path.normalize(path.join(fromDir, name))}/`,
						].includes(known),
					)
				: exists(name);
			if (!ok) missing.push(`${document}: ${link ? 'link' : '`'}${name}${link ? '' : '`'}`);
		}
	t.diagnostic(`${checked} paths checked in ${documents.length} documents`);
	assert.ok(checked > 100, 'the audit found the paths (its patterns still match the docs)');
	assert.deepEqual(missing, [], 'paths named in the docs that are not in the repository');
});
