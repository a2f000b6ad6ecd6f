// issue 26: address types as the kernel has them in a namespace, for
// iptables' `-m addrtype` and nft's `fib daddr type`, and the DNAT of a
// published port that depends on them.
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {addressTyper} from '../../source/model/trace/address-type.js';
import {natRewrite} from '../../source/model/trace/firewall-checks.js';
import {
	markedBy,
	parseIptablesCounters,
	ruleMatches,
	startingMark,
} from '../../source/model/trace/netfilter.js';
import {parseNftRuleset} from '../../source/model/trace/nft.js';
import type {Packet} from '../../source/model/trace/types.js';
import type {Interface, Namespace} from '../../source/model/snapshot.js';

const packet = (fields: Partial<Packet> = {}): Packet => ({
	family: 'inet',
	src: '198.51.100.2',
	dst: '198.51.100.1',
	protocol: 'tcp',
	dport: 8080,
	sport: null,
	...fields,
});
const v4 = (address: string, prefixlen = 24) => ({family: 'inet' as const, address, prefixlen});
const link = (name: string, fields: Partial<Interface> = {}): Interface => ({
	ifindex: 2,
	name,
	kind: 'veth',
	state: 'UP',
	flags: ['UP', 'LOWER_UP'],
	mtu: 1500,
	mac: null,
	master: null,
	addresses: [],
	peer: null,
	...fields,
});
const namespace = (inode: number, name: string, interfaces: Interface[]): Namespace => ({
	inode,
	name,
	paths: [],
	root: false,
	nsid: null,
	forwarding: {ipv4: true, ipv6: false},
	processes: [],
	interfaces,
	routes: [],
	error: null,
});

describe('address types (issue 26: -m addrtype, fib daddr type)', () => {
	const host = namespace(9, 'host', [
		link('lo', {kind: 'loopback', addresses: [v4('127.0.0.1', 8)]}),
		link('eth0', {addresses: [v4('198.51.100.1')]}),
		link('docker0', {kind: 'bridge', addresses: [v4('172.17.0.1', 16)]}),
	]);
	const typer = addressTyper(host);
	// Docker's nat rules for `-p 8080:80`, as iptables-save prints them.
	const docker = parseIptablesCounters(
		[
			'*nat',
			':PREROUTING ACCEPT [0:0]',
			':OUTPUT ACCEPT [0:0]',
			':DOCKER - [0:0]',
			'-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER',
			'-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER',
			'-A DOCKER -i docker0 -j RETURN',
			'-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80',
			'COMMIT',
		].join('\n'),
	);
	const at = (dst: string, hook: 'prerouting' | 'output', input: string | null) =>
		natRewrite(docker, hook, packet({dst, dport: 8080}), {
			in: input,
			out: null,
			state: 'NEW',
			addressType: typer,
		}).rewrite;

	test("the namespace's own addresses, loopback, broadcast and multicast", () => {
		assert.equal(typer('198.51.100.1'), 'LOCAL');
		assert.equal(typer('127.0.0.53'), 'LOCAL');
		assert.equal(typer('172.17.255.255'), 'BROADCAST');
		assert.equal(typer('224.0.0.1'), 'MULTICAST');
		assert.equal(typer('198.51.100.2'), 'UNICAST');
	});
	test("Docker's published port: DNAT to an own address, not to another one, not from the bridge", () => {
		assert.equal(at('198.51.100.1', 'prerouting', 'eth0')?.to, '172.17.0.2');
		assert.equal(at('198.51.100.1', 'prerouting', 'eth0')?.port, 80);
		assert.equal(at('198.51.100.9', 'prerouting', 'eth0'), null, 'not a local address');
		assert.equal(at('198.51.100.1', 'prerouting', 'docker0'), null, 'DOCKER returns for docker0');
		assert.equal(at('198.51.100.1', 'output', null)?.to, '172.17.0.2', "the host's own address");
		assert.equal(at('127.0.0.1', 'output', null), null, 'loopback is left to docker-proxy');
	});
	test('without the types, addrtype is "maybe", never a verdict', () => {
		assert.equal(
			ruleMatches(['-m', 'addrtype', '--dst-type', 'LOCAL', '-j', 'DOCKER'], packet(), {
				in: 'eth0',
				out: null,
				state: 'NEW',
			}),
			'maybe',
		);
		assert.equal(
			ruleMatches(
				['-m', 'addrtype', '!', '--dst-type', 'LOCAL', '-j', 'X'],
				packet({dst: '198.51.100.9'}),
				{
					in: 'eth0',
					out: null,
					state: 'NEW',
					addressType: typer,
				},
			),
			'yes',
		);
		assert.equal(
			ruleMatches(
				['-m', 'addrtype', '--dst-type', 'LOCAL', '--limit-iface-in', '-j', 'X'],
				packet({dst: '198.51.100.1'}),
				{in: 'eth0', out: null, state: 'NEW', addressType: typer},
			),
			'maybe',
		);
	});
	test("nft's `fib daddr type local` is judged the same way", () => {
		const rule = (match: object, target: object) => ({
			rule: {family: 'ip', table: 'pm', chain: 'pre', handle: 2, expr: [match, target]},
		});
		const ruleset = parseNftRuleset(
			JSON.stringify({
				nftables: [
					{
						chain: {
							family: 'ip',
							table: 'pm',
							name: 'pre',
							handle: 1,
							type: 'nat',
							hook: 'prerouting',
							prio: -100,
						},
					},
					rule(
						{match: {op: '==', left: {fib: {result: 'type', flags: ['daddr']}}, right: 'local'}},
						{dnat: {addr: '10.244.0.2', port: 80}},
					),
				],
			}),
			'inet',
			() => false,
		);
		const context = {in: 'eth0', out: null, state: 'NEW' as const, addressType: typer};
		assert.equal(
			natRewrite(ruleset, 'prerouting', packet({dst: '198.51.100.1'}), context).rewrite?.to,
			'10.244.0.2',
		);
		assert.equal(
			natRewrite(ruleset, 'prerouting', packet({dst: '10.9.9.9'}), context).rewrite,
			null,
		);
		assert.equal(ruleset.rules[0]?.text, 'fib daddr type local dnat to 10.244.0.2:80');
	});
});

