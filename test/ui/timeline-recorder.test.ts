import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import type {Snapshot} from '../../source/model/snapshot.js';
import {Timeline} from '../../source/model/timeline/timeline.js';
import {createTimelineRecorder} from '../../source/ui/app/timeline-recorder.js';
import {initialTuiState} from '../../source/ui/app/tui-store.js';

const lab = (): Snapshot =>
	JSON.parse(
		readFileSync(new URL('../fixtures/lab-snapshot.json', import.meta.url), 'utf8'),
	) as Snapshot;

/** The same namespaces, one of them renamed (a new object, as discovery makes for what changed). */
const renamed = (before: Snapshot, from: string, to: string, at: string): Snapshot => ({
	...before,
	takenAt: at,
	namespaces: before.namespaces.map(ns => (ns.name === from ? {...ns, name: to} : ns)),
});

test('the list-only first reading is not compared: its namespaces have no contents yet', () => {
	const timeline = new Timeline();
	const record = createTimelineRecorder(timeline);
	const full = lab();
	const listOnly: Snapshot = {
		...full,
		namespaces: full.namespaces.map(ns => ({...ns, interfaces: [], routes: []})),
	};
	assert.deepEqual(record('first', listOnly), []);
	assert.deepEqual(record('full', full), []);
	assert.equal(timeline.changes.length, 0);
});

test('each later reading adds what changed since the one before, oldest first', () => {
	const timeline = new Timeline();
	const record = createTimelineRecorder(timeline);
	const one = lab();
	const two = renamed(one, 'nsx-a', 'nsx-q', '2026-12-07T03:12:00.000Z');
	const three = renamed(two, 'nsx-q', 'nsx-r', '2026-12-07T03:13:00.000Z');
	record('full', one);
	record('tick', one);
	assert.equal(record('tick', two).length, 1);
	record('full', three);
	assert.deepEqual(
		timeline.changes.map(change => [change.time, change.kind, change.after]),
		[
			['2026-12-07T03:12:00.000Z', 'namespace-named', 'nsx-q'],
			['2026-12-07T03:13:00.000Z', 'namespace-named', 'nsx-r'],
		],
	);
});

test('the timeline stays within its limit and counts what it let go', () => {
	const timeline = new Timeline(1);
	const record = createTimelineRecorder(timeline);
	const one = lab();
	const two = renamed(one, 'nsx-a', 'nsx-q', '2026-12-07T03:12:00.000Z');
	const three = renamed(two, 'nsx-q', 'nsx-r', '2026-12-07T03:13:00.000Z');
	record('full', one);
	record('tick', two);
	record('tick', three);
	assert.equal(timeline.changes.length, 1);
	assert.equal(timeline.changes[0]!.after, 'nsx-r');
	assert.equal(timeline.dropped, 1);
});

test('the TUI keeps the last 10,000 changes', () => {
	assert.equal(initialTuiState().timeline.limit, 10_000);
});
