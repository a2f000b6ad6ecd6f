import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {routeHint} from '../../source/model/gateway-hint.js';
import {parseRouteSpec, validateRouteSpec} from '../../source/model/route-spec.js';
import {link, namespace, wire} from '../fixtures/synthetic-snapshots.js';

const devices = ['lo', 'eth0', 'veth1'];
const ok = (text: string) => {
	const result = validateRouteSpec(text, devices);
	assert.ok(result.ok, result.ok ? '' : result.reason);
	return result.value;
};
const refused = (text: string, reason: RegExp) => {
	const result = validateRouteSpec(text, devices);
	assert.equal(result.ok, false, `${text} is refused`);
	if (!result.ok) assert.match(result.reason, reason);
};

describe('the route prompt takes one line as for ip route (#12)', () => {
	test('default via GW, DST via GW [dev DEV], DST dev DEV, in either order', () => {
		assert.deepEqual(ok('default via 192.0.2.1').spec, {
			destination: 'default',
			gateway: '192.0.2.1',
			device: '',
		});
		assert.equal(ok('default via 192.0.2.1').destination.kind, 'default');
		assert.deepEqual(ok('10.0.0.0/8 via 192.0.2.1 dev eth0').spec, {
			destination: '10.0.0.0/8',
			gateway: '192.0.2.1',
			device: 'eth0',
		});
		assert.deepEqual(ok('10.0.0.0/8 dev eth0 via 192.0.2.1').spec, {
			destination: '10.0.0.0/8',
			gateway: '192.0.2.1',
			device: 'eth0',
		});
		assert.equal(ok('default\tvia 192.0.2.1').spec.gateway, '192.0.2.1');
		assert.deepEqual(ok('  10.9.0.0/16   dev veth1 ').spec, {
			destination: '10.9.0.0/16',
			gateway: '',
			device: 'veth1',
		});
		assert.equal(ok('2001:db8::/32 via fe80::1 dev eth0').family, 'inet6');
		assert.equal(ok('10.0.0.7 dev eth0').destination.kind, 'prefix');
	});

	test('everything else is refused with a reason, as strictly as before', () => {
		refused('', /cannot be empty/);
		refused('default', /needs a gateway/);
		refused('via 192.0.2.1', /starts with its destination/);
		refused('default via', /"via" needs a gateway address/);
		refused('default dev', /"dev" needs an interface name/);
		refused('default via 192.0.2.1 via 192.0.2.2', /"via" is given twice/);
		refused('default gw 192.0.2.1', /"gw" is not understood here/);
		refused('10.0.0.0/8 via 192.0.2.1 metric 10', /"metric" is not understood here/);
		refused('10.0.0.1/8 via 192.0.2.1', /host bits/);
		refused('10.0.0.0/8 via 2001:db8::1', /gateway is IPv6/);
		refused('default via 192.0.2.300', /not an IPv4 or IPv6 address/);
		refused('default dev eth9', /no interface eth9 here/);
		refused('default dev -x', /start with "-"/);
		refused('default via 192.0.2.1;reboot', /not an IPv4 or IPv6 address/);
		refused('default via 192.0.2.1\ndev eth0', /not an IPv4 or IPv6 address|not understood/);
		refused('default dev eth0\u001b[2J', /cannot contain|no interface/);
	});

	test('the parts are words: nothing in the line is passed on whole', () => {
		assert.deepEqual(parseRouteSpec('default via $(reboot)'), {
			ok: true,
			value: {destination: 'default', gateway: '$(reboot)', device: ''},
		});
		refused('default via $(reboot)', /not an IPv4 or IPv6 address/);
	});
});

describe("the hint is a gateway on the namespace's own subnet, not a fixed address", () => {
	const v4 = (address: string, prefixlen: number) => ({
		family: 'inet' as const,
		address,
		prefixlen,
	});

	test('the other end of its veth, when it has an address on the subnet', () => {
		const client = namespace(1, 'client');
		const router = namespace(2, 'router', {forwarding: {ipv4: true, ipv6: false}});
		wire(client, 'eth0', router, 'veth-c', {aAddress: '10.7.0.2/24', bAddress: '10.7.0.1/24'});
		assert.equal(routeHint(client, [client, router]), 'e.g. default via 10.7.0.1');
	});

	test('another namespace on the subnet (one that forwards first), else the first host, else the last', () => {
		const me = namespace(1, 'me', {
			interfaces: [
				link(1, 'lo', 'loopback', {addresses: [v4('127.0.0.1', 8)]}),
				link(2, 'eth0', 'device', {addresses: [v4('172.20.3.9', 16)]}),
			],
		});
		const plain = namespace(2, 'plain', {
			interfaces: [link(2, 'e', 'device', {addresses: [v4('172.20.0.5', 16)]})],
		});
		const forwarder = namespace(3, 'fw', {
			forwarding: {ipv4: true, ipv6: false},
			interfaces: [link(2, 'e', 'device', {addresses: [v4('172.20.0.1', 16)]})],
		});
		assert.equal(routeHint(me, [me, plain, forwarder]), 'e.g. default via 172.20.0.1');
		assert.equal(routeHint(me, [me, plain]), 'e.g. default via 172.20.0.5');
		assert.equal(routeHint(me, [me]), 'e.g. default via 172.20.0.1');
		const first = namespace(4, 'first', {
			interfaces: [link(2, 'eth0', 'device', {addresses: [v4('192.168.7.1', 24)]})],
		});
		assert.equal(routeHint(first, [first]), 'e.g. default via 192.168.7.254');
	});

	test('with a default route already, a more specific one; without an address, a dev route or a word on what is missing', () => {
		const routed = namespace(1, 'r', {
			interfaces: [link(2, 'eth0', 'device', {addresses: [v4('10.1.1.2', 24)]})],
			routes: [
				{
					family: 'inet',
					dst: 'default',
					gateway: '10.1.1.1',
					dev: 'eth0',
					table: 'main',
					protocol: 'boot',
					scope: 'universe',
					metric: null,
				},
			],
		});
		assert.equal(routeHint(routed, [routed]), 'e.g. 10.0.0.0/8 via 10.1.1.1');
		const bare = namespace(2, 'bare', {
			interfaces: [link(1, 'lo', 'loopback'), link(2, 'veth0', 'veth')],
		});
		assert.equal(routeHint(bare, [bare]), 'e.g. 10.0.0.0/24 dev veth0');
		const empty = namespace(3, 'empty');
		assert.match(routeHint(empty, [empty]), /no address here yet/);
	});
});
