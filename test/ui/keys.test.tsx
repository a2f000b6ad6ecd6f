// The one key system (#13): keys that arrive together each act once, against
// the store as the key before left it; readline editing in every line typed.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {initialTuiState} from '../../source/ui/app/tui-store.js';
import {decodeInput} from '../../source/model/key-decoder.js';
import {entryFor} from '../../source/ui/keys/key-table.js';
import {activeTables} from '../../source/ui/keys/layers.js';
import {paneRegistry} from '../../source/ui/panes/registry.js';
import {keys, labSnapshot, paneRows, renderTui} from './tui-harness.js';

afterEach(() => cleanup());

test('what is read at once is split into keys', () => {
	const ids = (input: string) =>
		decodeInput(input, true).events.map(event => (event.kind === 'key' ? event.id : event.kind));
	assert.deepEqual(ids('jjj'), ['j', 'j', 'j']);
	assert.deepEqual(ids('\u007F\u007F\u007F'), ['backspace', 'backspace', 'backspace']);
	assert.deepEqual(ids('web\r'), ['w', 'e', 'b', 'return']);
	assert.deepEqual(ids('\u001B[B'), ['down']);
	assert.deepEqual(ids('\u0015'), ['C-u']);
	assert.deepEqual(ids('\u001B\u007F'), ['M-backspace']);
	assert.deepEqual(ids('\u001B[Z'), ['S-tab']);
	assert.deepEqual(ids('\u001B'), ['escape']);
});

test('a held-down j arriving as one chunk moves three rows, each from where the one before left it', async () => {
	const tui = await renderTui({snapshot: labSnapshot()});
	await tui.press('jjj');
	await tui.waitForFrame('the fourth namespace', frame => /1 Namespaces {2}4\/10/.test(frame));
});

test('Backspaces that arrive together each delete one character, in a pane filter (#3)', async () => {
	const tui = await renderTui({snapshot: labSnapshot()});
	await tui.press('/', 'nsx-rou');
	await tui.waitForFrame('the filter', frame => frame.includes('/nsx-rou_'));
	await tui.press('\u007F\u007F\u007F');
	await tui.waitForFrame('three characters gone', frame => frame.includes('/nsx-_'));
	assert.equal(tui.store.getState().filters.namespaces, 'nsx-');
	assert.doesNotMatch(tui.frame(), /\u007F/);
});

test('readline keys edit a pane filter: Ctrl-A, Ctrl-E, Ctrl-W, Alt-Backspace, Ctrl-U (#3)', async () => {
	const tui = await renderTui({snapshot: labSnapshot()});
	const filter = () => tui.store.getState().filters.namespaces;
	await tui.press('/', 'nsx web');
	await tui.press('\u0017');
	assert.equal(filter(), 'nsx ');
	await tui.press('rou', '\u0001', 'x');
	assert.equal(filter(), 'xnsx rou');
	await tui.press('\u0005', '\u001B\u007F');
	assert.equal(filter(), 'xnsx ');
	await tui.press('\u0015');
	assert.equal(filter(), '');
	await tui.press('db', keys.enter);
	assert.deepEqual(
		paneRows(tui.lines(), '1 Namespaces')
			.map(row => row.slice(1, 20).trim())
			.filter(Boolean),
		['nsx-db'],
	);
});

test('Down Down sent together in a picker moves two rows (#3)', async () => {
	const tui = await renderTui({snapshot: labSnapshot(), suspend: null});
	// m on an interface: the namespaces to move it to, in a picker.
	await tui.press('2', 'm');
	await tui.waitForFrame(
		'the picker',
		frame => /of \d+/.test(frame) && tui.store.getState().modal?.kind === 'form',
	);
	await tui.press(`${keys.down}${keys.down}`);
	await tui.waitForFrame(
		'the third choice highlighted',
		() => (tui.store.getState().modal as {highlighted?: number} | null)?.highlighted === 2,
	);
});

test('text and its Enter in one chunk answer a prompt; Ctrl-U and Ctrl-W edit it first (#3)', async () => {
	const tui = await renderTui({snapshot: labSnapshot()});
	await tui.press('n');
	await tui.waitForFrame('the prompt', frame => frame.includes('Name of the new namespace'));
	await tui.press('wrong name');
	await tui.press('\u0017');
	await tui.waitForFrame('the word cut', frame => frame.includes('› wrong '));
	await tui.press('\u0015', 'lab-new');
	await tui.waitForFrame('the name typed', frame => frame.includes('› lab-new'));
	const modal = tui.store.getState().modal;
	assert.equal(modal?.kind === 'form' ? modal.input.text : null, 'lab-new');
});

test('keys read before a frame is drawn each build on the one before (no handler from an old render)', async () => {
	const tui = await renderTui({snapshot: labSnapshot()});
	// Three reads in a row, with no turn of the event loop for React between them.
	tui.stdin.write('j');
	tui.stdin.write('j');
	tui.stdin.write('\u001B[B');
	await tui.settle();
	assert.match(tui.frame(), /1 Namespaces {2}4\/10/);
});

test('every key a pane lists for its key line is bound, with a hint to show', () => {
	const state = initialTuiState();
	for (const pane of paneRegistry) {
		const tables = activeTables({...state, focus: pane.id});
		for (const id of pane.hints) assert.ok(entryFor(tables, id)?.hint, `${pane.id} lists ${id}`);
		for (const entry of pane.keys)
			assert.ok(entry.hint, `${pane.id}'s ${entry.keys.join(' ')} has a hint`);
	}
});
