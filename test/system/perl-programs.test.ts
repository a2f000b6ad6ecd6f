// The perl programs nstui runs as root (the namespace reader, the nsid prover),
// run by perl here and their output parsed as nstui parses it.
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {readlinkSync, statSync} from 'node:fs';
import {processesWhoseCmdline} from '../helpers/processes.js';
import {
	takeErrorSections,
	takeOutputSections,
	type SectionStatus,
} from '../../source/model/reader-protocol.js';
import {nsidProgram} from '../../source/system/nsid-program.js';
import {setnsSyscall} from '../../source/system/perl.js';
import {readerProgram} from '../../source/system/readers/reader-program.js';
import {needsRoot} from '../helpers/root.js';

const exited = (exitCode: number): SectionStatus => ({exitCode, timedOut: false, unopened: false});
const timedOut: SectionStatus = {exitCode: null, timedOut: true, unopened: false};
const unopened: SectionStatus = {exitCode: null, timedOut: false, unopened: true};

describe('setnsSyscall', () => {
	test('knows the usual architectures, with their setns(2) numbers', () => {
		assert.equal(setnsSyscall.x64, 308);
		assert.equal(setnsSyscall.arm64, 268);
		assert.equal(setnsSyscall.ia32, 346);
		assert.equal(setnsSyscall.unknownArch, undefined);
	});
});

describe('readerProgram run by perl', {skip: needsRoot}, () => {
	const own = Number(/\d+/.exec(readlinkSync('/proc/self/ns/net'))![0]);
	/** The status as the reader reports it for our own namespace (or another inode). */
	const at = (status: SectionStatus, inode = own): SectionStatus => ({...status, inode});
	const setns = setnsSyscall[process.arch];
	const skipArch = setns === undefined ? `no setns(2) number for ${process.arch}` : false;
	const perl = spawnSync('perl', ['-e', '1']);
	const skipPerl = perl.error || perl.status !== 0 ? 'perl is not installed' : false;
	const skip = skipArch || skipPerl;

	/** perl -e readerProgram SETNS SECONDS COMMAND... with these NUL-terminated paths on stdin. */
	const runReader = (paths: string[], command: string[], seconds = 5) => {
		const result = spawnSync(
			'perl',
			['-e', readerProgram, String(setns), String(seconds), ...command],
			{
				input: paths.map(path => `${path}\0`).join(''),
				encoding: 'utf8',
				timeout: 20_000,
			},
		);
		assert.equal(result.error, undefined);
		assert.equal(result.status, 0, result.stderr);
		return result;
	};

	test(
		'frames each namespace: output then "\\0exit 0\\n" on stdout, "\\0" on stderr',
		{skip},
		() => {
			const result = runReader(['/proc/self/ns/net', '/proc/self/ns/net'], ['/bin/echo', 'hello']);
			assert.equal(result.stdout, `hello\n\0exit 0 @${own}\nhello\n\0exit 0 @${own}\n`);
			assert.equal(result.stderr, '\0\0');
			assert.deepEqual(takeOutputSections(result.stdout), {
				sections: [
					{text: 'hello\n', status: at(exited(0))},
					{text: 'hello\n', status: at(exited(0))},
				],
				rest: '',
			});
			assert.deepEqual(takeErrorSections(result.stderr), {sections: ['', ''], rest: ''});
		},
	);

	test('the command runs inside the namespace it was given', {skip}, () => {
		const result = runReader(['/proc/self/ns/net'], ['readlink', '/proc/self/ns/net']);
		assert.equal(result.stdout, `${readlinkSync('/proc/self/ns/net')}\n\0exit 0 @${own}\n`);
	});

	test(
		'a missing path and a file that is not a namespace get their own sections, between good ones',
		{skip},
		() => {
			const result = runReader(
				['/proc/self/ns/net', '/nonexistent/nstui-ns', '/dev/null', '/proc/self/ns/net'],
				['/bin/echo', 'ok'],
			);
			assert.deepEqual(takeOutputSections(result.stdout), {
				sections: [
					{text: 'ok\n', status: at(exited(0))},
					{text: '', status: unopened},
					{text: '', status: at(exited(126), statSync('/dev/null').ino)},
					{text: 'ok\n', status: at(exited(0))},
				],
				rest: '',
			});
			assert.deepEqual(takeErrorSections(result.stderr), {
				sections: [
					'',
					'cannot open /nonexistent/nstui-ns: No such file or directory\n',
					'cannot enter /dev/null: Invalid argument\n',
					'',
				],
				rest: '',
			});
		},
	);

	test(
		'its own namespace is read without entering it, so a user who is not root can read it (#2)',
		{
			skip:
				skip ||
				(spawnSync('runuser', ['-u', 'nobody', '--', 'true']).status === 0
					? false
					: 'needs runuser and the user nobody'),
		},
		() => {
			const asNobody = (path: string) =>
				spawnSync(
					'runuser',
					[
						'-u',
						'nobody',
						'--',
						'perl',
						'-e',
						readerProgram,
						String(setns),
						'5',
						'readlink',
						'/proc/self/ns/net',
					],
					{input: `${path}\0`, encoding: 'utf8', timeout: 20_000},
				);
			const own = asNobody('/proc/self/ns/net');
			assert.equal(
				own.stdout,
				`${readlinkSync('/proc/self/ns/net')}\n\0exit 0 @${statSync('/proc/self/ns/net').ino}\n`,
				own.stderr,
			);
			assert.equal(own.stderr, '\0');
			// PID 1's namespace is this one too here, but nobody cannot open another user's ns file.
			const other = asNobody('/proc/1/ns/net');
			assert.deepEqual(
				takeOutputSections(other.stdout).sections.map(section => section.status),
				[unopened],
			);
		},
	);

	test('exit codes, signals and a missing command are reported as the status', {skip}, () => {
		assert.equal(runReader(['/proc/self/ns/net'], ['/bin/false']).stdout, `\0exit 1 @${own}\n`);
		assert.equal(
			runReader(['/proc/self/ns/net'], ['perl', '-e', 'kill 9, $$']).stdout,
			`\0signal 9 @${own}\n`,
		);
		const missing = runReader(['/proc/self/ns/net'], ['/nonexistent/nstui-ip']);
		assert.equal(missing.stdout, `\0exit 127 @${own}\n`);
		assert.equal(missing.stderr, '/nonexistent/nstui-ip: No such file or directory\n\0');
	});

	test(
		'a command that outlasts SECONDS is killed and reported as timeout; the next path still gets its turn',
		{skip},
		() => {
			const marker = `nstui-protocol-${process.pid}`;
			const result = runReader(
				['/proc/self/ns/net', '/nonexistent/nstui-ns'],
				['perl', '-e', '$| = 1; print "started\\n"; sleep 30', marker],
				1,
			);
			assert.deepEqual(takeOutputSections(result.stdout), {
				sections: [
					{text: 'started\n', status: at(timedOut)},
					{text: '', status: unopened},
				],
				rest: '',
			});
			assert.deepEqual(processesWhoseCmdline(marker), [], 'the timed-out command was killed');
		},
	);
});

