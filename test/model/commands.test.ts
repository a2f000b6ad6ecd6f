import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {describe, test} from 'node:test';
import {
	addAddressArgv,
	addBridgeArgv,
	addNamespaceArgv,
	addRouteArgv,
	addVethArgv,
	addVrfArgv,
	attachNamespaceArgv,
	clearMasterArgv,
	deleteAddressArgv,
	deleteInterfaceArgv,
	deleteNamespaceArgv,
	deleteRouteArgv,
	execIn,
	hostNetns,
	masqueradeArgv,
	moveInterfaceArgv,
	pingArgv,
	setForwardingArgv,
	setLinkStateArgv,
	setMasterArgv,
	shellArgv,
	shellLine,
	shellQuote,
} from '../../source/model/commands.js';
import type {Route} from '../../source/model/snapshot.js';
import {
	validateCidr,
	validateIpAddress,
	validatePrefix,
	validateRouteRequest,
	type Validation,
} from '../../source/model/validate.js';

const value = <T>(result: Validation<T>): T => {
	if (!result.ok) throw new Error(result.reason);
	return result.value;
};

const named = {name: 'ns1'};
const unnamed = {path: '/proc/4242/ns/net'};

describe('argv builders: every seed command', () => {
	test('namespaces', () => {
		assert.deepEqual(addNamespaceArgv('ns1'), ['ip', 'netns', 'add', 'ns1']);
		assert.deepEqual(deleteNamespaceArgv('ns1'), ['ip', 'netns', 'del', 'ns1']);
		assert.deepEqual(attachNamespaceArgv('web', 4242), ['ip', 'netns', 'attach', 'web', '4242']);
	});

	test("ip runs inside the namespace: -n for a name, nsenter for a path, bare for nstui's own", () => {
		assert.deepEqual(deleteInterfaceArgv(named, 'veth0'), [
			'ip',
			'-n',
			'ns1',
			'link',
			'del',
			'dev',
			'veth0',
		]);
		assert.deepEqual(deleteInterfaceArgv(unnamed, 'veth0'), [
			'nsenter',
			'--net=/proc/4242/ns/net',
			'ip',
			'link',
			'del',
			'dev',
			'veth0',
		]);
		assert.deepEqual(deleteInterfaceArgv('current', 'veth0'), [
			'ip',
			'link',
			'del',
			'dev',
			'veth0',
		]);
	});

	test('addresses and link state (seed 000 §3, §4)', () => {
		const cidr = value(validateCidr('192.168.1.1/24'));
		assert.deepEqual(addAddressArgv(named, 'veth0', cidr), [
			'ip',
			'-n',
			'ns1',
			'addr',
			'add',
			'192.168.1.1/24',
			'dev',
			'veth0',
		]);
		assert.deepEqual(deleteAddressArgv(named, 'veth0', cidr), [
			'ip',
			'-n',
			'ns1',
			'addr',
			'del',
			'192.168.1.1/24',
			'dev',
			'veth0',
		]);
		assert.deepEqual(setLinkStateArgv(named, 'veth0', true), [
			'ip',
			'-n',
			'ns1',
			'link',
			'set',
			'dev',
			'veth0',
			'up',
		]);
		assert.deepEqual(setLinkStateArgv(named, 'veth0', false), [
			'ip',
			'-n',
			'ns1',
			'link',
			'set',
			'dev',
			'veth0',
			'down',
		]);
	});

	test('moving an interface: by name, by PID, to the host', () => {
		assert.deepEqual(moveInterfaceArgv('current', 'veth0', {name: 'ns1'}), [
			'ip',
			'link',
			'set',
			'dev',
			'veth0',
			'netns',
			'ns1',
		]);
		assert.deepEqual(moveInterfaceArgv(named, 'veth-f', {pid: 1234}), [
			'ip',
			'-n',
			'ns1',
			'link',
			'set',
			'dev',
			'veth-f',
			'netns',
			'1234',
		]);
		assert.deepEqual(moveInterfaceArgv(named, 'veth0', hostNetns), [
			'ip',
			'-n',
			'ns1',
			'link',
			'set',
			'dev',
			'veth0',
			'netns',
			'1',
		]);
	});

	test('veth pairs, with the namespace of each end (seed 000 §3.1, seed 002)', () => {
		assert.deepEqual(addVethArgv('current', 'veth0', 'veth1', null), [
			'ip',
			'link',
			'add',
			'name',
			'veth0',
			'type',
			'veth',
			'peer',
			'name',
			'veth1',
		]);
		assert.deepEqual(addVethArgv(named, 'veth-ns1', 'veth-router1', {name: 'ns-router'}), [
			'ip',
			'-n',
			'ns1',
			'link',
			'add',
			'name',
			'veth-ns1',
			'type',
			'veth',
			'peer',
			'name',
			'veth-router1',
			'netns',
			'ns-router',
		]);
		assert.deepEqual(addVethArgv('current', 'veth-e', 'veth-f', {pid: 1234}).slice(-2), [
			'netns',
			'1234',
		]);
	});

	test('routes (seed 000 §4.6, seed 001)', () => {
		const request = (destination: string, gateway?: string, device?: string) =>
			value(validateRouteRequest({destination, gateway, device}));
		assert.deepEqual(addRouteArgv(named, request('default', '192.168.1.254')), [
			'ip',
			'-n',
			'ns1',
			'-4',
			'route',
			'add',
			'default',
			'via',
			'192.168.1.254',
		]);
		assert.deepEqual(addRouteArgv(named, request('10.0.0.0/8', '192.168.1.254')), [
			'ip',
			'-n',
			'ns1',
			'-4',
			'route',
			'add',
			'10.0.0.0/8',
			'via',
			'192.168.1.254',
		]);
		assert.deepEqual(addRouteArgv(named, request('10.0.0.0/8', '', 'veth0')), [
			'ip',
			'-n',
			'ns1',
			'-4',
			'route',
			'add',
			'10.0.0.0/8',
			'dev',
			'veth0',
		]);
		assert.deepEqual(addRouteArgv(named, request('default', 'fe80::1', 'veth0')), [
			'ip',
			'-n',
			'ns1',
			'-6',
			'route',
			'add',
			'default',
			'via',
			'fe80::1',
			'dev',
			'veth0',
		]);
	});

	test('deleting a route names exactly the one shown', () => {
		const route: Route = {
			family: 'inet',
			dst: 'default',
			gateway: '192.168.1.254',
			dev: 'veth0',
			table: 'main',
			protocol: 'boot',
			scope: null,
			metric: null,
		};
		assert.deepEqual(deleteRouteArgv(named, route), [
			'ip',
			'-n',
			'ns1',
			'-4',
			'route',
			'del',
			'default',
			'via',
			'192.168.1.254',
			'dev',
			'veth0',
		]);
		const v6: Route = {
			family: 'inet6',
			dst: '2001:db8::/64',
			gateway: null,
			dev: 'veth0',
			table: '100',
			protocol: 'kernel',
			scope: null,
			metric: 256,
		};
		assert.deepEqual(deleteRouteArgv(named, v6), [
			'ip',
			'-n',
			'ns1',
			'-6',
			'route',
			'del',
			'2001:db8::/64',
			'dev',
			'veth0',
			'table',
			'100',
			'metric',
			'256',
		]);
		const blackhole: Route = {
			family: 'inet',
			dst: '10.9.0.0/16',
			gateway: null,
			dev: null,
			table: 'main',
			protocol: 'boot',
			scope: null,
			metric: null,
			type: 'blackhole',
		};
		assert.deepEqual(deleteRouteArgv(named, blackhole), [
			'ip',
			'-n',
			'ns1',
			'-4',
			'route',
			'del',
			'blackhole',
			'10.9.0.0/16',
		]);
	});

	test('forwarding runs sysctl inside the namespace (seed 000 §4.5)', () => {
		assert.deepEqual(setForwardingArgv({name: 'ns-router'}, true), [
			'ip',
			'netns',
			'exec',
			'ns-router',
			'sysctl',
			'-w',
			'net.ipv4.ip_forward=1',
		]);
		assert.deepEqual(setForwardingArgv(unnamed, false), [
			'nsenter',
			'--net=/proc/4242/ns/net',
			'sysctl',
			'-w',
			'net.ipv4.ip_forward=0',
		]);
	});

	test('bridges, masters and VRFs (seed 001, seed 000 §5.3)', () => {
		assert.deepEqual(addBridgeArgv('current', 'vnet-0'), [
			'ip',
			'link',
			'add',
			'name',
			'vnet-0',
			'type',
			'bridge',
		]);
		assert.deepEqual(setMasterArgv('current', 'veth-web-br', 'vnet-0'), [
			'ip',
			'link',
			'set',
			'dev',
			'veth-web-br',
			'master',
			'vnet-0',
		]);
		assert.deepEqual(clearMasterArgv('current', 'veth-web-br'), [
			'ip',
			'link',
			'set',
			'dev',
			'veth-web-br',
			'nomaster',
		]);
		assert.deepEqual(addVrfArgv(named, 'vrf1', 100), [
			'ip',
			'-n',
			'ns1',
			'link',
			'add',
			'name',
			'vrf1',
			'type',
			'vrf',
			'table',
			'100',
		]);
	});

	test('masquerade leaves traffic out of the bridge alone (seed 001, fixed)', () => {
		const rule = {
			source: value(validatePrefix('192.168.15.0/24')),
			out: {interface: 'vnet-0', match: 'except' as const},
		};
		assert.deepEqual(masqueradeArgv({name: 'nat'}, 'add', rule), [
			'ip',
			'netns',
			'exec',
			'nat',
			'iptables',
			'-t',
			'nat',
			'-A',
			'POSTROUTING',
			'-s',
			'192.168.15.0/24',
			'!',
			'-o',
			'vnet-0',
			'-j',
			'MASQUERADE',
		]);
		assert.equal(masqueradeArgv({name: 'nat'}, 'remove', rule)[7], '-D');
		const v6 = {
			source: value(validatePrefix('fd00::/64')),
			out: {interface: 'br0', match: 'except' as const},
		};
		assert.equal(masqueradeArgv('current', 'add', v6)[0], 'ip6tables');
		// Seed 000 §5.1: everything leaving through eth0.
		assert.deepEqual(
			masqueradeArgv({name: 'ns-router'}, 'add', {
				source: null,
				out: {interface: 'eth0', match: 'only'},
			}),
			[
				'ip',
				'netns',
				'exec',
				'ns-router',
				'iptables',
				'-t',
				'nat',
				'-A',
				'POSTROUTING',
				'-o',
				'eth0',
				'-j',
				'MASQUERADE',
			],
		);
	});

	test('ping and shells', () => {
		assert.deepEqual(pingArgv(named, value(validateIpAddress('192.168.1.2'))), [
			'ip',
			'netns',
			'exec',
			'ns1',
			'ping',
			'-c',
			'3',
			'192.168.1.2',
		]);
		assert.deepEqual(pingArgv(unnamed, value(validateIpAddress('192.168.1.2'))), [
			'nsenter',
			'--net=/proc/4242/ns/net',
			'ping',
			'-c',
			'3',
			'192.168.1.2',
		]);
		assert.deepEqual(shellArgv(named, '/bin/bash'), ['ip', 'netns', 'exec', 'ns1', '/bin/bash']);
		assert.deepEqual(shellArgv({path: '/run/netns/x'}, '/bin/sh'), [
			'nsenter',
			'--net=/run/netns/x',
			'/bin/sh',
		]);
		assert.deepEqual(execIn('current', ['true']), ['true']);
	});
});

