import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parseIp, parsePrefix, prefixContains} from '../../source/model/ip-prefix.js';

const contains = (prefix: string, address: string) =>
	prefixContains(parsePrefix(prefix)!, parseIp(address)!);

test('IPv4: inside and outside a prefix, at its edges', () => {
	assert.equal(contains('192.168.15.0/24', '192.168.15.0'), true);
	assert.equal(contains('192.168.15.0/24', '192.168.15.255'), true);
	assert.equal(contains('192.168.15.0/24', '192.168.16.0'), false);
	assert.equal(
		contains('192.168.15.1/24', '192.168.15.77'),
		true,
		'host bits in the prefix do not matter',
	);
	assert.equal(contains('0.0.0.0/0', '8.8.8.8'), true);
	assert.equal(contains('10.0.0.1/32', '10.0.0.2'), false);
});

test('IPv6: compressed forms, and never across families', () => {
	assert.equal(contains('fd00::/64', 'fd00::2'), true);
	assert.equal(contains('fd00::/64', 'fd00:0:0:1::2'), false);
	assert.equal(contains('fe80::/10', 'fe80::c0e:52ff:fea8:a390'), true);
	assert.equal(contains('::ffff:0:0/96', '::ffff:10.0.0.1'), true);
	assert.equal(contains('0.0.0.0/0', '::1'), false);
});

test('parsing: what is and is not an address or prefix', () => {
	assert.deepEqual(parsePrefix('10.0.0.1'), {family: 'inet', value: 0x0a000001n, prefixlen: 32});
	assert.equal(parsePrefix('10.0.0.0/33'), null);
	assert.equal(parsePrefix('10.0.0.0/x'), null);
	assert.equal(parsePrefix('10.0.0.0/8/8'), null);
	assert.equal(parseIp('veth0'), null);
	assert.equal(parseIp('256.0.0.1'), null);
	assert.equal(parseIp('fe80::1%eth0')?.family, 'inet6');
});
