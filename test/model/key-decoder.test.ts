// Input that cannot be misread (issue 25): escape sequences are consumed whole,
// known or not; a paste is one event; Esc is Alt only with what comes at once.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import fc from 'fast-check';
import {
	decodeInput,
	escapeTimeMs,
	KeyDecoder,
	pastedLine,
	sequenceTimeMs,
	type InputEvent,
} from '../../source/model/key-decoder.js';

const ids = (input: string) =>
	decodeInput(input, true).events.map(event =>
		event.kind === 'key' ? event.id : event.kind === 'paste' ? `paste:${event.text}` : event.what,
	);

test('plain keys, control keys and the named keys of CSI and SS3 sequences', () => {
	assert.deepEqual(ids('jj\r\t\u007F\u0008\u0001\u0012'), [
		'j',
		'j',
		'return',
		'tab',
		'backspace',
		'C-h',
		'C-a',
		'C-r',
	]);
	assert.deepEqual(ids('\u001B[A\u001B[B\u001BOC\u001BOD\u001B[H\u001B[F\u001B[1~\u001B[4~'), [
		'up',
		'down',
		'right',
		'left',
		'home',
		'end',
		'home',
		'end',
	]);
	assert.deepEqual(ids('\u001B[3~\u001B[5~\u001B[6~\u001B[Z'), [
		'delete',
		'pageup',
		'pagedown',
		'S-tab',
	]);
	assert.deepEqual(ids('\u001B[1;5D\u001B[1;5C\u001B[1;3D\u001B[3;5~'), [
		'C-left',
		'C-right',
		'M-left',
		'C-delete',
	]);
});

test('Esc and a character in one read are Alt; Esc alone, once nothing follows, is Esc', () => {
	assert.deepEqual(ids('\u001Bb\u001Bf\u001Bd\u001B\u007F'), ['M-b', 'M-f', 'M-d', 'M-backspace']);
	assert.deepEqual(ids('\u001B'), ['escape']);
	assert.deepEqual(ids('\u001B\u001B'), ['escape', 'escape']);
	assert.deepEqual(decodeInput('\u001B').rest, '\u001B', 'not final: it may be a sequence');
});

test('mouse reports, focus events and unknown sequences are read whole and act as nothing', () => {
	// X10: ESC [ M and three bytes; "M" alone once opened the masquerade form.
	assert.deepEqual(ids('\u001B[M !!'), ['mouse']);
	assert.deepEqual(ids('\u001B[M`ab'), ['mouse']);
	assert.deepEqual(ids('\u001B[<0;12;7M\u001B[<0;12;7m'), ['mouse', 'mouse']);
	assert.deepEqual(ids('\u001B[32;5;9M'), ['mouse']);
	assert.deepEqual(ids('\u001B[I\u001B[O'), ['focus', 'focus']);
	assert.deepEqual(ids('\u001B[12;40R\u001B[?1;2c\u001B[99x'), [
		'sequence',
		'sequence',
		'sequence',
	]);
	assert.deepEqual(ids('\u001B]11;rgb:0000/0000/0000\u0007\u001B]10;x\u001B\\'), [
		'sequence',
		'sequence',
	]);
	assert.deepEqual(ids('\u001BP1$r0m\u001B\\\u001B_Gi=1;OK\u001B\\'), ['sequence', 'sequence']);
});

test('a bracketed paste is one event, its letters never keys', () => {
	assert.deepEqual(ids('\u001B[200~nd\u001B[201~'), ['paste:nd']);
	assert.deepEqual(ids('x\u001B[200~a\u001B[Ab\r\u001B[201~y'), ['x', 'paste:a\u001B[Ab\r', 'y']);
	assert.equal(decodeInput('\u001B[200~nd').rest, '\u001B[200~nd', 'waits for its end');
	assert.equal(pastedLine('10.0.0.1\r\n'), '10.0.0.1');
	assert.equal(pastedLine('a\tb\nc\u001B[31m'), 'a b c[31m');
});

test('Esc then a letter in a later read: Alt only within the escape time', () => {
	const decoder = new KeyDecoder();
	assert.deepEqual(decoder.push('\u001B', 1000), []);
	assert.equal(decoder.deadline(), 1000 + escapeTimeMs);
	assert.deepEqual(
		decoder.push('L', 1000 + escapeTimeMs).map(event => (event.kind === 'key' ? event.id : '')),
		['escape', 'L'],
	);
	assert.deepEqual(decoder.push('\u001B', 2000), []);
	assert.deepEqual(
		decoder.push('L', 2000 + escapeTimeMs - 5).map(event => (event.kind === 'key' ? event.id : '')),
		['M-L'],
	);
	assert.deepEqual(decoder.push('\u001B', 3000), []);
	assert.deepEqual(decoder.expire(3000 + escapeTimeMs - 1), []);
	assert.deepEqual(
		decoder.expire(3000 + escapeTimeMs).map(event => (event.kind === 'key' ? event.id : '')),
		['escape'],
	);
	assert.equal(decoder.waiting(), false);
});

