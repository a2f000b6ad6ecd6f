// The view registry: one entry per kind of full view, and the key layers and
// the help take each open view's keys from its own entry (none falls back to
// another view's).
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {initialTuiState, type TuiState} from '../../source/ui/app/tui-store.js';
import {helpSections} from '../../source/ui/keys/help-sections.js';
import {activeTables} from '../../source/ui/keys/layers.js';
import type {FullView} from '../../source/ui/views/full-view-state.js';
import {viewRegistry, viewSpecOf, type ViewKind} from '../../source/ui/views/registry.js';

// The kinds are the registry's: a kind without an entry is not a view (the type checker says so).
// @ts-expect-error 'nonsense' is no view's kind
const notAView: ViewKind = 'nonsense';
void notAView;

test('one entry per kind, each with its keys and its help', () => {
	const kinds = viewRegistry.map(view => view.kind);
	assert.deepEqual(kinds, [...new Set(kinds)], 'no kind twice');
	assert.deepEqual([...kinds].sort(), [
		'capture',
		'details',
		'find',
		'timeline',
		'topology',
		'trace',
		'traffic',
	]);
	for (const view of viewRegistry) assert.ok(view.help.length > 0, `${view.kind} has help`);
});

test('an open view takes keys from its own entry, and the help lists its group first', () => {
	for (const spec of viewRegistry) {
		// Each entry's tables for a view of its kind (its state's other fields do not matter to the lookup).
		const view = {kind: spec.kind} as unknown as FullView;
		assert.equal(viewSpecOf(view), spec);
		const state: TuiState = {...initialTuiState(), fullView: view};
		const own = spec.tables(view as never);
		assert.equal(activeTables(state)[0], own[0], `${spec.kind}'s keys are on top`);
		assert.equal(helpSections(state)[0], own[0], `the help over ${spec.kind} starts with its keys`);
	}
});
