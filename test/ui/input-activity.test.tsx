// Background reading pauses while keys come in (see source/ui/app/input-activity.ts).
// Time is a FakeClock: each test says exactly when a pause ends or a hold is let go.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {InputActivity} from '../../source/ui/app/input-activity.js';
import {FakeClock} from '../helpers/fake-clock.js';
import {labSnapshot, renderTui} from './tui-harness.js';

afterEach(() => cleanup());

/** A pause started now, and whether it has ended. */
function pausing(activity: InputActivity) {
	const state = {done: false};
	void activity.pause().then(() => (state.done = true));
	return state;
}

test('with no key pressed lately a pause is one turn of the event loop', async () => {
	const clock = new FakeClock();
	const pause = pausing(new InputActivity(200, 1000, clock));
	await clock.advance(0);
	assert.equal(pause.done, true);
});

test('a pause lasts until keys have stopped for quietMs', async () => {
	const clock = new FakeClock();
	const activity = new InputActivity(200, 5000, clock);
	activity.note();
	const pause = pausing(activity);
	await clock.advance(199);
	assert.equal(pause.done, false);
	await clock.advance(1);
	assert.equal(pause.done, true);
});

test('a key held down does not stop background work for longer than maxWaitMs at a time', async () => {
	const clock = new FakeClock();
	const activity = new InputActivity(200, 300, clock);
	const typing = clock.setInterval(() => activity.note(), 20);
	activity.note();
	const pause = pausing(activity);
	await clock.advance(299);
	assert.equal(pause.done, false, 'keys still come');
	await clock.advance(1);
	assert.equal(pause.done, true, 'but the pause ends at maxWaitMs');
	clock.clear(typing);
});

test('the UI tells it of every key', async () => {
	class Counting extends InputActivity {
		keys = 0;
		override note() {
			this.keys++;
			super.note();
		}
	}
	const activity = new Counting(150, 1000, new FakeClock());
	const tui = await renderTui({snapshot: labSnapshot(), activity});
	await tui.press('j', 'j', 'k');
	assert.equal(activity.keys, 3);
});

test('what is held while typing is held from the first key and released once keys pause', async () => {
	const clock = new FakeClock();
	const activity = new InputActivity(100, 1000, clock);
	const events: string[] = [];
	activity.holdWhileTyping({
		hold: () => events.push('hold'),
		release: () => events.push('release'),
	});
	activity.note();
	await clock.advance(40);
	activity.note();
	assert.deepEqual(events, ['hold'], 'held once, however many keys');
	await clock.advance(99);
	assert.deepEqual(events, ['hold'], 'the last key was 99 ms ago');
	await clock.advance(1);
	assert.deepEqual(events, ['hold', 'release']);
	assert.equal(clock.timers, 0);
});

test('a key held down holds for at most maxWaitMs, then lets data flow before holding again', async () => {
	const clock = new FakeClock();
	const activity = new InputActivity(200, 400, clock);
	const events: string[] = [];
	activity.holdWhileTyping({
		hold: () => events.push('hold'),
		release: () => events.push('release'),
	});
	const typing = clock.setInterval(() => activity.note(), 20);
	activity.note();
	await clock.advance(399);
	assert.deepEqual(events, ['hold']);
	await clock.advance(1);
	assert.deepEqual(
		events,
		['hold', 'release'],
		'released at maxWaitMs although keys still come, and not held again at once',
	);
	await clock.advance(199);
	assert.deepEqual(events, ['hold', 'release'], 'data flow for quietMs after the release');
	await clock.advance(1);
	assert.deepEqual(events, ['hold', 'release', 'hold'], 'then the next key holds again');
	clock.clear(typing);
});
