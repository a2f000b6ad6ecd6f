import assert from 'node:assert/strict';
import {test} from 'node:test';
import {linkStateText} from '../../source/model/link-state.js';
import {interfaceRows} from '../../source/model/pane-rows.js';
import {formatSnapshot} from '../../source/model/format-snapshot.js';
import {link, namespace} from '../fixtures/synthetic-snapshots.js';

test('a link set up without carrier reads "UP no-carrier", not DOWN (#6)', () => {
	// As ip -j shows a veth set up whose peer is down, and one whose peer is in a namespace that is down.
	assert.equal(
		linkStateText({state: 'DOWN', flags: ['NO-CARRIER', 'BROADCAST', 'MULTICAST', 'UP']}),
		'UP no-carrier',
	);
	assert.equal(
		linkStateText({
			state: 'LOWERLAYERDOWN',
			flags: ['NO-CARRIER', 'BROADCAST', 'MULTICAST', 'UP', 'M-DOWN'],
		}),
		'UP no-carrier',
	);
	assert.equal(
		linkStateText({state: 'DOWN', flags: ['BROADCAST', 'MULTICAST', 'UP']}),
		'UP no-carrier',
	);
});

test('every other state is the kernel operstate as it is', () => {
	assert.equal(linkStateText({state: 'DOWN', flags: ['BROADCAST', 'MULTICAST']}), 'DOWN');
	assert.equal(
		linkStateText({state: 'UP', flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP']}),
		'UP',
	);
	assert.equal(linkStateText({state: 'UNKNOWN', flags: ['LOOPBACK', 'UP', 'LOWER_UP']}), 'UNKNOWN');
	assert.equal(linkStateText({state: 'UNKNOWN', flags: ['BROADCAST', 'NOARP', 'UP']}), 'UNKNOWN');
	assert.equal(linkStateText({state: 'DORMANT', flags: ['UP', 'LOWER_UP']}), 'DORMANT');
});

test('the pane row, its filter text and the snapshot text carry it', () => {
	const ns = namespace(9100, 'carrier', {
		interfaces: [
			link(2, 'veth0', 'veth', {
				state: 'DOWN',
				flags: ['NO-CARRIER', 'BROADCAST', 'MULTICAST', 'UP'],
			}),
		],
	});
	const [row] = interfaceRows(ns, new Map([[ns.inode, ns]]));
	assert.equal(row!.state, 'UP no-carrier');
	assert.match(row!.search, /no-carrier/);
	assert.match(
		formatSnapshot({version: 1, takenAt: '2026-01-01T00:00:00.000Z', namespaces: [ns]}),
		/veth0 {2}veth {2}UP no-carrier/,
	);
});
