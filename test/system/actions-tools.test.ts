// ping and masquerade between namespaces this test creates (nstui-tool-<pid>-<n>).
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync, symlinkSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {
	addAddress,
	addMasquerade,
	addVethPair,
	ping,
	removeMasquerade,
	setLinkState,
} from '../../source/system/actions/index.js';
import {CommandLog} from '../../source/system/command-log.js';
import {findProgram} from '../../source/system/programs.js';
import {Lab, needsRootAnd, outputIn} from '../helpers/lab.js';

const namespaces = new Lab('tool');
after(() => namespaces.teardown());

describe(
	'ping between two namespaces joined by a veth (seed 000 §3)',
	{skip: needsRootAnd('ping')},
	() => {
		let ns1 = '';
		let ns2 = '';
		before(async () => {
			ns1 = namespaces.ns();
			ns2 = namespaces.ns();
			const log = new CommandLog();
			const steps = [
				await addVethPair(
					{namespace: {name: ns1}, name: 'veth0', peerName: 'veth1', peerNetns: {name: ns2}},
					{log},
				),
				await addAddress(
					{namespace: {name: ns1}, device: 'veth0', address: '192.168.1.1/24'},
					{log},
				),
				await addAddress(
					{namespace: {name: ns2}, device: 'veth1', address: '192.168.1.2/24'},
					{log},
				),
				await setLinkState({namespace: {name: ns1}, device: 'veth0', up: true}, {log}),
				await setLinkState({namespace: {name: ns2}, device: 'veth1', up: true}, {log}),
			];
			for (const step of steps) assert.equal(step.ok, true, step.message);
		});

		test('ping succeeds and says so', async () => {
			const log = new CommandLog();
			const result = await ping({namespace: {name: ns1}, address: '192.168.1.2'}, {log});
			assert.equal(result.ok, true, result.message);
			assert.match(result.message, /3 packets transmitted, 3 received, 0% packet loss/);
			assert.match(result.output ?? '', /64 bytes from 192\.168\.1\.2/);
			assert.equal(log.getSnapshot()[0]!.line, `ip netns exec ${ns1} ping -c 3 192.168.1.2`);
		});

		test("ping to nobody fails with ping's summary", async () => {
			const result = await ping(
				{namespace: {name: ns1}, address: '192.168.1.99'},
				{log: new CommandLog()},
			);
			assert.equal(result.ok, false);
			assert.match(result.message, /100% packet loss|Unreachable/);
		});
	},
);

describe(
	'masquerade rule inside a namespace (seed 001, with ! -o)',
	{skip: needsRootAnd('iptables', 'iptables-save')},
	() => {
		test('added, visible in iptables-save, removed', async () => {
			const ns = namespaces.ns();
			const log = new CommandLog();
			const request = {
				namespace: {name: ns},
				source: '192.168.15.0/24',
				exceptOutInterface: 'vnet-0',
			};
			const added = await addMasquerade(request, {log});
			assert.equal(added.ok, true, added.message);
			const rule = '-A POSTROUTING -s 192.168.15.0/24 ! -o vnet-0 -j MASQUERADE';
			assert.ok((await outputIn(ns, ['iptables-save', '-t', 'nat'])).includes(rule));
			const removed = await removeMasquerade(request, {log});
			assert.equal(removed.ok, true, removed.message);
			assert.ok(!(await outputIn(ns, ['iptables-save', '-t', 'nat'])).includes(rule));
			const again = await removeMasquerade(request, {log});
			assert.equal(again.ok, false);
			assert.equal(again.message, 'There is no such masquerade rule to remove');
			assert.deepEqual(
				log.getSnapshot().map(entry => entry.ok),
				[true, true, false],
			);
		});

		test('seed 000 §5.1: everything leaving through one interface', async () => {
			const ns = namespaces.ns();
			const request = {namespace: {name: ns}, outInterface: 'eth0'};
			const added = await addMasquerade(request, {log: new CommandLog()});
			assert.equal(added.ok, true, added.message);
			assert.ok(
				(await outputIn(ns, ['iptables-save', '-t', 'nat'])).includes(
					'-A POSTROUTING -o eth0 -j MASQUERADE',
				),
			);
			assert.equal((await removeMasquerade(request, {log: new CommandLog()})).ok, true);
		});
	},
);

describe('a missing tool is named with its Debian package, and nothing runs', () => {
	let savedPath: string | undefined;
	let dir = '';
	before(() => {
		savedPath = process.env.PATH;
		// A PATH that has ip but neither ping nor iptables.
		dir = mkdtempSync(path.join(tmpdir(), 'nstui-path-'));
		const ip = findProgram('ip');
		if (ip) symlinkSync(ip, path.join(dir, 'ip'));
		process.env.PATH = dir;
	});
	after(() => {
		process.env.PATH = savedPath;
		rmSync(dir, {recursive: true, force: true});
	});

	test('ping', async () => {
		const log = new CommandLog();
		const result = await ping(
			{namespace: {name: 'nstui-never-created'}, address: '192.168.1.2'},
			{log},
		);
		assert.equal(result.ok, false);
		assert.equal(
			result.message,
			'ping is not installed: install the Debian package iputils-ping (apt-get install iputils-ping)',
		);
		assert.equal(result.command, null);
		assert.equal(log.getSnapshot().length, 0);
	});

	test('iptables', async () => {
		const log = new CommandLog();
		const result = await addMasquerade(
			{namespace: {name: 'nstui-never-created'}, source: '10.0.0.0/8', exceptOutInterface: 'br0'},
			{log},
		);
		assert.match(result.message, /^iptables is not installed: install the Debian package iptables/);
		assert.equal(log.getSnapshot().length, 0);
	});
});
