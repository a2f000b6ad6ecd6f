// The files root writes (issue 25, item 8), against a real capture: another
// user (nobody) plants a symbolic link where the pcap is to go; root must
// refuse, and the file the link points to must stay as it was. A file that
// exists is written only when the operator said to overwrite it, and then only
// a regular file of one name. The default file's directory is one nobody can
// write to.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {
	chmodSync,
	existsSync,
	linkSync,
	lstatSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {defaultPcapPath} from '../../source/model/capture.js';
import {Capture} from '../../source/system/capture.js';
import {CommandLog} from '../../source/system/command-log.js';
import {stateDirectory} from '../../source/system/safe-file.js';
import {Lab, needsRootAnd, sh} from '../helpers/lab.js';

/** Runs argv as user nobody; its exit status. */
const asNobody = (...argv: string[]) =>
	spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', ...argv], {
		stdio: 'ignore',
	}).status;

describe('files root writes', {skip: needsRootAnd('tcpdump', 'ping', 'setpriv')}, () => {
	const lab = new Lab('capfiles');
	// Like /tmp: anyone may make an entry, the sticky bit keeps others' entries theirs.
	const shared = mkdtempSync(path.join(tmpdir(), `${lab.prefix}-shared-`));
	const private_ = mkdtempSync(path.join(tmpdir(), `${lab.prefix}-root-`));
	const precious = path.join(private_, 'precious');
	let capture: Capture;
	before(async () => {
		chmodSync(shared, 0o1777);
		writeFileSync(precious, 'root owns this\n', {mode: 0o644});
		const {ns1, ns2} = lab.direct();
		lab.processes.push(
			spawn('ip', ['netns', 'exec', ns1, 'ping', '-q', '-i', '0.01', '-c', '3000', '192.168.1.2'], {
				stdio: 'ignore',
			}),
		);
		const started = await Capture.start(
			{namespace: {name: ns2}, interface: 'veth1', filter: ['icmp'], limits: {count: 4}},
			{},
			new CommandLog(),
		);
		assert.ok(started instanceof Capture, JSON.stringify(started));
		capture = started;
		assert.equal((await capture.finished()).reason, 'count');
	});
	after(async () => {
		await lab.teardown();
		rmSync(shared, {recursive: true, force: true});
		rmSync(private_, {recursive: true, force: true});
	});

	test('a link that nobody planted at the path is refused, with and without overwrite; its target is untouched', async () => {
		const planted = path.join(shared, 'capture.pcap');
		assert.equal(asNobody('ln', '-s', precious, planted), 0, 'nobody plants the link');
		assert.equal(lstatSync(planted).uid, 65534);
		const fresh = await capture.writePcap(planted);
		assert.equal(fresh.ok, false);
		assert.match(fresh.message, /is a symbolic link: nstui writes no file through one/);
		const confirmed = await capture.writePcap(planted, {overwrite: true});
		assert.equal(confirmed.ok, false);
		assert.match(confirmed.message, /symbolic link/);
		assert.equal(readFileSync(precious, 'utf8'), 'root owns this\n');
		assert.ok(lstatSync(planted).isSymbolicLink(), 'the link is left as it was');
	});

	test('a dangling link (the file it names does not exist yet) is not followed to create it', async () => {
		const planted = path.join(shared, 'dangling.pcap');
		const wouldBe = path.join(private_, 'made-by-root');
		assert.equal(asNobody('ln', '-s', wouldBe, planted), 0);
		assert.equal((await capture.writePcap(planted)).ok, false);
		assert.equal((await capture.writePcap(planted, {overwrite: true})).ok, false);
		assert.equal(existsSync(wouldBe), false);
	});

	test('a file that exists is refused unless overwrite is asked; then it is replaced and reads back', async () => {
		const file = path.join(private_, 'old.pcap');
		writeFileSync(file, 'older contents, longer than nothing at all\n');
		const refused = await capture.writePcap(file);
		assert.deepEqual(
			{ok: refused.ok, exists: refused.exists},
			{ok: false, exists: true},
			refused.message,
		);
		assert.match(refused.message, /exists already/);
		assert.equal(readFileSync(file, 'utf8'), 'older contents, longer than nothing at all\n');
		const written = await capture.writePcap(file, {overwrite: true});
		assert.equal(written.ok, true, written.message);
		assert.equal(sh('tcpdump', '-nn', '-r', file).trim().split('\n').length, 4);
	});

	test('overwrite refuses a FIFO (without hanging) and a file with a second name', async () => {
		const fifo = path.join(private_, 'fifo.pcap');
		spawnSync('mkfifo', [fifo]);
		const onFifo = await capture.writePcap(fifo, {overwrite: true});
		assert.equal(onFifo.ok, false);
		assert.match(onFifo.message, /not a regular file/);
		const second = path.join(private_, 'second-name.pcap');
		linkSync(precious, second);
		const onLink = await capture.writePcap(second, {overwrite: true});
		assert.equal(onLink.ok, false);
		assert.match(onLink.message, /other hard links/);
		assert.equal(readFileSync(precious, 'utf8'), 'root owns this\n');
	});

	test("the default file's directory is root's own, out of /tmp; nobody cannot plant a link in it", async () => {
		const dir = stateDirectory();
		assert.ok(!dir.startsWith('/tmp/'), dir);
		const stats = statSync(dir);
		assert.equal(stats.uid, 0);
		assert.equal(stats.mode & 0o022, 0, `mode ${(stats.mode & 0o777).toString(8)}`);
		const file = defaultPcapPath(dir, `${lab.prefix}-ns`, 'veth1', new Date());
		assert.notEqual(asNobody('ln', '-s', precious, file), 0, 'nobody cannot make an entry there');
		try {
			const written = await capture.writePcap(file);
			assert.equal(written.ok, true, written.message);
			assert.equal(statSync(file).mode & 0o777, 0o600);
		} finally {
			rmSync(file, {force: true});
		}
	});

	test('the command log file: a planted link is refused, the target untouched; a plain file is appended to', () => {
		const planted = path.join(shared, 'commands.log');
		assert.equal(asNobody('ln', '-s', precious, planted), 0);
		const log = new CommandLog();
		assert.match(log.setFile(planted) ?? '', /symbolic link/);
		log.start(['true']).finish({
			command: ['true'],
			exitCode: 0,
			stdout: '',
			stderr: '',
			timedOut: false,
			missing: false,
			ok: true,
			durationMs: 1,
		});
		assert.equal(readFileSync(precious, 'utf8'), 'root owns this\n');
		const plain = path.join(private_, 'commands.log');
		writeFileSync(plain, '# from before\n');
		assert.equal(log.setFile(plain), null);
		log.start(['true']).finish({
			command: ['true'],
			exitCode: 0,
			stdout: '',
			stderr: '',
			timedOut: false,
			missing: false,
			ok: true,
			durationMs: 1,
		});
		assert.match(readFileSync(plain, 'utf8'), /^# from before\n# .* exit 0 1 ms\ntrue\n$/);
		log.setFile(null);
	});
});
