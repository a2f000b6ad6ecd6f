import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {
	parseNsidAnswer,
	parseSectionStatus,
	takeErrorSections,
	takeOutputSections,
	type SectionStatus,
} from '../../source/model/reader-protocol.js';

const exited = (exitCode: number): SectionStatus => ({exitCode, timedOut: false, unopened: false});
const signalled: SectionStatus = {exitCode: null, timedOut: false, unopened: false};
const timedOut: SectionStatus = {exitCode: null, timedOut: true, unopened: false};
const unopened: SectionStatus = {exitCode: null, timedOut: false, unopened: true};

/** What the reader prints on stdout for three namespaces: ip's output, then "\0STATUS\n" each. */
const threeSections =
	'[{"ifname":"lo"}]\n[]\n\0exit 0\n\0unopened\n[{"ifname":"veth0"}]\n\0timeout\n';
const threeParsed = [
	{text: '[{"ifname":"lo"}]\n[]\n', status: exited(0)},
	{text: '', status: unopened},
	{text: '[{"ifname":"veth0"}]\n', status: timedOut},
];

/** Feeds `text` in the given pieces the way a stream reader does: each call sees what was left plus the new chunk. */
function feed<T>(
	pieces: string[],
	take: (buffer: string) => {sections: T[]; rest: string},
): {sections: T[]; rest: string} {
	const sections: T[] = [];
	let rest = '';
	for (const piece of pieces) {
		const taken = take(rest + piece);
		sections.push(...taken.sections);
		rest = taken.rest;
	}
	return {sections, rest};
}

/** Every way of cutting `text` in two, plus one character at a time. */
const cuttings = (text: string): string[][] => [
	...Array.from({length: text.length + 1}, (_, at) => [text.slice(0, at), text.slice(at)]),
	[...text],
];

describe('parseSectionStatus', () => {
	test('reads exit codes, signals, timeout and unopened', () => {
		assert.deepEqual(parseSectionStatus('exit 0'), exited(0));
		assert.deepEqual(parseSectionStatus('exit 127'), exited(127));
		assert.deepEqual(parseSectionStatus('signal 9'), signalled);
		assert.deepEqual(parseSectionStatus('timeout'), timedOut);
		assert.deepEqual(parseSectionStatus('unopened'), unopened);
	});

	test('reads the inode of the namespace opened, after the status', () => {
		assert.deepEqual(parseSectionStatus('exit 0 @4026531833'), {...exited(0), inode: 4026531833});
		assert.deepEqual(parseSectionStatus('timeout @12'), {...timedOut, inode: 12});
		assert.equal(parseSectionStatus('exit 0 @'), null);
		assert.equal(parseSectionStatus('exit 0 @x'), null);
	});

	test('anything else is null', () => {
		for (const garbage of [
			'',
			'exit',
			'exit ',
			'exit -1',
			'exit 1 ',
			' exit 1',
			'EXIT 1',
			'exit 0x1',
			'signal',
			'signal x',
			'timeout 1',
			'unopened\n',
			'exit 0\nexit 1',
			'done',
		]) {
			assert.equal(parseSectionStatus(garbage), null, JSON.stringify(garbage));
		}
	});
});

describe('takeOutputSections', () => {
	test('splits complete sections and keeps text, empty text and status apart', () => {
		assert.deepEqual(takeOutputSections(threeSections), {sections: threeParsed, rest: ''});
	});

	test('an incomplete section stays in rest: no NUL yet, or a status without its newline', () => {
		assert.deepEqual(takeOutputSections('[{"ifname":"lo"}]\n'), {
			sections: [],
			rest: '[{"ifname":"lo"}]\n',
		});
		assert.deepEqual(takeOutputSections('[]\n\0exit 0\n[1]\n\0exi'), {
			sections: [{text: '[]\n', status: exited(0)}],
			rest: '[1]\n\0exi',
		});
		assert.deepEqual(takeOutputSections('[]\n\0exit 0'), {sections: [], rest: '[]\n\0exit 0'});
		assert.deepEqual(takeOutputSections(''), {sections: [], rest: ''});
	});

	test('a status it cannot read gives a section with status null, and reading goes on', () => {
		assert.deepEqual(takeOutputSections('a\n\0what\n\0exit 2\n'), {
			sections: [
				{text: 'a\n', status: null},
				{text: '', status: exited(2)},
			],
			rest: '',
		});
	});

	test('sections split across chunk boundaries come out the same wherever the cut falls', () => {
		for (const pieces of cuttings(threeSections)) {
			assert.deepEqual(
				feed(pieces, takeOutputSections),
				{sections: threeParsed, rest: ''},
				JSON.stringify(pieces),
			);
		}
	});

	test('a trailing partial section carries over in rest and completes with the next chunk', () => {
		const first = takeOutputSections('[1]\n\0exit 0\n[2]\n\0sig');
		assert.deepEqual(first.sections, [{text: '[1]\n', status: exited(0)}]);
		assert.equal(first.rest, '[2]\n\0sig');
		const second = takeOutputSections(`${first.rest}nal 15\n[3]`);
		assert.deepEqual(second.sections, [{text: '[2]\n', status: signalled}]);
		assert.equal(second.rest, '[3]');
	});
});

describe('takeErrorSections', () => {
	test('splits at NUL; what follows the last NUL is the rest', () => {
		assert.deepEqual(
			takeErrorSections('cannot open /x: No such file or directory\n\0\0Error: y\n\0partial'),
			{
				sections: ['cannot open /x: No such file or directory\n', '', 'Error: y\n'],
				rest: 'partial',
			},
		);
	});

	test('empty sections are kept, one per NUL', () => {
		assert.deepEqual(takeErrorSections('\0\0\0'), {sections: ['', '', ''], rest: ''});
		assert.deepEqual(takeErrorSections(''), {sections: [], rest: ''});
		assert.deepEqual(takeErrorSections('no NUL yet'), {sections: [], rest: 'no NUL yet'});
	});

	test('sections split across chunk boundaries come out the same wherever the cut falls', () => {
		const text = 'Error: a\n\0\0cannot enter /dev/null: Invalid argument\n\0';
		const whole = ['Error: a\n', '', 'cannot enter /dev/null: Invalid argument\n'];
		for (const pieces of cuttings(text)) {
			assert.deepEqual(
				feed(pieces, takeErrorSections),
				{sections: whole, rest: ''},
				JSON.stringify(pieces),
			);
		}
	});
});

describe('parseNsidAnswer', () => {
	test('the namespace asked, then inode:nsid for each other, -1 for none, x for no answer', () => {
		assert.deepEqual(parseNsidAnswer('10 20:0 30:-1 40:x 0:x\n'), {
			inode: 10,
			others: [
				{inode: 20, nsid: 0},
				{inode: 30, nsid: -1},
				{inode: 40, nsid: null},
				{inode: 0, nsid: null},
			],
		});
		assert.equal(parseNsidAnswer('x'), null);
		assert.equal(parseNsidAnswer(''), null);
		assert.deepEqual(parseNsidAnswer('10 garbage'), {inode: 10, others: [{inode: 0, nsid: null}]});
	});
});
