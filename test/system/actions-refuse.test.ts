// Bad input for every field of every action: a reason, and nothing run (the log stays empty).
// Nothing here would reach the system, so it needs no root; the names point nowhere real.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import * as actions from '../../source/system/actions/index.js';
import type {ActionResult} from '../../source/system/actions/index.js';
import {CommandLog} from '../../source/system/command-log.js';
import type {Route} from '../../source/model/snapshot.js';

const ns = {name: 'nstui-refuse-never-created'};
const route: Route = {
	family: 'inet',
	dst: '10.0.0.0/24',
	gateway: null,
	dev: 'veth0',
	table: 'main',
	protocol: null,
	scope: null,
	metric: null,
};

type Case = [label: string, call: (log: CommandLog) => Promise<ActionResult>, reason: RegExp];

const cases: Case[] = [
	['new namespace: empty', log => actions.addNamespace({name: ''}, {log}), /empty/],
	['new namespace: slash', log => actions.addNamespace({name: '../../etc'}, {log}), /"\/"/],
	['new namespace: option', log => actions.addNamespace({name: '--all'}, {log}), /start with "-"/],
	['new namespace: newline', log => actions.addNamespace({name: 'a\nb'}, {log}), /newline/],
	[
		'new namespace: too long',
		log => actions.addNamespace({name: 'n'.repeat(300)}, {log}),
		/255 bytes/,
	],
	['delete namespace: dot-dot', log => actions.deleteNamespace({name: '..'}, {log}), /"\.\."/],
	['attach: bad name', log => actions.attachNamespaceName({name: 'a/b', pid: '1'}, {log}), /"\/"/],
	[
		'attach: bad pid',
		log => actions.attachNamespaceName({name: 'x', pid: '1;reboot'}, {log}),
		/not a PID/,
	],
	[
		'forwarding: bad target',
		log => actions.setForwarding({namespace: {path: 'relative'}, enabled: true}, {log}),
		/absolute/,
	],
	[
		'delete interface: colon',
		log => actions.deleteInterface({namespace: ns, device: 'eth0:1'}, {log}),
		/":"/,
	],
	[
		'link up: too long',
		log => actions.setLinkState({namespace: ns, device: 'x'.repeat(16), up: true}, {log}),
		/15 bytes/,
	],
	[
		'move: bad device',
		log => actions.moveInterface({namespace: ns, device: '', to: {name: 'x'}}, {log}),
		/empty/,
	],
	[
		'move: bad pid',
		log => actions.moveInterface({namespace: ns, device: 'veth0', to: {pid: '0'}}, {log}),
		/not a PID/,
	],
	[
		'move: bad namespace',
		log => actions.moveInterface({namespace: ns, device: 'veth0', to: {name: '-x'}}, {log}),
		/start with "-"/,
	],
	[
		'veth: bad name',
		log => actions.addVethPair({namespace: ns, name: 'a b', peerName: 'b', peerNetns: null}, {log}),
		/space/,
	],
	[
		'veth: bad peer',
		log =>
			actions.addVethPair({namespace: ns, name: 'a', peerName: '$(x) ', peerNetns: null}, {log}),
		/space/,
	],
	[
		'veth: same names',
		log => actions.addVethPair({namespace: ns, name: 'a', peerName: 'a', peerNetns: null}, {log}),
		/different names/,
	],
	[
		'veth: bad peer pid',
		log =>
			actions.addVethPair({namespace: ns, name: 'a', peerName: 'b', peerNetns: {pid: 'x'}}, {log}),
		/not a PID/,
	],
	[
		'address: no prefix',
		log => actions.addAddress({namespace: ns, device: 'veth0', address: '192.168.1.1'}, {log}),
		/prefix length/,
	],
	[
		'address: bad prefix',
		log => actions.addAddress({namespace: ns, device: 'veth0', address: '192.168.1.1/33'}, {log}),
		/0 to 32/,
	],
	[
		'address: not an address',
		log =>
			actions.addAddress(
				{namespace: ns, device: 'veth0', address: '192.168.1.1/24; reboot'},
				{log},
			),
		/prefix length/,
	],
	[
		'address: bad device',
		log => actions.addAddress({namespace: ns, device: 'a/b', address: '10.0.0.1/8'}, {log}),
		/"\/"/,
	],
	[
		'delete address: bad',
		log =>
			actions.deleteAddress({namespace: ns, device: 'veth0', address: 'fe80::1%veth0/64'}, {log}),
		/zone/,
	],
	[
		'route: no gateway nor device',
		log => actions.addRoute({namespace: ns, destination: 'default'}, {log}),
		/needs a gateway/,
	],
	[
		'route: mixed families',
		log =>
			actions.addRoute({namespace: ns, destination: '10.0.0.0/8', gateway: '2001:db8::1'}, {log}),
		/IPv6 but the destination is IPv4/,
	],
	[
		'route: host bits',
		log =>
			actions.addRoute({namespace: ns, destination: '10.0.0.1/8', gateway: '10.0.0.254'}, {log}),
		/host bits/,
	],
	[
		'route: bad gateway',
		log => actions.addRoute({namespace: ns, destination: 'default', gateway: '10.0.0.256'}, {log}),
		/not an IPv4/,
	],
	[
		'route: bad device',
		log => actions.addRoute({namespace: ns, destination: 'default', device: '-x'}, {log}),
		/start with "-"/,
	],
	[
		'delete route: bad table',
		log => actions.deleteRoute({namespace: ns, route: {...route, table: 'main table 255'}}, {log}),
		/not a routing table/,
	],
	['bridge: bad name', log => actions.addBridge({namespace: ns, name: 'br%d'}, {log}), /"%"/],
	[
		'vrf: bad table',
		log => actions.addVrf({namespace: ns, name: 'vrf1', table: '254'}, {log}),
		/"main" table/,
	],
	['vrf: bad name', log => actions.addVrf({namespace: ns, name: '', table: '100'}, {log}), /empty/],
	[
		'master: bad master',
		log => actions.setMaster({namespace: ns, device: 'veth0', master: 'a b'}, {log}),
		/space/,
	],
	[
		'master: itself',
		log => actions.setMaster({namespace: ns, device: 'br0', master: 'br0'}, {log}),
		/its own master/,
	],
	['nomaster: bad device', log => actions.clearMaster({namespace: ns, device: '.'}, {log}), /"\."/],
	[
		'masquerade: host bits',
		log =>
			actions.addMasquerade(
				{namespace: ns, source: '192.168.15.1/24', exceptOutInterface: 'vnet-0'},
				{log},
			),
		/the network is 192\.168\.15\.0\/24/,
	],
	[
		'masquerade: bad interface',
		log =>
			actions.removeMasquerade(
				{namespace: ns, source: '192.168.15.0/24', exceptOutInterface: '! -o x'},
				{log},
			),
		/space/,
	],
	[
		'masquerade: no outgoing interface',
		log => actions.addMasquerade({namespace: ns, source: '192.168.15.0/24'}, {log}),
		/Name one outgoing interface/,
	],
	[
		'masquerade: both kinds',
		log =>
			actions.addMasquerade({namespace: ns, exceptOutInterface: 'a', outInterface: 'b'}, {log}),
		/Name one outgoing interface/,
	],
	[
		'ping: bad address',
		log => actions.ping({namespace: ns, address: '192.168.1.2 -f'}, {log}),
		/not an IPv4/,
	],
	['ping: an option', log => actions.ping({namespace: ns, address: '-f'}, {log}), /not an IPv4/],
	[
		'ping: look-alike digits',
		log => actions.ping({namespace: ns, address: '１９２.168.1.2'}, {log}),
		/not an IPv4/,
	],
];

for (const [label, call, reason] of cases) {
	test(`refused, nothing run: ${label}`, async () => {
		const log = new CommandLog();
		const result = await call(log);
		assert.equal(result.ok, false);
		assert.match(result.message, reason);
		assert.equal(result.command, null);
		assert.equal(log.getSnapshot().length, 0);
	});
}

test('the shell: a bad target is refused before anything runs', () => {
	const invocation = actions.shellInvocation({namespace: {name: '-x'}, label: '-x'}, '/bin/sh');
	assert.ok('problem' in invocation);
	assert.match(invocation.problem, /start with "-"/);
});