test('a sequence split between reads is joined; one never finished is dropped, not typed', () => {
	const decoder = new KeyDecoder();
	assert.deepEqual(decoder.push('\u001B[', 0), []);
	assert.deepEqual(
		decoder.push('1;5C', 5).map(event => (event.kind === 'key' ? event.id : '')),
		['C-right'],
	);
	assert.deepEqual(decoder.push('\u001B[<0;1', 100), []);
	const late = decoder.push('0;2M', 100 + sequenceTimeMs);
	assert.deepEqual(
		late.map(event => event.kind),
		['ignored', 'key', 'key', 'key', 'key'],
		'its end came too late: the part that waited is dropped',
	);
	assert.deepEqual(decoder.push('\u001B[200~n', 5000), []);
	const paste = decoder.push('d\u001B[201~', 5010);
	assert.deepEqual(paste, [{kind: 'paste', text: 'nd', raw: '\u001B[200~nd\u001B[201~'}]);
});

const raw = (events: InputEvent[]) => events.map(event => event.raw).join('');

const byteStream = fc
	.array(
		fc.oneof(
			fc.string({maxLength: 4}),
			fc.constantFrom('\u001B', '\u001B[', '\u001BO', '\u001B]', '\u001BP', '\u001B\\', '\u0007'),
			fc.constantFrom('\u001B[200~', '\u001B[201~', '\u001B[M', '\u001B[<', ';', 'M', 'm', '~'),
			fc.integer({min: 0, max: 0x10ffff}).map(code => String.fromCodePoint(code)),
		),
		{maxLength: 20},
	)
	.map(parts => parts.join(''));

test('any input splits into events whose raw text, joined, is the input', () => {
	fc.assert(
		fc.property(byteStream, input => {
			assert.equal(raw(decodeInput(input, true).events), input);
			const {events, rest} = decodeInput(input);
			assert.equal(raw(events) + rest, input);
		}),
		{numRuns: 2000},
	);
});

test('split into reads anywhere, the same input gives the same events when the reads come at once', () => {
	fc.assert(
		fc.property(byteStream, fc.array(fc.nat(), {maxLength: 5}), (input, cuts) => {
			// A read ends between characters: the terminal's UTF-8 is decoded before the keys are read.
			const chars = [...input];
			const points = [...new Set(cuts.map(cut => cut % (chars.length + 1)))].sort((a, b) => a - b);
			const decoder = new KeyDecoder();
			const events: InputEvent[] = [];
			let from = 0;
			for (const point of [...points, chars.length]) {
				events.push(...decoder.push(chars.slice(from, point).join(''), 0));
				from = point;
			}
			events.push(...decoder.expire(Infinity));
			assert.deepEqual(events, decodeInput(input, true).events);
		}),
		{numRuns: 1000},
	);
});

test('no command letter ever comes out of an escape sequence', () => {
	const sequence = fc.oneof(
		// CSI: parameters, intermediates, a final byte.
		fc
			.tuple(
				fc.string({unit: fc.constantFrom(...'0123456789;:<=>? !"#$%&'), maxLength: 8}),
				fc.integer({min: 0x40, max: 0x7e}).map(code => String.fromCharCode(code)),
			)
			.map(([parameters, final]) => `\u001B[${parameters}${final}`),
		fc
			.tuple(fc.integer({min: 0, max: 0x10ffff}), fc.nat(), fc.nat())
			.map(codes => `\u001B[M${codes.map(code => String.fromCodePoint(code % 0x110000)).join('')}`),
		fc.string({maxLength: 12}).map(text => `\u001B]${text.replace(/[\u0007\u001B]/g, '')}\u0007`),
		fc.string({maxLength: 12}).map(text => `\u001BP${text.replace(/\u001B/g, '')}\u001B\\`),
		fc.string({maxLength: 12}).map(text => `\u001B[200~${text.replace(/\u001B/g, '')}\u001B[201~`),
	);
	fc.assert(
		fc.property(sequence, input => {
			const events = decodeInput(input, true).events;
			assert.equal(events.length, 1, JSON.stringify(input));
			const [event] = events;
			assert.ok(event!.kind !== 'key' || event!.text === '', `${JSON.stringify(input)} typed text`);
		}),
		{numRuns: 3000},
	);
});
