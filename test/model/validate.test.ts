import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {
	validateCidr,
	validateGateway,
	validateInterfaceName,
	validateIpAddress,
	validateNamespaceName,
	validateNamespaceTarget,
	validateNetnsRef,
	validatePid,
	validatePrefix,
	validateRoute,
	validateRouteDestination,
	validateRouteRequest,
	validateVrfTable,
	type Validation,
} from '../../source/model/validate.js';

function accepted<T>(result: Validation<T>): T {
	assert.equal(result.ok, true, result.ok ? '' : `refused: ${result.reason}`);
	return (result as {value: T}).value;
}

function refusedWith<T>(result: Validation<T>, pattern: RegExp): void {
	assert.equal(result.ok, false, `accepted: ${JSON.stringify((result as {value: T}).value)}`);
	if (!result.ok) assert.match(result.reason, pattern);
}

// Input an attacker (or a slip of the hand) might type into any field.
const hostile = [
	'a;rm -rf /',
	'a && reboot',
	'$(reboot)',
	'`reboot`',
	'a|b',
	'a>b',
	"a'b",
	'a"b',
	'a\nb',
	'a\rb',
	'a\0b',
	'a\tb',
	'-n',
	'--help',
	' ',
	'',
	'x'.repeat(100_000),
	'a\u202eb',
	'a\u200bb',
	'\u0085',
	'a\u2028b',
];

describe('namespace names', () => {
	test("accepts the seeds' names", () => {
		for (const name of ['ns1', 'ns2', 'ns-router', 'web-ns', 'db-ns', 'a_b.c', 'x'.repeat(255)]) {
			assert.equal(accepted(validateNamespaceName(name)), name);
		}
	});

	test('refuses what ip netns refuses, with a readable reason', () => {
		refusedWith(validateNamespaceName(''), /cannot be empty/);
		refusedWith(validateNamespaceName('.'), /cannot be "\."/);
		refusedWith(validateNamespaceName('..'), /cannot be "\.\."/);
		refusedWith(validateNamespaceName('a/b'), /"\/"/);
		refusedWith(validateNamespaceName('../etc'), /"\/"/);
		refusedWith(validateNamespaceName('x'.repeat(256)), /at most 255 bytes.*256/);
		// 128 two-byte characters: 256 bytes although 128 characters long.
		refusedWith(validateNamespaceName('é'.repeat(128)), /at most 255 bytes/);
	});

	test('refuses NUL, newlines and other control characters', () => {
		refusedWith(validateNamespaceName('a\0b'), /NUL/);
		refusedWith(validateNamespaceName('a\nb'), /newline/);
		refusedWith(validateNamespaceName('a\x1b[2Jb'), /U\+001B/);
		refusedWith(validateNamespaceName('a\x7f'), /U\+007F/);
	});

	test('refuses a leading "-" that ip would read as an option', () => {
		refusedWith(validateNamespaceName('-n'), /start with "-"/);
		refusedWith(validateNamespaceName('--all'), /start with "-"/);
		assert.equal(accepted(validateNamespaceName('a-')), 'a-');
	});

	test('new names: no spaces, not only digits', () => {
		refusedWith(validateNamespaceName('a b'), /a space/);
		refusedWith(validateNamespaceName('a\u00a0b'), /U\+00A0/);
		refusedWith(validateNamespaceName('1234'), /only digits/);
		// An existing namespace with such a name can still be deleted.
		assert.equal(accepted(validateNamespaceName('a b', 'existing')), 'a b');
		assert.equal(accepted(validateNamespaceName('1234', 'existing')), '1234');
		// One someone else made with a newline or an ESC in it, too: it is passed on exactly.
		assert.equal(accepted(validateNamespaceName('a\nb', 'existing')), 'a\nb');
		assert.equal(accepted(validateNamespaceName('e\u001b[2J', 'existing')), 'e\u001b[2J');
		refusedWith(validateNamespaceName('a\udcffb', 'existing'), /not UTF-8 \(a\\xffb\)/);
		refusedWith(validateNamespaceName('-a\nb', 'existing'), /start with "-"/);
	});

	test("existing interface names: the kernel's rules only, new ones stricter", () => {
		for (const name of [
			'e\u001b[2Jx',
			'q\u001b]0;T\u0007',
			'c1\u009b',
			'rtl\u202e',
			'bell\u0007',
			'del\u007f',
			'pct%d',
		]) {
			assert.equal(accepted(validateInterfaceName(name, 'existing')), name);
			assert.equal(validateInterfaceName(name).ok, false, `new: ${JSON.stringify(name)}`);
		}
		for (const name of ['a b', 'a\nb', 'a:b', 'a/b', 'x'.repeat(16), '-x', 'n\udcff'])
			assert.equal(validateInterfaceName(name, 'existing').ok, false, JSON.stringify(name));
	});

	test('invisible Unicode is refused, visible look-alikes are kept exactly as typed', () => {
		refusedWith(validateNamespaceName('ns1\u200b'), /invisible.*U\+200B/);
		refusedWith(validateNamespaceName('\u202ens1'), /invisible.*U\+202E/);
		refusedWith(validateNamespaceName('ns\ufeff1'), /invisible/);
		refusedWith(validateNamespaceName('ns\ud8001'), /invisible/);
		// Cyrillic "а" is a different name from Latin "a": not normalized, not merged.
		const cyrillic = 'nѕ1';
		assert.equal(accepted(validateNamespaceName(cyrillic)), cyrillic);
		assert.notEqual(cyrillic, 'ns1');
	});

	test('hostile input is refused or passed through unchanged, never altered', () => {
		for (const input of hostile) {
			const result = validateNamespaceName(input);
			if (result.ok) assert.equal(result.value, input);
			else
				assert.ok(
					result.reason.length > 0 && result.reason.length < 200,
					`reason for ${JSON.stringify(input.slice(0, 20))}`,
				);
		}
		// Shell metacharacters are harmless in an argv: ip netns add accepts them as file names.
		assert.equal(accepted(validateNamespaceName('a;b')), 'a;b');
		assert.equal(accepted(validateNamespaceName('$(x)')), '$(x)');
	});
});