describe('shell lines', () => {
	test('plain words stay plain', () => {
		assert.equal(
			shellLine(['ip', '-n', 'ns1', 'addr', 'add', '192.168.1.1/24', 'dev', 'veth0']),
			'ip -n ns1 addr add 192.168.1.1/24 dev veth0',
		);
		assert.equal(
			shellLine(['nsenter', '--net=/proc/1/ns/net', 'sysctl', '-w', 'net.ipv4.ip_forward=1']),
			'nsenter --net=/proc/1/ns/net sysctl -w net.ipv4.ip_forward=1',
		);
		assert.equal(shellLine(['ip', '-6', 'route', 'add', 'fe80::1']), 'ip -6 route add fe80::1');
	});

	test('everything else is single-quoted', () => {
		assert.equal(shellQuote('!'), "'!'");
		assert.equal(shellQuote(''), "''");
		assert.equal(shellQuote('a b'), "'a b'");
		assert.equal(shellQuote("it's"), `'it'\\''s'`);
		assert.equal(shellQuote('$(reboot)'), "'$(reboot)'");
		assert.equal(shellQuote('=cmd'), "'=cmd'");
		assert.equal(shellQuote('~root'), "'~root'");
		assert.equal(shellQuote('nѕ1'), "'nѕ1'");
	});

	test('a pasted line gives the shell back the same argv', () => {
		const argvs = [
			[
				'printf',
				'%s\\n',
				'a b',
				"it's",
				'$(echo x)',
				'`x`',
				'!',
				'a;b',
				'a|b',
				'*',
				'~',
				'=x',
				'',
				'tab\there',
				'new\nline',
				'nѕ1',
				'"q"',
				'\\',
			],
			// Control characters go in bash's $'...', so the line shows no raw ESC and still pastes.
			[
				'ip',
				'link',
				'del',
				'dev',
				'e\u001b[2Jx',
				'q\u001b]0;T\u0007',
				'bell\u0007',
				'c1\u009b',
				'rtl\u202eevil',
				"it's\u001b",
				'back\\slash\u0007',
			],
			masqueradeArgv({name: 'x y'}, 'add', {
				source: value(validatePrefix('10.0.0.0/8')),
				out: {interface: 'br0', match: 'except'},
			}),
		];
		for (const argv of argvs) {
			const echo = spawnSync('bash', [
				'-c',
				`for a in "$@"; do printf '%s\\0' "$a"; done`,
				'sh',
				...argv,
			]).stdout.toString();
			const pasted = spawnSync('bash', [
				'-c',
				`set -- ${shellLine(argv)}; for a in "$@"; do printf '%s\\0' "$a"; done`,
			]).stdout.toString();
			assert.equal(pasted, echo);
			assert.doesNotMatch(shellLine(argv), /[\u0000-\u001f\u007f-\u009f\u202e]/);
		}
	});
});
