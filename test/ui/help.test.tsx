import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {initialTuiState} from '../../source/ui/app/tui-store.js';
import {helpSections} from '../../source/ui/keys/help-sections.js';
import {helpLines, helpPages, keysText} from '../../source/ui/views/help/help-pages.js';
import {fakeReader} from '../fixtures/details-reader.js';
import {seedLab} from '../fixtures/synthetic-snapshots.js';
import {keys, labSnapshot, renderTui} from './tui-harness.js';

afterEach(() => cleanup());

/** The groups the help lists over the panes, and every key in them. */
const sections = helpSections(initialTuiState());
const everyKey = sections.flatMap(section =>
	section.entries.map(entry => ({
		keys: keysText(entry.keys),
		description: entry.description,
		group: section.title,
	})),
);

test('? shows every key of the key map; Esc and ? close it', async () => {
	const tui = await renderTui({snapshot: labSnapshot()});
	await tui.press('?');
	const frame = tui.frame();
	assert.match(frame, /Keys {2}\(Esc, \? or q closes this help\)/);
	for (const entry of everyKey.slice(0, 10))
		assert.ok(frame.includes(entry.keys), `help lacks ${entry.keys}`);
	assert.doesNotMatch(frame, /1 Namespaces/);
	// While the help is open, keys do not reach the panes.
	await tui.press('j');
	assert.equal(tui.store.getState().selection.namespaces, null);
	await tui.press(keys.escape);
	await tui.settle();
	assert.match(tui.frame(), /1 Namespaces/);
	await tui.press('?', '?');
	assert.match(tui.frame(), /1 Namespaces/);
});

test('the help fits 80x24 on pages of whole groups, and shows every key there (#9)', async () => {
	const tui = await renderTui({snapshot: labSnapshot(), columns: 80, rows: 24});
	await tui.press('?');
	const seen = [await tui.waitForFrame('the first page', frame => /page 1 of \d+/.test(frame))];
	const pages = Number(/page 1 of (\d+)/.exec(seen[0]!)![1]);
	assert.ok(pages > 1);
	assert.ok(tui.lines().length <= 23);
	for (let page = 2; page <= pages; page++) {
		await tui.press(keys.pageDown);
		seen.push(
			await tui.waitForFrame(`page ${page}`, frame => new RegExp(`page ${page} of`).test(frame)),
		);
		assert.ok(tui.lines().length <= 23);
	}
	// Each group is whole on one page: every key of a group shows where its title does.
	for (const section of sections) {
		const page = seen.find(frame =>
			frame
				.split('\n')
				.some(line => line.split(/\s{2,}/).some(part => part.trim() === section.title)),
		);
		assert.ok(page, `the page of ${section.title}`);
		for (const entry of section.entries) {
			assert.ok(
				page.includes(entry.description.split(' ').slice(0, 2).join(' ')),
				`${keysText(entry.keys)} (${section.title}) is on the page of its group`,
			);
		}
	}
	const all = seen.join('\n');
	assert.match(all, /Ctrl-R\s+refresh now/);
	assert.match(all, /q Ctrl-C\s+quit/);
	for (const entry of everyKey)
		assert.match(
			all,
			new RegExp(`(^|\\s)${entry.keys.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s`, 'm'),
			`help lacks ${entry.keys}`,
		);
	// g goes back to the first page; the help still closes with Esc.
	await tui.press('g');
	await tui.waitForFrame('the first page again', frame => /page 1 of/.test(frame));
	await tui.press(keys.escape);
	await tui.settle();
	assert.match(tui.frame(), /1 Namespaces/);
});

test('a key that changes the system is refused in a read-only session, and the help says it is unavailable', async () => {
	const readOnly = await renderTui({snapshot: labSnapshot(), readOnly: 'started with --read-only'});
	await readOnly.press('n');
	assert.equal(readOnly.store.getState().modal, null);
	assert.match(readOnly.frame(), /read-only session: "new namespace" is not available/);
	await readOnly.press('?');
	let found = false;
	for (let page = 0; page < 6 && !found; page++) {
		found =
			/\bn\s+new namespace\b/.test(readOnly.frame()) &&
			/\(unavailable: read-only\)/.test(readOnly.frame());
		if (!found) await readOnly.press(keys.pageDown);
	}
	assert.ok(found, readOnly.frame());
	const line = helpLines(sections, true, 60).find(entry => entry.keys === 'n');
	assert.deepEqual(line && {kind: line.kind, text: line.text}, {
		kind: 'unavailable',
		text: 'new namespace (unavailable: read-only)',
	});
});

