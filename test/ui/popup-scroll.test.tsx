// Friction #14: a popup with more lines than fit (a recipe's steps, ping, the
// warnings) scrolls; it follows the newest lines until scrolled up.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {appendToPopup, openPopup} from '../../source/ui/dialogs/dialog-state.js';
import {keys, labSnapshot, renderTui} from './tui-harness.js';

afterEach(() => cleanup());

const step = (n: number) => `step ${String(n).padStart(2, '0')} done`;
const has = (frame: string, n: number) => frame.includes(step(n));

test('a long popup shows the newest lines, and j k PgUp PgDn g G scroll through all of them', async () => {
	const tui = await renderTui({snapshot: labSnapshot(), rows: 40});
	openPopup(tui.store, 'recipe');
	appendToPopup(
		tui.store,
		'recipe',
		Array.from({length: 60}, (_, index) => step(index + 1)),
		true,
	);
	let frame = await tui.waitForFrame('the newest lines', text => has(text, 60));
	assert.ok(!has(frame, 1), 'the first lines are above');
	assert.match(frame, /lines \d+-60 of 60/);
	assert.match(frame, /j k PgUp PgDn g G scroll/);

	await tui.press('g');
	frame = await tui.waitForFrame('the first line', text => has(text, 1));
	assert.ok(!has(frame, 60));
	assert.match(frame, /lines 1-\d+ of 60/);
	await tui.press('j', 'j');
	frame = await tui.waitForFrame('two lines down', text => /lines 3-/.test(text));
	assert.ok(!has(frame, 2) && has(frame, 3));
	await tui.press(keys.pageDown);
	await tui.waitForFrame('a page down', text => !has(text, 3) && /lines \d+-/.test(text));
	await tui.press('k');
	await tui.press('G');
	await tui.waitForFrame('back at the end', text => has(text, 60));

	// Scrolled up, new lines do not move the view; at the end it follows them.
	await tui.press(keys.pageUp);
	frame = await tui.waitForFrame('a page up', text => !has(text, 60));
	const firstShown = /lines (\d+)-/.exec(frame)![1];
	appendToPopup(tui.store, 'recipe', [step(61)]);
	frame = await tui.waitForFrame('the count grows', text => /of 61/.test(text));
	assert.equal(/lines (\d+)-/.exec(frame)![1], firstShown);
	await tui.press('G');
	await tui.waitForFrame('following again', text => has(text, 61));
	appendToPopup(tui.store, 'recipe', [step(62)]);
	await tui.waitForFrame('the next line followed', text => has(text, 62));
	await tui.press('q');
	await tui.waitForFrame('closed', text => !/recipe/.test(text));
});
