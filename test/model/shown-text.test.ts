// The one rule for text from the system: what shown() returns never holds a
// character a terminal would act on, and bytes that are not UTF-8 stay visible.
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {ByteTextDecoder, decodeBytes} from '../../source/model/byte-text.js';
import {escapeRawControls, parseJsonArray, parseLinks} from '../../source/model/ip-json.js';
import {shown, shownLines, shownParts} from '../../source/model/shown-text.js';
import {
	cell,
	shownCell,
	shownCellParts,
	textWidth,
	wrapText,
} from '../../source/model/text-cells.js';

// C0, DEL, C1, bidi and other format characters, separators, surrogates.
const acted =
	/[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff]/u;

const bytes = fc.oneof(
	fc.uint8Array({maxLength: 64}),
	// Mostly valid UTF-8 with some damage: the interesting case.
	fc
		.tuple(fc.string({unit: 'grapheme', maxLength: 20}), fc.uint8Array({maxLength: 4}), fc.nat(40))
		.map(([text, junk, at]) => {
			const valid = Buffer.from(text);
			const cut = Math.min(at, valid.length);
			return Buffer.concat([valid.subarray(0, cut), junk, valid.subarray(cut)]);
		}),
	fc
		.array(
			fc.constantFrom(
				0x1b,
				0x5b,
				0x07,
				0x08,
				0x0d,
				0x0a,
				0x7f,
				0xc2,
				0x9b,
				0xe2,
				0x80,
				0xae,
				0xff,
				0x41,
				0x5c,
				0x9c,
			),
			{maxLength: 40},
		)
		.map(list => Uint8Array.from(list)),
);

describe('shown()', () => {
	test('hostile names become visible escapes', () => {
		assert.equal(shown('evil\u001b[31mRED\u001b[0m'), 'evil\\e[31mRED\\e[0m');
		assert.equal(shown('q\u001b]0;T\u0007'), 'q\\e]0;T\\x07');
		assert.equal(shown('st\u001b]0;T\u001b\\'), 'st\\e]0;T\\e\\');
		assert.equal(shown('a\bb\rc\nd\te\u007f'), 'a\\x08b\\rc\\nd\\te\\x7f');
		assert.equal(shown('c1\u009b2J'), 'c1\\u009b2J');
		assert.equal(shown('rtl\u202eevil'), 'rtl\\u202eevil');
		assert.equal(shown('tag\u{e0041}'), 'tag\\u{e0041}');
		assert.equal(shown(decodeBytes(Buffer.from([0x6e, 0xff, 0x73]))), 'n\\xffs');
	});

	test('ordinary text is shown as it is, backslashes, spaces and other scripts included', () => {
		for (const text of ['eth0', 'web ns [prod] 名前', "grep -E 'a\\.b'", 'vethä1', 'ﬁ', ''])
			assert.equal(shown(text), text);
	});

	test('property: never a character a terminal acts on, the same twice over, and the escapes marked apart', () => {
		fc.assert(
			fc.property(bytes, raw => {
				const text = decodeBytes(raw);
				const once = shown(text);
				assert.doesNotMatch(once, acted);
				assert.equal(shown(once), once);
				assert.equal(
					shownParts(text)
						.map(part => part.text)
						.join(''),
					once,
				);
				for (const line of shownLines(text)) assert.doesNotMatch(line, acted);
			}),
			{numRuns: 3000},
		);
	});

	test('property: cells are exactly as wide as asked, counted in terminal columns', () => {
		fc.assert(
			fc.property(bytes, fc.integer({min: 1, max: 30}), (raw, width) => {
				const text = decodeBytes(raw);
				assert.equal(textWidth(shownCell(text, width)), width);
				assert.equal(
					shownCellParts(text, width)
						.map(part => part.text)
						.join(''),
					shownCell(text, width),
				);
			}),
			{numRuns: 2000},
		);
		assert.equal(cell('名前', 5), '名前 ');
		assert.equal(cell('名前名前', 5), '名前…');
	});
});

describe('bytes that are not UTF-8', () => {
	test('are kept, one lone surrogate each, and valid text decodes as usual', () => {
		assert.equal(decodeBytes(Buffer.from('näme 名')), 'näme 名');
		assert.equal(decodeBytes(Buffer.from([0xff, 0xc3])), '\udcff\udcc3');
		assert.equal(
			decodeBytes(Buffer.from([0xed, 0xa0, 0x80])),
			'\udced\udca0\udc80',
			'an encoded surrogate is not UTF-8',
		);
		assert.equal(
			decodeBytes(Buffer.from([0xc0, 0xaf])),
			'\udcc0\udcaf',
			'an overlong slash is not UTF-8',
		);
		assert.equal(JSON.stringify(decodeBytes(Buffer.from([0x61, 0xff]))), '"a\\udcff"');
	});

	test('property: a stream cut anywhere decodes as the whole', () => {
		fc.assert(
			fc.property(bytes, fc.array(fc.nat(64), {maxLength: 5}), (raw, cuts) => {
				const points = [...new Set(cuts.map(cut => cut % (raw.length + 1)))].sort((a, b) => a - b);
				const decoder = new ByteTextDecoder();
				let text = '';
				let last = 0;
				for (const point of [...points, raw.length]) {
					text += decoder.write(raw.subarray(last, point));
					last = point;
				}
				assert.equal(text + decoder.end(), decodeBytes(raw));
			}),
			{numRuns: 2000},
		);
	});
});

describe("ip's JSON with raw control characters", () => {
	// What `ip -j link` prints for the repro: ESC and BEL raw inside strings.
	const printed =
		'[{"ifindex":2,"link_index":3,"ifname":"e\u001b[2Jx","flags":["BROADCAST"],"mtu":1500,"operstate":"DOWN","linkinfo":{"info_kind":"veth"}},{"ifindex":3,"ifname":"q\u001b]0;T\u0007","link":"e\u001b[2Jx","flags":[],"mtu":1500,"operstate":"DOWN","linkinfo":{"info_kind":"veth"}}]';

	test('is read whole, each name exact', () => {
		assert.throws(() => JSON.parse(printed));
		const links = parseLinks(parseJsonArray(printed)!);
		assert.deepEqual(
			links.map(link => link.name),
			['e\u001b[2Jx', 'q\u001b]0;T\u0007'],
		);
		assert.equal(links[1]!.linkIndex, 2);
	});

	test('only strings are touched: whitespace between values stays', () => {
		assert.equal(
			escapeRawControls('[ "a\u0001",\t"b\\"\u0002" ]'),
			'[ "a\\u0001",\t"b\\"\\u0002" ]',
		);
		assert.equal(parseJsonArray('[1,'), null);
	});
});

describe('wrapText', () => {
	test(
		'breaks at spaces under an indent, and never loops on a width no wider than the indent',
		{timeout: 2000},
		() => {
			assert.deepEqual(wrapText('nat  -s 10.0.0.0/8 -j MASQUERADE', 16, '   '), [
				'nat  -s',
				'   10.0.0.0/8 -j',
				'   MASQUERADE',
			]);
			assert.deepEqual(wrapText('a long line of words', 4, '       '), ['a long line of words']);
		},
	);
});