describe('interface names', () => {
	test("accepts the seeds' names", () => {
		for (const name of [
			'veth0',
			'veth-router1',
			'eth0-web',
			'veth-web-br',
			'vnet-0',
			'vrf1',
			'x'.repeat(15),
		]) {
			assert.equal(accepted(validateInterfaceName(name)), name);
		}
	});

	test('refuses what the kernel refuses', () => {
		refusedWith(validateInterfaceName(''), /cannot be empty/);
		refusedWith(validateInterfaceName('x'.repeat(16)), /at most 15 bytes.*16/);
		refusedWith(validateInterfaceName('é'.repeat(8)), /at most 15 bytes.*16/);
		refusedWith(validateInterfaceName('a/b'), /"\/"/);
		refusedWith(validateInterfaceName('a b'), /a space/);
		refusedWith(validateInterfaceName('a\tb'), /tab/);
		refusedWith(validateInterfaceName('eth0:1'), /":"/);
		refusedWith(validateInterfaceName('.'), /"\."/);
		refusedWith(validateInterfaceName('..'), /"\.\."/);
		refusedWith(validateInterfaceName('-up'), /start with "-"/);
		refusedWith(validateInterfaceName('veth%d'), /"%"/);
		refusedWith(validateInterfaceName('a\0'), /NUL/);
	});

	test('ip keywords are fine: builders put names after "dev" or "name"', () => {
		for (const name of ['help', 'up', 'down', 'dev', 'type'])
			assert.equal(accepted(validateInterfaceName(name)), name);
	});

	test('hostile input', () => {
		for (const input of hostile) {
			const result = validateInterfaceName(input);
			if (result.ok) assert.equal(result.value, input);
		}
		refusedWith(validateInterfaceName('a;rm -rf /'), /"\/"|space/);
	});
});

