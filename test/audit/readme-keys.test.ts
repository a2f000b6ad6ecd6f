// The README's key tables say what the program does: every key the
// program binds is in them, and where `q` goes back the README names only the
// views where the program makes it go back (not find, where q is typed).
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {panesHelpSections} from '../../source/ui/keys/help-sections.js';
import {keySummary} from '../../source/ui/keys/key-summary.js';
import {detailsTables} from '../../source/ui/views/details/details-keys.js';
import {findTables} from '../../source/ui/views/find/find-keys.js';
import {topologyTables} from '../../source/ui/views/topology/topology-keys.js';
import {keysText} from '../../source/ui/views/help/help-pages.js';
import type {KeyTable} from '../../source/ui/keys/key-table.js';

const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
const tuiGuide = readFileSync(path.resolve(import.meta.dirname, '../../docs/tui.md'), 'utf8');
const keysSection = readme.slice(readme.indexOf('## Keys'), readme.indexOf('## Headless commands'));
const tokens = (keys: string) => keys.split(' ').filter(Boolean);
const backKeys = (tables: readonly KeyTable[]) =>
	tables[0]!.entries
		.filter(entry => /\bback\b/.test(entry.description))
		.flatMap(entry => tokens(keysText(entry.keys)));
/** The panes' keys: the groups the help lists before the views', and `nstui --help` lists. */
const paneKeys = panesHelpSections().flatMap(section => section.entries);
const rowOf = (key: string) =>
	keysSection.split('\n').find(line => line.startsWith(`| \`${key}\``)) ?? '';

test('every key bound in the panes is in the README, each as `key`', () => {
	const missing = paneKeys
		.flatMap(entry => tokens(keysText(entry.keys)))
		.filter(token => !keysSection.includes(`\`${token}\``));
	assert.deepEqual(missing, []);
});

test('the keys that go back from each view are the ones the README names', () => {
	// What the program does.
	assert.deepEqual(backKeys(findTables), ['Esc']);
	assert.ok(backKeys(topologyTables).includes('q') && backKeys(detailsTables).includes('q'));
	// What the README says about q.
	const where = /inside (.+?) `q` goes back/.exec(rowOf('q'))?.[1] ?? '';
	assert.match(where, /topology/);
	assert.match(where, /details/);
	assert.doesNotMatch(where, /find/, "q types into find's search; it does not leave find");
	assert.match(rowOf('F'), /`Esc` goes back/);
	for (const key of backKeys(detailsTables))
		assert.ok(rowOf('i').includes(`\`${key}\``), `the details row names ${key}`);
	const start = tuiGuide.indexOf('## Topology (`t`)');
	assert.ok(start >= 0, 'docs/tui.md has a section on the topology');
	const topology = tuiGuide.slice(start);
	for (const key of backKeys(topologyTables))
		assert.ok(topology.includes(`\`${key}\``), `docs/tui.md's topology section names ${key}`);
});

test("nstui --help's key list is the panes' key tables, every key and group", () => {
	const summary = keySummary().split('\n');
	for (const section of panesHelpSections()) {
		assert.ok(summary.includes(section.title), `the group ${section.title}`);
		for (const entry of section.entries)
			assert.ok(
				summary.some(line => line.startsWith(`  ${keysText(entry.keys)} `)),
				`${keysText(entry.keys)} (${entry.description})`,
			);
	}
	assert.ok(
		summary.every(line => [...line].length <= 80),
		'fits 80 columns',
	);
});
