// Background reading pauses while keys come in (see source/ui/input-activity.ts).
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {setTimeout as delay} from 'node:timers/promises';
import {cleanup} from 'ink-testing-library';
import {InputActivity} from '../../source/ui/app/input-activity.js';
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

test('what is held while typing is held from the first key and released once keys pause', async () => {
	const activity = new InputActivity(100, 1000);
	const events: string[] = [];
	activity.holdWhileTyping({
		hold: () => events.push('hold'),
		release: () => events.push('release'),
	});
	activity.note();
	await delay(40);
	activity.note();
	assert.deepEqual(events, ['hold'], 'held once, however many keys');
	await delay(250);
	assert.deepEqual(events, ['hold', 'release']);
});

test('a key held down holds for at most maxWaitMs, then lets data flow before holding again', async () => {
	const activity = new InputActivity(200, 400);
	const events: string[] = [];
	activity.holdWhileTyping({
		hold: () => events.push('hold'),
		release: () => events.push('release'),
	});
	const typing = setInterval(() => activity.note(), 20);
	try {
		activity.note();
		// Released at 400 ms; the data then flows until 600 ms.
		await delay(500);
		assert.deepEqual(
			events,
			['hold', 'release'],
			'released after maxWaitMs although keys still come, and not held again at once',
		);
		await delay(250);
		assert.deepEqual(events, ['hold', 'release', 'hold'], 'held again after a while of flow');
	} finally {
		clearInterval(typing);
	}
	await delay(500);
});