describe('addresses', () => {
	test('IPv4 and IPv6, strictly', () => {
		assert.deepEqual(accepted(validateIpAddress('192.168.1.1')), {
			family: 'inet',
			address: '192.168.1.1',
		});
		assert.deepEqual(accepted(validateIpAddress('2001:DB8::1')), {
			family: 'inet6',
			address: '2001:db8::1',
		});
		assert.deepEqual(accepted(validateIpAddress(' 10.0.0.1 ')), {
			family: 'inet',
			address: '10.0.0.1',
		});
		refusedWith(validateIpAddress(''), /empty/);
		refusedWith(validateIpAddress('192.168.1'), /not an IPv4 or IPv6/);
		refusedWith(validateIpAddress('192.168.1.256'), /not an IPv4 or IPv6/);
		refusedWith(validateIpAddress('192.168.01.1'), /leading zero/);
		refusedWith(validateIpAddress('0x7f.0.0.1'), /not an IPv4/);
		refusedWith(validateIpAddress('fe80::1%eth0'), /zone/);
		refusedWith(validateIpAddress('1.2.3.4\n'), /not an IPv4/);
		refusedWith(validateIpAddress('1.2.3.4;reboot'), /not an IPv4/);
		refusedWith(validateIpAddress('localhost'), /not an IPv4/);
	});

	test('Unicode digits that look like an address are refused', () => {
		refusedWith(validateIpAddress('１９２.１６８.１.１'), /not an IPv4/);
		refusedWith(validateIpAddress('١٩٢.١٦٨.١.١'), /not an IPv4/);
		refusedWith(validateIpAddress('192․168․1․1'), /not an IPv4/); // U+2024 one dot leader
	});

	test('CIDR: prefix required and in range', () => {
		assert.deepEqual(accepted(validateCidr('192.168.1.1/24')), {
			family: 'inet',
			address: '192.168.1.1',
			prefixlen: 24,
			text: '192.168.1.1/24',
		});
		assert.equal(accepted(validateCidr('2001:db8::1/64')).text, '2001:db8::1/64');
		assert.equal(accepted(validateCidr('10.0.0.1/0')).prefixlen, 0);
		assert.equal(accepted(validateCidr('::1/128')).prefixlen, 128);
		refusedWith(validateCidr('192.168.1.1'), /needs a prefix length/);
		refusedWith(validateCidr('192.168.1.1/33'), /0 to 32, not 33/);
		refusedWith(validateCidr('2001:db8::1/129'), /0 to 128, not 129/);
		refusedWith(validateCidr('192.168.1.1/'), /not a prefix length/);
		refusedWith(validateCidr('192.168.1.1/-1'), /not a prefix length/);
		refusedWith(validateCidr('192.168.1.1/24/8'), /not a prefix length/);
		refusedWith(validateCidr('192.168.1.1/２４'), /not a prefix length/);
		refusedWith(validateCidr('192.168.1.1/0024'), /not a prefix length/);
		refusedWith(validateCidr('192.168.1.1/24 dev lo'), /not a prefix length/);
		refusedWith(validateCidr('/24'), /empty|not an IPv4/);
	});

	test('prefixes (networks) have no host bits', () => {
		assert.equal(accepted(validatePrefix('192.168.15.0/24')).text, '192.168.15.0/24');
		assert.equal(accepted(validatePrefix('2001:db8::/32')).text, '2001:db8::/32');
		refusedWith(
			validatePrefix('192.168.15.1/24'),
			/host bits set: the network is 192\.168\.15\.0\/24/,
		);
		refusedWith(validatePrefix('2001:db8::1/64'), /the network is 2001:db8::\/64/);
		refusedWith(validatePrefix('::ffff:10.1.2.3/120'), /the network is ::ffff:a01:200\/120/);
	});

	test('route destinations: default or a network', () => {
		assert.deepEqual(accepted(validateRouteDestination('default')), {kind: 'default'});
		assert.equal(
			(accepted(validateRouteDestination('10.0.0.0/8')) as {text: string}).text,
			'10.0.0.0/8',
		);
		assert.equal(
			(accepted(validateRouteDestination('10.0.0.7')) as {text: string}).text,
			'10.0.0.7/32',
		);
		refusedWith(validateRouteDestination(''), /type "default"/);
		refusedWith(validateRouteDestination('10.0.0.1/8'), /host bits/);
		refusedWith(validateRouteDestination('Default'), /not an IPv4/);
	});

	test("a gateway of the destination's family", () => {
		assert.equal(accepted(validateGateway('192.168.1.254', 'inet')).address, '192.168.1.254');
		refusedWith(
			validateGateway('2001:db8::1', 'inet'),
			/gateway is IPv6 but the destination is IPv4/,
		);
		refusedWith(
			validateGateway('10.0.0.1', 'inet6'),
			/gateway is IPv4 but the destination is IPv6/,
		);
		refusedWith(validateGateway('10.0.0.1/24'), /not an IPv4/);
	});

	test('route requests', () => {
		const defaultVia = accepted(
			validateRouteRequest({destination: 'default', gateway: '192.168.1.254'}),
		);
		assert.equal(defaultVia.family, 'inet');
		assert.equal(
			accepted(validateRouteRequest({destination: 'default', gateway: 'fe80::1', device: 'eth0'}))
				.family,
			'inet6',
		);
		assert.equal(
			accepted(validateRouteRequest({destination: '10.0.0.0/8', device: 'veth0'})).device,
			'veth0',
		);
		refusedWith(validateRouteRequest({destination: 'default'}), /needs a gateway/);
		refusedWith(
			validateRouteRequest({destination: '10.0.0.0/8', gateway: '2001:db8::1'}),
			/gateway is IPv6/,
		);
		refusedWith(validateRouteRequest({destination: '10.0.0.0/8', device: 'a b'}), /space/);
	});
});

