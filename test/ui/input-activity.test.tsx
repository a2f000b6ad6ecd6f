// Background reading pauses while keys come in (see source/ui/input-activity.ts).
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {setTimeout as delay} from 'node:timers/promises';
import {cleanup} from 'ink-testing-library';
import {InputActivity} from '../../source/ui/input-activity.js';
import {labSnapshot, renderTui} from './tui-harness.js';

afterEach(() => cleanup());

const elapsed = async (work: () => Promise<void>) => {
	const start = performance.now();
	await work();
	return performance.now() - start;
};

test('with no key pressed lately a pause is one turn of the event loop', async () => {
	const activity = new InputActivity(200, 1000);
	assert.ok((await elapsed(() => activity.pause())) < 100);
});

test('a pause lasts until keys have stopped for quietMs', async () => {
	const activity = new InputActivity(200, 5000);
	activity.note();
	const waited = await elapsed(() => activity.pause());
	assert.ok(waited >= 150, `waited ${waited} ms`);
	assert.ok(waited < 2000, `waited ${waited} ms`);
});

test('a key held down does not stop background work for longer than maxWaitMs at a time', async () => {
	const activity = new InputActivity(200, 300);
	const typing = setInterval(() => activity.note(), 20);
	try {
		activity.note();
		const waited = await elapsed(() => activity.pause());
		assert.ok(waited >= 250 && waited < 2000, `waited ${waited} ms`);
	} finally {
		clearInterval(typing);
	}
});

test('the UI tells it of every key', async () => {
	class Counting extends InputActivity {
		keys = 0;
		override note() {
			this.keys++;
			super.note();
		}
	}
	const activity = new Counting();
	const tui = await renderTui({snapshot: labSnapshot(), activity});
	await tui.press('j', 'j', 'k');
	assert.equal(activity.keys, 3);
	await delay(10);
});
