import assert from 'node:assert/strict';
import {setTimeout as delay} from 'node:timers/promises';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {refreshSucceeded} from '../../source/ui/app/state-updates.js';
import {fakeReader, hostFirewall, webNeighbours} from '../fixtures/details-reader.js';
import {seedLab} from '../fixtures/synthetic-snapshots.js';
import {keys, lineWith, renderTui} from './tui-harness.js';

afterEach(() => cleanup());

async function detailsOf(
	name: string,
	reader = fakeReader({neighbours: {web: webNeighbours}, firewalls: {host: hostFirewall}}),
	size = {columns: 80, rows: 24},
) {
	const tui = await renderTui({snapshot: seedLab(), reader, ...size});
	await tui.press('/', ...name, keys.enter, 'i');
	await tui.detailsRead();
	return {tui, reader};
}

test('i shows the neighbour cache of the selected namespace: address, dev, MAC, state', async () => {
	const {tui} = await detailsOf('web');
	const lines = tui.lines();
	assert.match(lines[1]!, /^ Details of web {2}net:\[4026532591\] {2}read \d\d:\d\d:\d\d/);
	assert.ok(lineWith(lines, 'Neighbours (ARP/NDP cache)'));
	assert.match(lineWith(lines, 'ADDRESS')!, /ADDRESS +DEV +MAC +STATE/);
	assert.match(
		lineWith(lines, '192.168.15.6')!,
		/192\.168\.15\.6 +eth0-web +1e:9d:98:90:65:84 +REACHABLE/,
	);
	assert.match(lineWith(lines, '192.168.15.1')!, /192\.168\.15\.1 +eth0-web +- +FAILED/);
	assert.match(lineWith(lines, 'iptables -t nat')!, /\(0 rules\)/);
});

test('i on the host of seed 001: its nat and filter rules, the masquerade without "! -o vnet-0" pointed out', async () => {
	// By inode: `/host` matches <host> as well.
	const {tui} = await detailsOf('4026532522', undefined, {columns: 100, rows: 40});
	assert.match(tui.lines()[1]!, /Details of host /);
	const lines = tui.lines();
	assert.ok(lineWith(lines, '(empty: this namespace has not talked to anyone yet)'));
	assert.match(lineWith(lines, 'iptables -t nat')!, /\(1 rule\)/);
	assert.ok(lineWith(lines, '-A POSTROUTING -s 192.168.15.0/24 -j MASQUERADE'));
	assert.match(
		lineWith(lines, '! risky:')!,
		/masquerades traffic between ports of vnet-0 too \(add "! -o vnet-0"\)/,
	);
	assert.match(lineWith(lines, 'iptables -t filter')!, /\(1 rule\)/);
	assert.match(lineWith(lines, 'policies:')!, /INPUT ACCEPT, FORWARD DROP/);
	assert.ok(lineWith(lines, '-A FORWARD -i vnet-0 -j ACCEPT'));
	assert.ok(lineWith(lines, 'also rules in: mangle'));
});

test('without iptables the view says so clearly, and still shows the neighbours', async () => {
	const reader = fakeReader({
		neighbours: {web: webNeighbours},
		firewallError:
			'iptables-save is not installed: install the Debian package iptables (apt-get install iptables)',
	});
	const {tui} = await detailsOf('web', reader);
	const lines = tui.lines();
	assert.ok(lineWith(lines, 'Firewall (iptables)'));
	assert.ok(
		lineWith(lines, 'iptables-save is not installed: install the Debian package iptables'),
		tui.frame(),
	);
	assert.ok(lineWith(lines, '192.168.15.6'));
});

test('read when opened and on Ctrl-R, never on a live refresh', async () => {
	const {tui, reader} = await detailsOf('web');
	assert.deepEqual(reader.calls, {neighbours: ['web'], firewall: ['web']});
	refreshSucceeded(tui.store, {snapshot: seedLab(), warnings: []}, Date.now());
	await tui.settle();
	// Nothing to wait for: a read that started would have been asked for by now.
	await delay(30);
	assert.deepEqual(reader.calls.neighbours, ['web']);
	await tui.press(keys.ctrlR);
	await tui.detailsRead();
	assert.deepEqual(reader.calls, {neighbours: ['web', 'web'], firewall: ['web', 'web']});
	assert.ok(lineWith(tui.lines(), '192.168.15.6'));
});

test('a long details view scrolls with j/k and G; Esc, q and i go back to the panes', async () => {
	const many = Array.from({length: 40}, (_, index) => ({
		address: `10.0.0.${index + 1}`,
		dev: 'eth0-web',
		lladdr: '02:00:00:00:00:01',
		state: 'STALE',
		router: false,
	}));
	const {tui} = await detailsOf('web', fakeReader({neighbours: {web: many}}));
	assert.match(tui.lines()[1]!, /lines 1-19 of \d+/);
	assert.ok(lineWith(tui.lines(), '10.0.0.1 '));
	await tui.press('j', 'j', keys.down);
	assert.match(tui.lines()[1]!, /lines 4-22 of/);
	assert.equal(lineWith(tui.lines(), '10.0.0.1 '), undefined);
	await tui.press('G');
	assert.ok(lineWith(tui.lines(), 'iptables -t filter'));
	await tui.press('k', 'g');
	assert.match(tui.lines()[1]!, /lines 1-19 of/);
	for (const key of [keys.escape, 'q', 'i']) {
		assert.match(tui.lines()[1]!, /Details of web/);
		await tui.press(key);
		assert.equal(tui.store.getState().fullView, null, `${JSON.stringify(key)} goes back`);
		assert.match(tui.frame(), /1 Namespaces/);
		await tui.press('i');
	}
});