test('? opens the help in the topology, details and log views too, and closing it goes back to the view (#9)', async () => {
	const tui = await renderTui({snapshot: seedLab(), reader: fakeReader(), columns: 120, rows: 40});
	const help = (frame: string) => /Keys {2}\(Esc, \? or q closes this help\)/.test(frame);
	for (const [open, shown] of [
		['t', / Topology {2}/],
		['i', /iptables|neighbours|Neighbours/],
	] as const) {
		await tui.press(open);
		await tui.waitForFrame(
			`the view of ${open}`,
			frame => shown.test(frame) && !/1 Namespaces/.test(frame),
		);
		assert.match(tui.lines().at(-1)!, /\? help$/, 'the key line ends with ? help');
		await tui.press('?');
		await tui.waitForFrame(`the help over the view of ${open}`, help);
		await tui.press('?');
		await tui.waitForFrame(
			`the view of ${open} again`,
			frame => !help(frame) && shown.test(frame) && tui.store.getState().fullView !== null,
		);
		await tui.press('q');
		await tui.waitForFrame('the panes', frame => /1 Namespaces/.test(frame));
	}
	await tui.press('l');
	await tui.waitForFrame('the command log', frame => /Command log/.test(frame));
	assert.match(tui.lines().at(-1)!, /\? help$/);
	await tui.press('?');
	await tui.waitForFrame('the help from the log', help);
	await tui.press('?');
	await tui.waitForFrame('the log again', frame => /Command log/.test(frame) && !help(frame));
	await tui.press('?');
	await tui.waitForFrame('the help from the log', help);
	await tui.press(keys.escape);
	await tui.waitForFrame(
		'the log again, after Esc',
		frame => /Command log/.test(frame) && !help(frame),
	);
	await tui.press('q');
	await tui.waitForFrame('the panes', frame => /1 Namespaces/.test(frame));
});

test('the key line shows the hints that fit whole and ends with ? help, at 80 columns too (#9)', async () => {
	for (const columns of [80, 100, 160]) {
		const tui = await renderTui({snapshot: labSnapshot(), columns, rows: 24});
		for (const pane of ['1', '2', '3', '4', 't']) {
			await tui.press(pane);
			const line = (await tui.waitForFrame('the key line', frame => frame.split('\n').length > 3))
				.split('\n')
				.at(-1)!;
			assert.match(line, /\? help$/, `${columns} columns, after ${pane}: ${line}`);
			assert.doesNotMatch(line, /…/);
			assert.ok(line.length <= columns);
		}
		tui.unmount();
	}
});

test("? opens the help inside find too, with find's keys first, and closing it goes back to the search as it was (#9)", async () => {
	const tui = await renderTui({snapshot: labSnapshot(), columns: 120, rows: 40});
	await tui.press('F', ...'web');
	await tui.waitForFrame('find', frame => /Find: web/.test(frame));
	assert.match(tui.lines().at(-1)!, /\? help$/, 'the key line ends with ? help');
	await tui.press('?');
	const help = await tui.waitForFrame('the help', frame =>
		/Keys {2}\(Esc, \? or q closes this help\)/.test(frame),
	);
	// The keys of where it was opened come first.
	assert.match(help.split('\n').slice(2, 4).join('\n'), /In find \(F\)/);
	await tui.press(keys.escape);
	await tui.waitForFrame('find again', frame => /Find: web/.test(frame));
	assert.equal(tui.store.getState().fullView?.kind, 'find');
});

test('no key is split between two columns or pages of the help, at any common size (#9)', () => {
	for (const [width, rows] of [
		[80, 20],
		[100, 25],
		[120, 35],
		[160, 55],
		[200, 55],
	] as const) {
		for (const page of helpPages(sections, false, width, rows).pages) {
			for (const column of page) {
				const first = column[0];
				assert.ok(
					!(first && first.keys === '' && (first.kind === 'entry' || first.kind === 'unavailable')),
					`${width}x${rows}: a column starts with the rest of a description: ${first?.text}`,
				);
				assert.notEqual(
					column.at(-1)?.kind,
					'group',
					`${width}x${rows}: a column ends with a group's title`,
				);
			}
		}
	}
});
