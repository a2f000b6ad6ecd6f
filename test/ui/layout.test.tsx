// Space goes where the content is (#13 friction 11): panes sized by what they
// list, z zooms the focused pane, a dialog only as tall as it asks.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {computeLayout} from '../../source/ui/app/layout.js';
import {manyNamespaces} from '../fixtures/many-namespaces.js';
import {keys, labSnapshot, paneRows, renderTui} from './tui-harness.js';

afterEach(() => cleanup());

test('at 200x60 a long namespace list takes the lines the short panes below leave free', async () => {
	const tui = await renderTui({snapshot: manyNamespaces(100), columns: 200, rows: 60});
	const rows = paneRows(tui.lines(), '1 Namespaces');
	// Fixed halves gave it 27 rows, with 25 empty below.
	assert.ok(rows.length > 40, `the namespaces take ${rows.length} rows`);
	assert.ok(
		rows.every(row => /bulk-\d{4}|<host>/.test(row)),
		'every row of the pane is a namespace',
	);
	// The panes below are still there, with what they list.
	assert.match(tui.frame(), / 3 Routes {2}/);
	assert.match(tui.frame(), / 4 Processes {2}/);
	assert.ok(
		paneRows(tui.lines(), '3 Routes').some(row => /default|v4|v6/.test(row)) ||
			/no routes/.test(tui.frame()),
	);
});

test('z zooms the focused pane to the whole body and back; the zoom follows the focus; Esc leaves it too', async () => {
	const tui = await renderTui({snapshot: manyNamespaces(100), columns: 120, rows: 40});
	const before = paneRows(tui.lines(), '1 Namespaces').length;
	await tui.press('z');
	const zoomed = await tui.waitForFrame('the zoomed pane', frame => !/2 Interfaces/.test(frame));
	assert.doesNotMatch(zoomed, /3 Routes|4 Processes/);
	const rows = paneRows(tui.lines(), '1 Namespaces');
	// The body is 40 - 1 (frame) - 1 (header) - 2 (status) = 36 lines, less the pane's title and header.
	assert.equal(rows.length, 34);
	assert.ok(rows.length > before);
	// The keys still move in it.
	await tui.press('G');
	await tui.waitForFrame('the last namespace', frame => /1 Namespaces {2}101\/101/.test(frame));
	await tui.press('z');
	await tui.waitForFrame(
		'all panes again',
		frame => /2 Interfaces/.test(frame) && /4 Processes/.test(frame),
	);
	await tui.press('2', 'z');
	await tui.waitForFrame(
		'the Interfaces pane zoomed',
		frame => /2 Interfaces/.test(frame) && !/1 Namespaces/.test(frame),
	);
	// The zoom follows the focus: Tab shows the next pane over the whole body.
	await tui.press(keys.tab);
	await tui.waitForFrame(
		'the Routes pane zoomed',
		frame => /3 Routes/.test(frame) && !/2 Interfaces/.test(frame),
	);
	await tui.press(keys.escape);
	await tui.waitForFrame(
		'all panes again after Esc',
		frame => /1 Namespaces/.test(frame) && /2 Interfaces/.test(frame),
	);
});

test('a one-line prompt is a small box: the panes above keep the rest of the screen', async () => {
	const tui = await renderTui({snapshot: labSnapshot(), columns: 120, rows: 40});
	await tui.press('n');
	await tui.waitForFrame('the prompt', frame => frame.includes('Name of the new namespace'));
	const lines = tui.lines();
	const top = lines.findIndex(line => line.startsWith('╭'));
	const bottom = lines.findIndex(line => line.startsWith('╰'));
	assert.ok(top > 0 && bottom > top);
	// Its title, the label, the line typed, the reason: four lines in a frame (16 before).
	assert.equal(bottom - top + 1, 6);
	assert.ok(
		paneRows(lines, '1 Namespaces').filter(row => row.trim() !== '').length >= 10,
		'every namespace of the lab in view',
	);
});

test('the layout: halves when both rows are full, the short row gives its lines away, a dialog leaves the panes a third', () => {
	const body = (layout: ReturnType<typeof computeLayout>) =>
		layout.rows.upper + layout.rows.lower + layout.dialogHeight;
	const full = computeLayout(120, 40, {banner: false, wanted: {namespaces: 100, routes: 100}});
	assert.deepEqual(full.rows, {upper: 18, lower: 18});
	const short = computeLayout(120, 40, {
		banner: false,
		wanted: {namespaces: 100, interfaces: 3, routes: 2, processes: 1},
	});
	assert.equal(short.rows.lower, 4, 'the lower panes keep their title, header and two rows');
	assert.equal(body(short), 36);
	const few = computeLayout(120, 40, {
		banner: false,
		wanted: {namespaces: 3, interfaces: 2, routes: 100, processes: 100},
	});
	assert.equal(few.rows.upper, 5);
	const dialog = computeLayout(120, 40, {banner: false, dialog: 100});
	assert.equal(dialog.rows.upper, 12);
	assert.equal(dialog.dialogHeight, 24);
	const zoomed = computeLayout(120, 40, {banner: false, zoomed: 'routes'});
	assert.deepEqual(zoomed.panes.routes, {width: 120, height: 36, listRows: 34});
	assert.equal(zoomed.panes.namespaces.height, 0);
});
