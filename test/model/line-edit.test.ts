// Readline's editing keys on a line (#13 friction 3): what each does to the text and the cursor.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import fc from 'fast-check';
import * as line from '../../source/model/line-edit.js';

const at = (text: string, cursor = text.length): line.LineEdit => ({text, cursor});

test('Ctrl-U cuts before the cursor, Ctrl-K after it, Ctrl-A and Ctrl-E go to the ends', () => {
	assert.deepEqual(line.cutToStart(at('10.0.0.1/24', 4)), at('.0.1/24', 0));
	assert.deepEqual(line.cutToEnd(at('10.0.0.1/24', 8)), at('10.0.0.1', 8));
	assert.deepEqual(line.toStart(at('abc')), at('abc', 0));
	assert.deepEqual(line.toEnd(at('abc', 1)), at('abc', 3));
});

test('Ctrl-W cuts back to a space, Alt-Backspace back to a non-word character', () => {
	assert.deepEqual(line.cutSpaceWord(at('default via 10.0.0.1')), at('default via '));
	assert.deepEqual(line.cutSpaceWord(at('default via  ')), at('default '));
	assert.deepEqual(line.cutWord(at('default via 10.0.0.1')), at('default via 10.0.0.'));
	assert.deepEqual(line.cutWord(at('veth-web')), at('veth-'));
	assert.deepEqual(line.cutWord(at('veth-web', 5)), at('web', 0));
});

test('typing and Backspace happen at the cursor; a character outside the BMP is one character', () => {
	assert.deepEqual(line.insertText(at('vth', 1), 'e'), at('veth', 2));
	assert.deepEqual(line.backspace(at('veth', 2)), at('vth', 1));
	assert.deepEqual(line.backspace(at('a😀')), at('a'));
	assert.deepEqual(line.left(at('a😀')), at('a😀', 1));
	assert.deepEqual(line.backspace(at('abc', 0)), at('abc', 0));
});

test('every edit keeps the cursor inside the text', () => {
	const edits = [
		line.backspace,
		line.deleteForward,
		line.cutToStart,
		line.cutToEnd,
		line.toStart,
		line.toEnd,
		line.left,
		line.right,
		line.cutSpaceWord,
		line.cutWord,
	];
	fc.assert(
		fc.property(
			fc.string(),
			fc.nat(),
			fc.array(fc.nat({max: edits.length - 1})),
			(text, cursor, steps) => {
				let current = at(text, Math.min(cursor, text.length));
				for (const step of steps) {
					current = edits[step]!(current);
					assert.ok(current.cursor >= 0 && current.cursor <= current.text.length);
				}
			},
		),
	);
});
