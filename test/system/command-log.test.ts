import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {CommandLog, formatLogEntry} from '../../source/system/command-log.js';
import type {RunResult} from '../../source/system/run.js';

const result = (extra: Partial<RunResult> = {}): RunResult => ({
	command: ['ip', 'netns', 'add', 'a b'],
	exitCode: 0,
	stdout: '',
	stderr: '',
	timedOut: false,
	missing: false,
	ok: true,
	durationMs: 12.4,
	...extra,
});

test('records in order, with a new snapshot each time, and tells subscribers', () => {
	const log = new CommandLog();
	const seen: number[] = [];
	const unsubscribe = log.subscribe(() => seen.push(log.getSnapshot().length));
	const before = log.getSnapshot();
	const first = log.record(result(), new Date('2026-01-02T03:04:05Z'));
	assert.notEqual(log.getSnapshot(), before);
	assert.equal(log.getSnapshot(), log.getSnapshot());
	assert.deepEqual(first, {
		id: 1,
		startedAt: '2026-01-02T03:04:05.000Z',
		argv: ['ip', 'netns', 'add', 'a b'],
		line: "ip netns add 'a b'",
		exitCode: 0,
		ok: true,
		timedOut: false,
		missing: false,
		stderr: '',
		durationMs: 12,
	});
	log.record(result({exitCode: 1, ok: false, stderr: 'Cannot create namespace file'}), new Date());
	unsubscribe();
	log.record(result(), new Date());
	assert.deepEqual(seen, [1, 2]);
	assert.deepEqual(
		log.getSnapshot().map(entry => entry.id),
		[1, 2, 3],
	);
});

test('appends to a file as replayable shell text, stderr as comments', () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'nstui-log-'));
	try {
		const file = path.join(dir, 'commands.log');
		const log = new CommandLog();
		log.setFile(file);
		log.record(result(), new Date('2026-01-02T03:04:05Z'));
		log.record(
			result({
				exitCode: 2,
				ok: false,
				stderr: 'Error: boom\nsecond line',
				command: ['ip', 'link', 'del', 'dev', 'x'],
			}),
			new Date('2026-01-02T03:04:06Z'),
		);
		assert.equal(
			readFileSync(file, 'utf8'),
			[
				'# 2026-01-02T03:04:05.000Z exit 0 12 ms',
				"ip netns add 'a b'",
				'# 2026-01-02T03:04:06.000Z exit 2 12 ms',
				'#   Error: boom',
				'#   second line',
				'ip link del dev x',
				'',
			].join('\n'),
		);
		assert.equal(log.getFileError(), null);
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});

test('a log file that cannot be written is reported, the log goes on', () => {
	const log = new CommandLog();
	log.setFile('/nonexistent-dir/nstui.log');
	log.record(result(), new Date());
	assert.equal(log.getSnapshot().length, 1);
	assert.match(
		log.getFileError()!,
		/cannot write the command log to \/nonexistent-dir\/nstui\.log/,
	);
	assert.match(formatLogEntry({...log.getSnapshot()[0]!, timedOut: true}), /timed out/);
});

test('a command still running when nstui ends gets its line in the file, with its outcome unknown', () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'nstui-log-'));
	try {
		const file = path.join(dir, 'commands.log');
		// A process of its own: the line is written on its way out.
		const script = path.join(dir, 'quit-midway.ts');
		writeFileSync(
			script,
			`import {CommandLog} from ${JSON.stringify(path.resolve('source/system/command-log.ts'))};
const log = new CommandLog();
log.setFile(${JSON.stringify(file)});
log.start(['ip', 'netns', 'add', 'done']).finish({command: ['ip', 'netns', 'add', 'done'], exitCode: 0, stdout: '', stderr: '', timedOut: false, missing: false, ok: true, durationMs: 3});
log.start(['ip', 'netns', 'add', 'slow one'], new Date('2026-01-02T03:04:05Z'));
process.exit(0);
`,
		);
		execFileSync(process.execPath, ['--import', 'tsx', script]);
		const lines = readFileSync(file, 'utf8').split('\n');
		assert.equal(
			lines.filter(line => line === 'ip netns add done').length,
			1,
			'a finished command once',
		);
		assert.deepEqual(lines.slice(-3), [
			'# 2026-01-02T03:04:05.000Z still running when nstui ended: its outcome is not known',
			"ip netns add 'slow one'",
			'',
		]);
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});
