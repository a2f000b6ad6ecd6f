// The frame diff: whatever the frames, a terminal that is sent its bytes shows
// each frame exactly; and what did not change is not written.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import fc from 'fast-check';
import stringWidth from 'string-width';
import {blankCell, lineCells, type Cell} from '../../source/model/frame-cells.js';
import {TerminalScreen} from '../../source/model/frame-diff.js';
import {TestTerminal} from '../helpers/test-terminal.js';

const columns = 24;
const rows = 6;
const size = {columns, rows};

/** What the terminal should show for a line: its cells, cut to the width, blank after. */
function expectedRow(line: string): Cell[] {
	const cells = lineCells(line)!.slice(0, columns);
	return [...cells, ...Array.from({length: columns - cells.length}, () => blankCell)];
}

function assertShows(terminal: TestTerminal, frame: string, context: string) {
	const lines = frame.split('\n');
	for (let row = 0; row < rows; row++)
		assert.deepEqual(
			terminal.rowCells(row),
			expectedRow(lines[row] ?? ''),
			`row ${row} after ${context}`,
		);
}

// Chalk's sequences, as Ink writes them.
const sgr = fc.constantFrom(
	'\u001B[1m',
	'\u001B[22m',
	'\u001B[2m',
	'\u001B[7m',
	'\u001B[27m',
	'\u001B[4m',
	'\u001B[24m',
	'\u001B[31m',
	'\u001B[39m',
	'\u001B[38;5;208m',
	'\u001B[48;2;10;20;30m',
	'\u001B[49m',
	'\u001B[0m',
	'\u001B[90m',
);
const text = fc
	.array(fc.constantFrom('a', 'b', 'z', ' ', '›', '─', '0', 'あ', '界', 'e\u0301'), {
		maxLength: 8,
	})
	.map(parts => parts.join(''));
/** A line no wider than the screen (Ink cuts its lines to the layout's width). */
const line = fc
	.array(fc.oneof(text, sgr), {maxLength: 8})
	.map(parts => parts.join(''))
	.map(candidate => {
		let kept = '';
		for (const part of candidate.split(/(\u001B\[[0-9;]*m)/)) {
			if (part.startsWith('\u001B')) kept += part;
			else
				for (const character of new Intl.Segmenter().segment(part))
					if (stringWidth(kept.replace(/\u001B\[[0-9;]*m/g, '') + character.segment) <= columns)
						kept += character.segment;
		}
		return kept;
	});
const frame = fc.array(line, {minLength: 0, maxLength: rows + 1}).map(lines => lines.join('\n'));

describe('frame diff', () => {
	test('a terminal sent the bytes shows every frame of any sequence', () => {
		fc.assert(
			fc.property(fc.array(frame, {minLength: 1, maxLength: 6}), frames => {
				const screen = new TerminalScreen();
				const terminal = new TestTerminal(columns, rows);
				frames.forEach((next, index) => {
					terminal.write(screen.update(next, size));
					assertShows(terminal, next, `frame ${index}`);
				});
			}),
			{numRuns: 200},
		);
	});

	test('small edits of one frame are shown, however they fall on wide characters and styles', () => {
		const edit = fc.record({row: fc.nat(rows - 1), line});
		fc.assert(
			fc.property(frame, fc.array(edit, {maxLength: 10}), (first, edits) => {
				const screen = new TerminalScreen();
				const terminal = new TestTerminal(columns, rows);
				terminal.write(screen.update(first, size));
				let lines = first.split('\n');
				for (const {row, line} of edits) {
					lines = Array.from({length: Math.max(lines.length, row + 1)}, (_, i) => lines[i] ?? '');
					lines[row] = line;
					terminal.write(screen.update(lines.join('\n'), size));
					assertShows(terminal, lines.join('\n'), `an edit of row ${row}`);
				}
			}),
			{numRuns: 150},
		);
	});

	test('the same frame again writes nothing', () => {
		const screen = new TerminalScreen();
		const shown = 'a \u001B[1mbold\u001B[22m line\nanother';
		assert.notEqual(screen.update(shown, size), '');
		assert.equal(screen.update(shown, size), '');
	});

	test('a selection moving down one row writes those rows, not the others', () => {
		const names = Array.from({length: 40}, (_, i) => `nstui-ns-${String(i).padStart(2, '0')}`);
		const list = (selected: number) =>
			names
				.map((name, i) =>
					i === selected ? `\u001B[7m›${name.padEnd(60)}\u001B[27m` : ` ${name.padEnd(60)}`,
				)
				.join('\n');
		const big = {columns: 80, rows: 41};
		const screen = new TerminalScreen();
		const whole = screen.update(list(3), big);
		const moved = screen.update(list(4), big);
		const frameBytes = list(3).length;
		assert.ok(whole.includes(names[20]!), 'the first frame is drawn whole');
		assert.ok(
			moved.includes(names[3]!.slice(-2)) || moved.includes('03'),
			'the old row is written',
		);
		for (const unchanged of [names[0]!, names[2]!, names[5]!, names[39]!])
			assert.ok(!moved.includes(unchanged), `${unchanged} is not written again`);
		assert.ok(
			moved.length * 10 < frameBytes,
			`${moved.length} bytes for a move, ${frameBytes} in the frame`,
		);
	});

	test('a frame taller than the terminal is cut, never scrolls it', () => {
		const screen = new TerminalScreen();
		const terminal = new TestTerminal(columns, rows);
		const tall = Array.from({length: rows + 3}, (_, i) => `line ${i}`).join('\n');
		terminal.write(screen.update(tall, size));
		assertShows(terminal, tall, 'a tall frame');
	});

	test('a line with an escape that is not a colour is written whole, and written whole when it changes', () => {
		const screen = new TerminalScreen();
		const link = 'see \u001B]8;;https://example.test\u0007here\u001B]8;;\u0007';
		const first = screen.update(`top\n${link}`, size);
		assert.ok(first.includes(link));
		assert.equal(screen.update(`top\n${link}`, size), '');
		assert.ok(screen.update(`top\nplain`, size).includes('plain'));
	});
});
