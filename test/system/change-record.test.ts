// `--record FILE`: changes appended as JSON lines that validate against the
// schema, kept across runs, rotated to FILE.1 at the cap, and never written
// through a link, to a FIFO or to a file with other names.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {
	existsSync,
	linkSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	statSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {after, test} from 'node:test';
import type {Change} from '../../source/model/timeline/change.js';
import {ChangeRecord, openRecord, parseSize} from '../../source/system/change-record.js';
import {validateChangeLine} from '../helpers/change-schema.js';

const dir = mkdtempSync(path.join(tmpdir(), 'nstui-record-'));
after(() => rmSync(dir, {recursive: true, force: true}));

const change = (n: number): Change => ({
	time: new Date(Date.UTC(2026, 11, 7, 3, 12, 0, n)).toISOString(),
	namespace: {inode: 4026532386, name: 'web', label: 'web', owner: null},
	kind: 'link-mtu',
	interface: {name: 'eth0', ifindex: 2},
	before: 1500,
	after: 1400 - n,
});
const lines = (file: string) =>
	existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];

test('appends each batch as JSON lines of the schema, after what an earlier run wrote', () => {
	const file = path.join(dir, 'plain.jsonl');
	const first = new ChangeRecord(file);
	first.append([change(1), change(2)]);
	first.append([]);
	first.close();
	const second = new ChangeRecord(file);
	second.append([change(3)]);
	second.close();
	const written = lines(file);
	assert.deepEqual(
		written.map(line => (JSON.parse(line) as {after: number}).after),
		[1399, 1398, 1397],
	);
	for (const line of written) assert.deepEqual(validateChangeLine(line), [], line);
	assert.equal(statSync(file).mode & 0o777, 0o600);
});

test('at the cap FILE becomes FILE.1 and a new FILE starts: nothing is lost but the generation before', () => {
	const file = path.join(dir, 'capped.jsonl');
	const record = new ChangeRecord(file, 4096);
	for (let n = 0; n < 200; n++) record.append([change(n)]);
	record.close();
	assert.equal(record.error, null);
	assert.ok(statSync(file).size <= 4096);
	assert.ok(statSync(`${file}.1`).size <= 4096);
	const kept = [...lines(`${file}.1`), ...lines(file)].map(
		line => 1400 - (JSON.parse(line) as {after: number}).after,
	);
	// The newest changes, in order, ending with the last one written.
	assert.ok(kept.length > 20);
	assert.deepEqual(
		kept,
		Array.from({length: kept.length}, (_, index) => 200 - kept.length + index),
	);
});

test('a link at FILE is refused and its target left alone', () => {
	const target = path.join(dir, 'target');
	writeFileSync(target, 'precious\n');
	const file = path.join(dir, 'planted.jsonl');
	symlinkSync(target, file);
	const opened = openRecord(file, undefined);
	assert.equal(typeof opened, 'string');
	assert.match(opened as string, /symbolic link/);
	assert.equal(readFileSync(target, 'utf8'), 'precious\n');
});

test('a FIFO, or a file with another name (a hard link), is refused', () => {
	const fifo = path.join(dir, 'fifo');
	execFileSync('mkfifo', [fifo]);
	assert.match(openRecord(fifo, undefined) as string, /not a regular file/);
	const original = path.join(dir, 'original');
	writeFileSync(original, '');
	const hard = path.join(dir, 'hard.jsonl');
	linkSync(original, hard);
	assert.match(openRecord(hard, undefined) as string, /other hard links/);
});

test('sizes: --record-max takes 10M, 512k, 1G or bytes, at least 4k, and only with --record', () => {
	assert.equal(parseSize('10M'), 10 * 1024 * 1024);
	assert.equal(parseSize('512k'), 512 * 1024);
	assert.equal(parseSize('1G'), 1024 ** 3);
	assert.equal(parseSize('8192'), 8192);
	assert.equal(parseSize('1k'), null);
	assert.equal(parseSize('lots'), null);
	assert.equal(openRecord(undefined, undefined), undefined);
	assert.match(openRecord(undefined, '1M') as string, /needs --record FILE/);
	assert.match(openRecord(path.join(dir, 'x'), 'lots') as string, /at least 4k/);
});
