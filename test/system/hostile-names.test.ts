// Real namespaces, interfaces and processes whose names carry terminal escapes,
// control characters and bytes that are not UTF-8: read whole and exact, printed
// only as visible escapes, and every action still works on them.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync, spawn, type ChildProcess} from 'node:child_process';
import {existsSync, mkdtempSync, readlinkSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {formatSnapshot} from '../../source/model/format-snapshot.js';
import type {Snapshot} from '../../source/model/snapshot.js';
import {
	deleteInterface,
	deleteNamespace,
	moveInterface,
	ping,
	setLinkState,
	targetFor,
} from '../../source/system/actions/index.js';
import {CommandLog, formatLogEntry} from '../../source/system/command-log.js';
import {discover} from '../../source/system/discovery/discoverer.js';
import {needsPrograms} from '../helpers/ci-packages.js';
import {needsRoot} from '../helpers/root.js';
import {parseJsonArray} from '../../source/model/ip-json.js';
import {ip, sh, uniquePrefix} from '../helpers/lab.js';

const prefix = uniquePrefix('hostile');
const plain = `${prefix}-x`;
// `ip netns add` allows a newline; the kernel refuses little in an interface name.
const newline = `${prefix}-nl\nsecond`;
const names = {
	clear: 'e\u001b[2Jx', // CSI
	title: 'q\u001b]0;T\u0007', // OSC ended by BEL
	clipboard: 's\u001b]52;c;YQ\u001b\\', // OSC ended by ST
	bell: 'b\u0007l',
	backspace: 'b\bs',
	del: 'd\u007f',
	c1: 'c\u009b2J',
	rtl: 'r\u202e1',
	long: 'L\u001b[31m'.padEnd(15, 'z'), // 15 bytes, the most the kernel takes
};
const projectRoot = path.resolve(import.meta.dirname, '../..');
const children: ChildProcess[] = [];
const scratch = mkdtempSync(path.join(tmpdir(), `${prefix}-`));

// ip -j prints these names raw, which JSON.parse refuses: read as nstui reads them.
const linksIn = (namespace: string) =>
	parseJsonArray(ip('-j', '-n', namespace, 'link', 'show')) as {ifname: string; flags: string[]}[];

// C0 but the line break, DEL, C1, bidi overrides, bytes that were not UTF-8.
const live = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e\udc80-\udcff]/u;

