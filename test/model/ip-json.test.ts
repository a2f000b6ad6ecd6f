import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
	parseForwarding,
	parseJsonLines,
	parseLinks,
	parseNsids,
	parseRoutes,
} from '../../source/model/ip-json.js';

test('parseJsonLines keeps whole arrays and stops at a truncated one', () => {
	const text = '[{"a":1}]\n[]\n[{"ifindex":1,\nCommand failed -:3\n[{"b":2}]\n';
	assert.deepEqual(parseJsonLines(text), [[{a: 1}], []]);
});

test('parseJsonLines survives the `[` that ip prints before an error', () => {
	assert.deepEqual(parseJsonLines('['), []);
	assert.deepEqual(parseJsonLines(''), []);
	assert.deepEqual(parseJsonLines('{"not":"an array"}\n[1]'), []);
});

test('parseLinks reads kind, state, master, addresses and the veth pointers', () => {
	const [link, lo] = parseLinks([
		{
			ifindex: 3,
			link_index: 2,
			ifname: 'veth-web-br',
			flags: ['BROADCAST', 'UP'],
			mtu: 1500,
			master: 'vnet-0',
			operstate: 'UP',
			link_type: 'ether',
			address: '2e:de:59:3e:33:57',
			link_netnsid: 0,
			linkinfo: {info_kind: 'veth', info_slave_kind: 'bridge'},
			addr_info: [
				{family: 'inet', local: '192.168.15.5', prefixlen: 24},
				{family: 'inet6', local: 'fe80::1', prefixlen: 64},
				{family: 'inet', prefixlen: 24},
			],
		},
		{
			ifindex: 1,
			ifname: 'lo',
			link_type: 'loopback',
			flags: ['LOOPBACK'],
			operstate: 'UNKNOWN',
			mtu: 65536,
		},
		{ifname: 'no-index'},
		'junk',
	]);
	assert.equal(link?.kind, 'veth');
	assert.equal(link?.master, 'vnet-0');
	assert.equal(link?.linkIndex, 2);
	assert.equal(link?.linkNetnsid, 0);
	assert.equal(link?.mac, '2e:de:59:3e:33:57');
	assert.deepEqual(link?.addresses, [
		{family: 'inet', address: '192.168.15.5', prefixlen: 24},
		{family: 'inet6', address: 'fe80::1', prefixlen: 64},
	]);
	assert.equal(lo?.kind, 'loopback');
	assert.equal(lo?.linkNetnsid, null);
});

test('parseLinks turns a same-namespace `link` name into the peer index', () => {
	const [v1, v0] = parseLinks([
		{ifindex: 2, link: 'v0', ifname: 'v1', linkinfo: {info_kind: 'veth'}},
		{ifindex: 3, link: 'v1', ifname: 'v0', linkinfo: {info_kind: 'veth'}},
	]);
	assert.deepEqual([v1?.linkIndex, v1?.linkNetnsid, v0?.linkIndex], [3, null, 2]);
});

test('parseLinks calls a link without a kind a device', () => {
	assert.equal(parseLinks([{ifindex: 2, ifname: 'eth0', link_type: 'ether'}])[0]?.kind, 'device');
});

test('parseRoutes leaves out the local table and keeps other tables', () => {
	const routes = parseRoutes(
		[
			{dst: 'default', gateway: '192.168.1.254', dev: 'veth-ns1', flags: []},
			{type: 'local', dst: '127.0.0.1', dev: 'lo', table: 'local'},
			{dst: '10.0.0.0/8', dev: 'vrf1', table: '100', protocol: 'static', metric: 20},
			{type: 'blackhole', dst: '10.9.0.0/16', table: 'main'},
		],
		'inet',
	);
	assert.deepEqual(routes, [
		{
			family: 'inet',
			dst: 'default',
			gateway: '192.168.1.254',
			dev: 'veth-ns1',
			table: 'main',
			protocol: null,
			scope: null,
			metric: null,
		},
		{
			family: 'inet',
			dst: '10.0.0.0/8',
			gateway: null,
			dev: 'vrf1',
			table: '100',
			protocol: 'static',
			scope: null,
			metric: 20,
		},
		{
			family: 'inet',
			dst: '10.9.0.0/16',
			gateway: null,
			dev: null,
			table: 'main',
			protocol: null,
			scope: null,
			metric: null,
			type: 'blackhole',
		},
	]);
});

test('parseForwarding reads the `all` entry of each family', () => {
	assert.deepEqual(
		parseForwarding([
			{family: 'inet', interface: 'lo', forwarding: false},
			{family: 'inet', interface: 'all', forwarding: true},
			{family: 'inet6', interface: 'all', forwarding: false},
			{family: 'inet6', interface: 'eth0', forwarding: true},
		]),
		{ipv4: true, ipv6: false},
	);
});

test('parseNsids keeps the name only where ip knew one', () => {
	assert.deepEqual(parseNsids([{nsid: 0, name: 'web'}, {nsid: 2}, {nsid: -1}, {}]), [
		{nsid: 0, name: 'web'},
		{nsid: 2, name: null},
	]);
});