describe('numbers', () => {
	test('VRF tables', () => {
		assert.equal(accepted(validateVrfTable('100')), 100);
		assert.equal(accepted(validateVrfTable(4294967295)), 4294967295);
		refusedWith(validateVrfTable(''), /empty/);
		refusedWith(validateVrfTable('0'), /not a table number/);
		refusedWith(validateVrfTable('254'), /"main" table/);
		refusedWith(validateVrfTable('255'), /"local" table/);
		refusedWith(validateVrfTable('4294967296'), /at most 4294967295/);
		refusedWith(validateVrfTable('1e3'), /not a table number/);
		refusedWith(validateVrfTable('-1'), /not a table number/);
		refusedWith(validateVrfTable('100;reboot'), /not a table number/);
	});

	test('PIDs', () => {
		assert.equal(accepted(validatePid('1')), 1);
		assert.equal(accepted(validatePid(4242)), 4242);
		refusedWith(validatePid('0'), /not a PID/);
		refusedWith(validatePid('-1'), /not a PID/);
		refusedWith(validatePid('12a'), /not a PID/);
		refusedWith(validatePid('1.5'), /not a PID/);
		refusedWith(validatePid(1.5), /not a PID/);
		refusedWith(validatePid(Number.NaN), /not a PID/);
		refusedWith(validatePid('99999999'), /larger than any PID/);
		refusedWith(validatePid('1\n2'), /"1\\n2" is not a PID/);
	});
});

describe('targets passed on from the snapshot', () => {
	test('namespace targets', () => {
		assert.equal(accepted(validateNamespaceTarget('current')), 'current');
		assert.deepEqual(accepted(validateNamespaceTarget({name: 'ns1'})), {name: 'ns1'});
		assert.deepEqual(accepted(validateNamespaceTarget({path: '/proc/42/ns/net'})), {
			path: '/proc/42/ns/net',
		});
		refusedWith(validateNamespaceTarget({name: '-x'}), /start with "-"/);
		refusedWith(validateNamespaceTarget({path: 'proc/42/ns/net'}), /absolute/);
		assert.deepEqual(accepted(validateNamespaceTarget({path: '/run/netns/a\nb'})), {
			path: '/run/netns/a\nb',
		});
		refusedWith(validateNamespaceTarget({path: '/a\0b'}), /NUL/);
	});

	test('netns references', () => {
		assert.deepEqual(accepted(validateNetnsRef({name: 'ns1'})), {name: 'ns1'});
		assert.deepEqual(accepted(validateNetnsRef({pid: '42'})), {pid: 42});
		refusedWith(validateNetnsRef({pid: 'x'}), /not a PID/);
	});

	test('routes to delete', () => {
		const route = {
			family: 'inet' as const,
			dst: '10.0.0.0/24',
			gateway: null,
			dev: 'veth0',
			table: 'main',
			protocol: 'kernel',
			scope: 'link',
			metric: null,
		};
		accepted(validateRoute(route));
		accepted(validateRoute({...route, dst: '10.0.0.1'}));
		accepted(validateRoute({...route, dst: 'default', gateway: '10.0.0.254', type: 'unreachable'}));
		refusedWith(validateRoute({...route, dst: '2001:db8::/32'}), /not inet/);
		refusedWith(validateRoute({...route, table: 'main; reboot'}), /not a routing table/);
		refusedWith(validateRoute({...route, type: '-x'}), /not a route type/);
		refusedWith(validateRoute({...route, dev: '-x'}), /start with "-"/);
	});
});