describe('hostile names on a real host', {skip: needsRoot}, () => {
	let snapshot: Snapshot;
	let sleeper: ChildProcess;
	const inPlain = () => snapshot.namespaces.find(ns => ns.name === plain)!;

	before(async () => {
		ip('netns', 'add', plain);
		ip('netns', 'add', newline);
		ip('-n', plain, 'link', 'add', names.clear, 'type', 'veth', 'peer', 'name', names.title);
		ip('-n', plain, 'link', 'add', names.clipboard, 'type', 'veth', 'peer', 'name', names.bell);
		ip('-n', plain, 'link', 'add', names.backspace, 'type', 'veth', 'peer', 'name', names.del);
		ip('-n', plain, 'link', 'add', names.c1, 'type', 'veth', 'peer', 'name', names.rtl);
		ip('-n', plain, 'link', 'add', names.long, 'type', 'veth', 'peer', 'name', 'plain0');
		// Bytes that are not UTF-8 cannot pass through node's argv: printf makes them.
		sh(
			'bash',
			'-c',
			'ip -n "$1" link add "$(printf "n\\377s")" type veth peer name plain1',
			'bash',
			plain,
		);
		// A process whose command line asks for red text and a new window title, and
		// whose comm (the name of the file it ran: a link to sleep) blinks.
		const program = `"$2/$(printf 'c\\033[5m\\376')"`;
		sleeper = spawn(
			'ip',
			[
				'netns',
				'exec',
				plain,
				'bash',
				'-c',
				`ln -s "$(command -v sleep)" ${program} && exec -a "$1" ${program} 600`,
				'bash',
				`evil\u001b[31mRED\u001b[0m\u001b]0;T\u0007`,
				scratch,
			],
			{stdio: 'ignore'},
		);
		children.push(sleeper);
		for (
			let tries = 0;
			tries < 100 && !/sleep/.test(readlinkSync(`/proc/${sleeper.pid}/exe`));
			tries++
		)
			await sleep(20);
		snapshot = (await discover()).snapshot;
	});

	after(() => {
		for (const child of children) child.kill('SIGKILL');
		rmSync(scratch, {recursive: true, force: true});
		for (const name of [plain, newline]) {
			if (existsSync(`/run/netns/${name}`)) ip('netns', 'del', name);
		}
	});

	test('the namespace is read whole, each name exact, the newline namespace too', () => {
		const ns = inPlain();
		assert.equal(ns.error, null);
		const read = new Set(ns.interfaces.map(link => link.name));
		for (const name of [...Object.values(names), 'n\udcffs', 'plain0', 'plain1'])
			assert.ok(read.has(name), `${JSON.stringify(name)} in ${JSON.stringify([...read])}`);
		const clear = ns.interfaces.find(link => link.name === names.clear)!;
		assert.equal(clear.peer?.name, names.title, 'the peer is found through the odd names');
		const other = snapshot.namespaces.find(item => item.name === newline);
		assert.ok(other, 'the namespace with a newline in its name is listed');
		assert.equal(other.error, null);
		assert.deepEqual(other.paths, [`/run/netns/${newline}`]);
	});

	test('the process keeps its exact command line and comm, the byte that is not UTF-8 kept', () => {
		const process = inPlain().processes.find(item => item.pid === sleeper.pid);
		assert.ok(process);
		assert.equal(process.cmdline, `evil\u001b[31mRED\u001b[0m\u001b]0;T\u0007 600`);
		assert.equal(process.comm, 'c\u001b[5m\udcfe');
	});

	test('snapshot --json carries every name exactly; the text output shows none raw', () => {
		const json = execFileSync(path.join(projectRoot, 'dist/cli.js'), ['snapshot', '--json'], {
			encoding: 'utf8',
			maxBuffer: 64 * 1024 * 1024,
		});
		const parsed = JSON.parse(json) as Snapshot;
		const ns = parsed.namespaces.find(item => item.name === plain)!;
		assert.deepEqual(
			new Set(ns.interfaces.map(link => link.name)),
			new Set(inPlain().interfaces.map(link => link.name)),
		);
		// "n\xffs" travels as "n\udcffs": the byte can be recovered (Python: surrogateescape).
		assert.match(json, /"n\\udcffs"/);
		assert.ok(parsed.namespaces.some(item => item.name === newline));

		const text = execFileSync(path.join(projectRoot, 'dist/cli.js'), ['snapshot'], {
			encoding: 'utf8',
			maxBuffer: 64 * 1024 * 1024,
		});
		assert.doesNotMatch(text, live);
		assert.match(text, /e\\e\[2Jx/);
		assert.match(text, /n\\xffs/);
		assert.match(text, /evil\\e\[31mRED\\e\[0m\\e\]0;T\\x07 600/);
		assert.match(
			text,
			new RegExp(`== ${prefix}-nl\\\\nsecond `),
			'the namespace with a newline keeps to one line',
		);
		assert.doesNotMatch(formatSnapshot(snapshot), live);
		const found = execFileSync(path.join(projectRoot, 'dist/cli.js'), ['find', 'RED'], {
			encoding: 'utf8',
			maxBuffer: 64 * 1024 * 1024,
		});
		assert.doesNotMatch(found, live);
		assert.match(found, /evil\\e\[31mRED/);
	});

	test(
		'up, move, ping and delete work on an interface named with escapes, and in a namespace named with a newline',
		{skip: needsPrograms('ping')},
		async () => {
			const log = new CommandLog();
			const target = targetFor(inPlain())!;
			const other = targetFor(snapshot.namespaces.find(item => item.name === newline)!)!;
			assert.deepEqual(other, {name: newline});

			const moved = await moveInterface(
				{namespace: target, device: names.title, to: {name: newline}},
				{log},
			);
			assert.equal(moved.ok, true, moved.message);
			assert.ok(
				linksIn(newline).some(link => link.ifname === names.title),
				'moved',
			);

			ip('-n', plain, 'addr', 'add', '192.168.77.1/24', 'dev', names.clear);
			ip('-n', newline, 'addr', 'add', '192.168.77.2/24', 'dev', names.title);
			for (const [namespace, device] of [
				[target, names.clear],
				[other, names.title],
			] as const) {
				const up = await setLinkState({namespace, device, up: true}, {log});
				assert.equal(up.ok, true, up.message);
			}
			assert.ok(
				linksIn(plain)
					.find(link => link.ifname === names.clear)!
					.flags.includes('UP'),
			);

			const answered = await ping({namespace: other, address: '192.168.77.1'}, {log});
			assert.equal(answered.ok, true, answered.message);

			const deleted = await deleteInterface({namespace: target, device: names.clear}, {log});
			assert.equal(deleted.ok, true, deleted.message);
			assert.ok(!linksIn(plain).some(link => link.ifname === names.clear), 'gone');

			// The log shows each command safely, and each line pastes back into bash as the same argv.
			for (const entry of log.getSnapshot()) {
				assert.doesNotMatch(formatLogEntry(entry), live);
				const argv = execFileSync('bash', ['-c', `set -- ${entry.line}; printf '%s\\0' "$@"`])
					.toString()
					.split('\0')
					.slice(0, -1);
				assert.deepEqual(argv, entry.argv);
			}

			const gone = await deleteNamespace({name: newline}, {log});
			assert.equal(gone.ok, true, gone.message);
			assert.ok(!existsSync(`/run/netns/${newline}`));
		},
	);

	test('an interface that is not UTF-8 is refused clearly, not acted on under another name', async () => {
		const result = await deleteInterface(
			{namespace: targetFor(inPlain())!, device: 'n\udcffs'},
			{log: new CommandLog()},
		);
		assert.equal(result.ok, false);
		assert.match(result.message, /not UTF-8 \(n\\xffs\)/);
		assert.equal(result.command, null);
	});
});
