// Space goes where the content is (#13 friction 11): panes sized by what they
// list, z zooms the focused pane, a dialog only as tall as it asks.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {manyNamespaces} from '../fixtures/many-namespaces.js';
import {keys, labSnapshot, paneRows, renderTui} from './tui-harness.js';

afterEach(() => cleanup());

test('at 200x60 a long namespace list takes the lines the short panes below leave free', async () => {
	const tui = await renderTui({snapshot: manyNamespaces(100), columns: 200, rows: 60});
	const rows = paneRows(tui.lines(), '1 Namespaces');
	// Fixed halves gave it 27 rows, with 25 empty below.
	assert.ok(rows.length > 40, `the namespaces take ${rows.length} rows`);
	assert.ok(rows.every(row => /bulk-\d{4}|<host>/.test(row)), 'every row of the pane is a namespace');
	// The panes below are still there, with what they list.
	assert.match(tui.frame(), / 3 Routes {2}/);
	assert.match(tui.frame(), / 4 Processes {2}/);
	assert.ok(paneRows(tui.lines(), '3 Routes').some(row => /default|v4|v6/.test(row)) || /no routes/.test(tui.frame()));
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
	await tui.waitForFrame('all panes again', frame => /2 Interfaces/.test(frame) && /4 Processes/.test(frame));
	await tui.press('2', 'z');
	await tui.waitForFrame('the Interfaces pane zoomed', frame => /2 Interfaces/.test(frame) && !/1 Namespaces/.test(frame));
	// The zoom follows the focus: Tab shows the next pane over the whole body.
	await tui.press(keys.tab);
	await tui.waitForFrame('the Routes pane zoomed', frame => /3 Routes/.test(frame) && !/2 Interfaces/.test(frame));
	await tui.press(keys.escape);
	await tui.waitForFrame('all panes again after Esc', frame => /1 Namespaces/.test(frame) && /2 Interfaces/.test(frame));
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
	assert.ok(paneRows(lines, '1 Namespaces').filter(row => row.trim() !== '').length >= 10, 'every namespace of the lab in view');
});
