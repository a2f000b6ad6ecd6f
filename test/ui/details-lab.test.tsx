// The details view against real namespaces: seed 001's bridge, built by this test
// under its own prefix, with the seed's masquerade rule (no `! -o vnet-0`) in the
// test's own stand-in for the host. Everything goes with the namespaces in `after`.
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {discover} from '../../source/system/discovery/discoverer.js';
import {findProgram} from '../../source/system/programs.js';
import {needsRoot} from '../helpers/root.js';
import {keys, lineWith, renderTui} from './tui-harness.js';
import {Lab, sh} from '../helpers/lab.js';

const skip =
	needsRoot ||
	(!findProgram('iptables') && 'needs iptables (apt-get install iptables)') ||
	(!findProgram('ping') && 'needs ping (apt-get install iputils-ping)');

async function waitForRead(tui: Awaited<ReturnType<typeof renderTui>>): Promise<string[]> {
	await tui.detailsRead();
	return tui.lines();
}

describe('details view (i) of a real bridge topology', {skip}, () => {
	const lab = new Lab('tui-details');
	let names: ReturnType<Lab['bridge']>;
	before(() => {
		names = lab.bridge();
		// First, while web and db can still talk: with br_netfilter loaded, the rule below breaks it.
		sh('ip', 'netns', 'exec', names.web, 'ping', '-c', '1', '-W', '2', '192.168.15.6');
		sh(
			'ip',
			'netns',
			'exec',
			names.host,
			'iptables',
			'-t',
			'nat',
			'-A',
			'POSTROUTING',
			'-s',
			'192.168.15.0/24',
			'-j',
			'MASQUERADE',
		);
	});
	after(async () => {
		cleanup();
		await lab.teardown();
	});

	test('web lists db as a neighbour; the host flags the masquerade rule', async () => {
		const {snapshot} = await discover();
		const tui = await renderTui({snapshot, columns: 100, rows: 40});
		await tui.press('/', ...names.web, keys.enter, 'i');
		let lines = await waitForRead(tui);
		assert.match(lines[1]!, new RegExp(`Details of ${names.web} `));
		assert.match(
			lineWith(lines, '192.168.15.6') ?? '',
			/192\.168\.15\.6 +eth0-web +([0-9a-f]{2}:){5}[0-9a-f]{2} +[A-Z]+/,
			tui.frame(),
		);
		assert.match(lineWith(lines, 'iptables -t nat')!, /\(0 rules\)/);

		// Esc leaves the view, the next one clears the Namespaces filter.
		await tui.press(keys.escape, keys.escape, '/', ...names.host, keys.enter, 'i');
		lines = await waitForRead(tui);
		assert.match(lines[1]!, new RegExp(`Details of ${names.host} `));
		assert.ok(lineWith(lines, '-A POSTROUTING -s 192.168.15.0/24 -j MASQUERADE'), tui.frame());
		assert.match(
			lineWith(lines, '! risky:') ?? '',
			/between ports of vnet-0 too \(add "! -o vnet-0"\)/,
			tui.frame(),
		);
	});
});
