// Packet capture in real namespaces: ICMP lines while pings run, the pcap read
// back with tcpdump -r, a bad filter refused with tcpdump's own words before
// anything starts, a stop that keeps what arrived, and a hostile interface name.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {Capture} from '../../source/system/capture.js';
import {CommandLog} from '../../source/system/command-log.js';
import {Lab, ip, sh, needsRootAnd} from '../helpers/lab.js';
import {processesWhoseCmdline} from '../helpers/processes.js';

const hostile = 'e\u001b[2Jx';

describe('packet capture', {skip: needsRootAnd('tcpdump', 'ping')}, () => {
	const lab = new Lab('capture');
	const dir = mkdtempSync(path.join(tmpdir(), `${lab.prefix}-`));
	let ns1: string;
	let ns2: string;
	before(() => {
		({ns1, ns2} = lab.direct());
		// A second pair whose end in ns2 has a name with a terminal escape in it.
		ip('-n', ns1, 'link', 'add', 'plain2', 'type', 'veth', 'peer', 'name', hostile, 'netns', ns2);
		ip('-n', ns1, 'addr', 'add', '192.168.9.1/24', 'dev', 'plain2');
		ip('-n', ns2, 'addr', 'add', '192.168.9.2/24', 'dev', hostile);
		ip('-n', ns1, 'link', 'set', 'plain2', 'up');
		ip('-n', ns2, 'link', 'set', hostile, 'up');
		for (const address of ['192.168.1.2', '192.168.9.2']) {
			const pinger = spawn(
				'ip',
				['netns', 'exec', ns1, 'ping', '-q', '-i', '0.01', '-c', '3000', address],
				{stdio: 'ignore'},
			);
			lab.processes.push(pinger);
		}
	});
	after(async () => {
		await lab.teardown();
		rmSync(dir, {recursive: true, force: true});
	});

	test('ICMP echo lines stream while pings run; the pcap written reads back with tcpdump -r and holds those packets', async () => {
		const lines: string[] = [];
		const log = new CommandLog();
		const capture = await Capture.start(
			{namespace: {name: ns2}, interface: 'veth1', filter: ['icmp'], limits: {count: 20}},
			{onLine: line => lines.push(line)},
			log,
		);
		assert.ok(capture instanceof Capture, JSON.stringify(capture));
		const end = await capture.finished();
		assert.equal(end.reason, 'count', end.message);
		assert.equal(end.packets, 20);
		assert.equal(lines.length, 20);
		assert.ok(
			lines.every(line =>
				/IP 192\.168\.1\.[12] > 192\.168\.1\.[12]: ICMP echo (request|reply)/.test(line),
			),
			lines.join('\n'),
		);
		const file = path.join(dir, 'twenty.pcap');
		const written = await capture.writePcap(file);
		assert.equal(written.ok, true, written.message);
		assert.match(written.message, /20 packets written to/);
		const readBack = sh('tcpdump', '-nn', '-r', file).trim().split('\n');
		assert.equal(readBack.length, 20);
		assert.deepEqual(
			readBack.map(line => line.replace(/^\S+ /, '')),
			lines.map(line => line.replace(/^\S+ /, '')),
		);
		// The filter check and the capture are in the log, as argument arrays.
		assert.deepEqual(
			log.getSnapshot().map(entry => entry.argv.slice(4, 6)),
			[
				['tcpdump', '-d'],
				['tcpdump', '-i'],
			],
		);
	});

	test("a bad filter is refused with tcpdump's own message, and no capture starts", async () => {
		const log = new CommandLog();
		const lines: string[] = [];
		const refused = await Capture.start(
			{namespace: {name: ns2}, interface: 'veth1', filter: ['icmp', 'and', '(((']},
			{onLine: line => lines.push(line)},
			log,
		);
		assert.ok(!(refused instanceof Capture));
		assert.match(refused.message, /syntax error/);
		assert.equal(log.getSnapshot().length, 1);
		assert.equal(log.getSnapshot()[0]!.argv.includes('-d'), true);
		assert.deepEqual(processesWhoseCmdline(`tcpdump\0-i\0veth1`), []);
		assert.deepEqual(lines, []);
	});

	test('stop() ends a capture early and keeps a valid pcap of what arrived', async () => {
		let lines = 0;
		let stop = () => {};
		const capture = await Capture.start(
			{namespace: {name: ns1}, interface: 'veth0', filter: [], limits: {count: 100_000}},
			{
				onLine: () => {
					if (++lines === 5) stop();
				},
			},
		);
		if (capture instanceof Capture) stop = () => capture.stop();
		assert.ok(capture instanceof Capture);
		const end = await capture.finished();
		assert.equal(end.reason, 'stopped');
		assert.ok(end.packets >= 5);
		const file = path.join(dir, 'stopped.pcap');
		assert.equal((await capture.writePcap(file)).ok, true);
		assert.ok(sh('tcpdump', '-nn', '-r', file).trim().split('\n').length >= 5);
		assert.deepEqual(processesWhoseCmdline(`tcpdump\0-i\0veth0`), []);
	});

	test('the size cap stops a capture', async () => {
		const capture = await Capture.start({
			namespace: {name: ns1},
			interface: 'veth0',
			filter: [],
			limits: {count: 100_000, sizeCap: 3000},
		});
		assert.ok(capture instanceof Capture);
		const end = await capture.finished();
		assert.equal(end.reason, 'size');
		assert.ok(capture.bytes <= 3000);
	});

	test('an interface whose name holds a terminal escape is captured from', async () => {
		const lines: string[] = [];
		const capture = await Capture.start(
			{namespace: {name: ns2}, interface: hostile, filter: ['icmp'], limits: {count: 4}},
			{onLine: line => lines.push(line)},
		);
		assert.ok(capture instanceof Capture, JSON.stringify(capture));
		const end = await capture.finished();
		assert.equal(end.reason, 'count', end.message);
		assert.ok(
			lines.every(line => /192\.168\.9\.[12] > 192\.168\.9\.[12]: ICMP echo/.test(line)),
			lines.join('\n'),
		);
		// The message names the interface safely quoted, never with the raw escape.
		assert.ok(!end.message.includes('\u001b'));
	});

	test("a namespace that does not exist and an interface that does not: tcpdump's message, nothing left running", async () => {
		const noInterface = await Capture.start({
			namespace: {name: ns2},
			interface: 'nope0',
			filter: [],
		});
		assert.ok(noInterface instanceof Capture);
		const end = await noInterface.finished();
		assert.equal(end.reason, 'failed');
		assert.match(end.message, /nope0/);
		const noNamespace = await Capture.start({
			namespace: {name: `${lab.prefix}-never`},
			interface: 'lo',
			filter: ['icmp'],
		});
		assert.ok(!(noNamespace instanceof Capture));
		assert.match(noNamespace.message, /never/);
	});
});