describe('nsidProgram run by perl', {skip: needsRoot}, () => {
	test('answers inode:nsid as the kernel gives them: the nsid of the peer of a veth, -1 where none, 0:x for what cannot be opened', () => {
		const setns = setnsSyscall[process.arch];
		const name = (n: number) => `nstui-nsidprog-${process.pid}-${n}`;
		const run = (...args: string[]) => spawnSync('ip', args, {encoding: 'utf8'});
		try {
			for (const n of [1, 2, 3]) assert.equal(run('netns', 'add', name(n)).status, 0);
			const added = run(
				'-n',
				name(1),
				'link',
				'add',
				'name',
				'va',
				'type',
				'veth',
				'peer',
				'name',
				'vb',
				'netns',
				name(2),
			);
			assert.equal(added.status, 0, added.stderr);
			const linkNetnsid = (
				JSON.parse(run('-n', name(1), '-j', 'link', 'show', 'va').stdout) as Array<{
					link_netnsid: number;
				}>
			)[0]!.link_netnsid;
			const inode = (n: number) => statSync(`/run/netns/${name(n)}`).ino;
			const input =
				[
					`/run/netns/${name(1)}`,
					`/run/netns/${name(2)}`,
					`/run/netns/${name(3)}`,
					'/nonexistent/nstui-ns',
					'',
				].join('\0') + '\0';
			const result = spawnSync('perl', ['-e', nsidProgram, String(setns)], {
				input,
				encoding: 'utf8',
				timeout: 20_000,
			});
			assert.equal(result.stdout, `${inode(1)} ${inode(2)}:${linkNetnsid} ${inode(3)}:-1 0:x\n`);
		} finally {
			for (const n of [1, 2, 3]) run('netns', 'del', name(n));
		}
	});
});