describe("marks set by MARK rules, as portmap's masquerade reads them", () => {
	const host = namespace(9, 'host', [link('eth0', {addresses: [v4('198.51.100.1')]})]);
	const cni = parseIptablesCounters(
		[
			'*nat',
			':PREROUTING ACCEPT [0:0]',
			':POSTROUTING ACCEPT [0:0]',
			':CNI-HOSTPORT-DNAT - [0:0]',
			':CNI-HOSTPORT-SETMARK - [0:0]',
			':CNI-HOSTPORT-MASQ - [0:0]',
			'-A PREROUTING -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT',
			'-A POSTROUTING -m comment --comment "CNI portfwd requiring masquerade" -j CNI-HOSTPORT-MASQ',
			'-A CNI-HOSTPORT-DNAT -s 10.244.0.0/24 -p tcp -m tcp --dport 30080 -j CNI-HOSTPORT-SETMARK',
			'-A CNI-HOSTPORT-DNAT -p tcp -m tcp --dport 30080 -j DNAT --to-destination 10.244.0.2:80',
			'-A CNI-HOSTPORT-MASQ -m mark --mark 0x2000/0x2000 -j MASQUERADE',
			'-A CNI-HOSTPORT-SETMARK -j MARK --set-xmark 0x2000/0x2000',
			'COMMIT',
		].join('\n'),
	);
	const masqueraded = (src: string) => {
		const context = {
			in: 'eth0',
			out: null,
			state: 'NEW' as const,
			addressType: addressTyper(host),
			mark: {value: startingMark(cni)},
		};
		const before = natRewrite(cni, 'prerouting', packet({src, dport: 30080}), context);
		assert.equal(before.rewrite?.to, '10.244.0.2');
		const after = natRewrite(cni, 'postrouting', packet({src, dst: '10.244.0.2', dport: 80}), {
			...context,
			out: 'cni0',
		});
		return {mark: context.mark.value, masquerade: after.rewrite?.to === 'masquerade', after};
	};

	test('from outside: no mark, so no masquerade and no "may apply"', () => {
		const outside = masqueraded('198.51.100.2');
		assert.equal(outside.mark, 0);
		assert.equal(outside.masquerade, false);
		assert.deepEqual(outside.after.checks, []);
	});
	test('from the pod subnet (hairpin): marked 0x2000 and masqueraded', () => {
		const hairpin = masqueraded('10.244.0.5');
		assert.equal(hairpin.mark, 0x2000);
		assert.equal(hairpin.masquerade, true);
	});
	test('a MARK rule in mangle, which the walk does not run: the mark cannot be told', () => {
		const mangled = parseIptablesCounters(
			[
				'*mangle',
				':PREROUTING ACCEPT [0:0]',
				'-A PREROUTING -j MARK --set-mark 0x1',
				'COMMIT',
			].join('\n'),
		);
		assert.equal(startingMark(mangled), null);
		assert.equal(markedBy({'--or-mark': '0x2000'}, 0x1), 0x2001);
	});
});
