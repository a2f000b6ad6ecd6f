// The trace's pure parts: the kernel's answers, policy rules, iptables rules and
// counters judged for one packet, FROM/TO, and the walk over facts from a table.
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {parseRouteAnswer, routeText} from '../../source/model/trace/route-answer.js';
import {parsePolicyRules, rulesFor} from '../../source/model/trace/policy-rules.js';
import {
	evaluateChain,
	parseIptablesCounters,
	ruleMatches,
	ruleWords,
} from '../../source/model/trace/netfilter.js';
import {
	resolveDestination,
	resolveNamespace,
	splitDestination,
} from '../../source/model/trace/endpoints.js';
import {tracePath} from '../../source/model/trace/walk.js';
import {listenerFor} from '../../source/model/trace/listener.js';
import {parseNftRuleset} from '../../source/model/trace/nft.js';
import {countEchoes, probePoints, probeVerdict} from '../../source/model/trace/probe.js';
import {pathMarks} from '../../source/model/trace/path-marks.js';
import {traceLines} from '../../source/model/trace/format.js';
import {formatTrace} from '../../source/model/trace/print.js';
import type {TraceFacts} from '../../source/model/trace/facts.js';
import type {Packet} from '../../source/model/trace/types.js';
import type {Interface, Namespace, Snapshot} from '../../source/model/snapshot.js';

const packet = (fields: Partial<Packet> = {}): Packet => ({
	family: 'inet',
	src: '192.168.1.1',
	dst: '192.168.2.1',
	protocol: 'tcp',
	dport: 80,
	sport: null,
	...fields,
});

describe("the kernel's answer to ip route get", () => {
	test('a route, with the table a rule chose', () => {
		const answer = parseRouteAnswer(
			'[{"dst":"192.168.2.1","gateway":"192.168.1.254","dev":"veth-ns1","table":"100","prefsrc":"192.168.1.1","flags":[],"uid":0,"cache":[]}]',
			'',
		);
		assert.deepEqual(answer, {
			kind: 'route',
			type: 'unicast',
			dst: '192.168.2.1',
			dev: 'veth-ns1',
			gateway: '192.168.1.254',
			prefsrc: '192.168.1.1',
			table: '100',
			flags: [],
		});
		assert.equal(
			routeText(answer as never),
			'192.168.2.1 via 192.168.1.254 dev veth-ns1 table 100 src 192.168.1.1',
		);
	});
	test('refusals by errno', () => {
		const refusal = (stderr: string) => {
			const answer = parseRouteAnswer('', stderr);
			return answer.kind === 'refused' ? answer.refusal : null;
		};
		assert.equal(refusal('RTNETLINK answers: Network is unreachable'), 'no-route');
		assert.equal(refusal('RTNETLINK answers: No route to host'), 'unreachable');
		assert.equal(refusal('RTNETLINK answers: Invalid argument'), 'blackhole');
		assert.equal(refusal('RTNETLINK answers: Permission denied'), 'prohibit');
		assert.equal(refusal('RTNETLINK answers: Invalid cross-device link'), 'reverse-path');
		assert.equal(refusal('something new'), 'other');
	});
});

describe('policy rules', () => {
	const rules = parsePolicyRules([
		{priority: 0, src: 'all', table: 'local'},
		{priority: 100, src: 'all', dst: '192.168.2.0', dstlen: 24, table: '100'},
		{priority: 101, src: '10.0.0.0', srclen: 8, action: 'unreachable'},
		{priority: 102, src: 'all', fwmark: '0x1', table: '5'},
		{priority: 103, not: null, src: '192.168.1.1', table: '7'},
		{priority: 32766, src: 'all', table: 'main'},
	]);
	test('the rules that would select a packet, before main; fwmark is not judged', () => {
		const selected = rulesFor(rules, packet(), null).map(rule => [rule.priority, rule.certain]);
		assert.deepEqual(selected, [
			[100, true],
			[102, false],
		]);
		assert.deepEqual(
			rulesFor(rules, packet({src: '10.1.2.3'}), null).map(rule => rule.priority),
			[100, 101, 102, 103],
		);
	});
});

describe('iptables rules with counters', () => {
	const saved = [
		'*filter',
		':INPUT ACCEPT [10:840]',
		':FORWARD DROP [3:252]',
		':OUTPUT ACCEPT [0:0]',
		':CHECKS - [0:0]',
		'[5:420] -A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
		'[2:168] -A FORWARD -i veth-r1 -p tcp -m tcp --dport 22 -j ACCEPT',
		'[0:0] -A FORWARD -m comment --comment "two words" -j CHECKS',
		'[1:60] -A CHECKS -d 192.168.2.9/32 -j REJECT --reject-with icmp-port-unreachable',
		'[0:0] -A INPUT -m physdev --physdev-is-bridged -j DROP',
		'COMMIT',
		'*nat',
		':POSTROUTING ACCEPT [0:0]',
		'[7:500] -A POSTROUTING -s 192.168.15.0/24 ! -o vnet-0 -j MASQUERADE',
		'COMMIT',
	].join('\n');
	const ruleset = parseIptablesCounters(saved);

	test('policies, rules and packet counters are read; a quoted comment is one word', () => {
		assert.deepEqual(
			ruleset.chains.find(chain => chain.chain === 'FORWARD'),
			{
				table: 'filter',
				chain: 'FORWARD',
				policy: 'DROP',
				packets: 3,
				base: {hook: 'forward', kind: 'filter', priority: 0},
			},
		);
		assert.equal(
			ruleset.chains.find(chain => chain.chain === 'CHECKS')?.base,
			undefined,
			'a user chain hooks nowhere',
		);
		assert.equal(ruleset.rules.length, 6);
		assert.equal(ruleset.rules[0]!.packets, 5);
		assert.deepEqual(ruleWords('-m comment --comment "two words" -j X'), [
			'-m',
			'comment',
			'--comment',
			'two words',
			'-j',
			'X',
		]);
	});
	test('a new connection meets the FORWARD policy; a reply is accepted by the conntrack rule', () => {
		const fresh = evaluateChain(ruleset, 'filter', 'FORWARD', packet(), {
			in: 'veth-r1',
			out: 'veth-r2',
			state: 'NEW',
		});
		assert.equal(fresh.verdict, 'drop');
		assert.equal(fresh.policy?.packets, 3);
		const reply = evaluateChain(ruleset, 'filter', 'FORWARD', packet(), {
			in: 'veth-r2',
			out: 'veth-r1',
			state: 'ESTABLISHED',
		});
		assert.equal(reply.verdict, 'accept');
	});
	test('ports, interfaces and user chains', () => {
		assert.equal(
			evaluateChain(ruleset, 'filter', 'FORWARD', packet({dport: 22}), {
				in: 'veth-r1',
				out: 'x',
				state: 'NEW',
			}).verdict,
			'accept',
		);
		const rejected = evaluateChain(ruleset, 'filter', 'FORWARD', packet({dst: '192.168.2.9'}), {
			in: 'veth-r1',
			out: 'x',
			state: 'NEW',
		});
		assert.equal(rejected.verdict, 'drop');
		assert.match(rejected.rule!.text, /REJECT/);
	});
	test('a match nstui does not judge makes a rule "maybe", never a verdict', () => {
		assert.equal(
			ruleMatches(['-m', 'physdev', '--physdev-is-bridged', '-j', 'DROP'], packet(), {
				in: 'x',
				out: null,
				state: 'NEW',
			}),
			'maybe',
		);
		const input = evaluateChain(ruleset, 'filter', 'INPUT', packet(), {
			in: 'x',
			out: null,
			state: 'NEW',
		});
		assert.equal(input.verdict, 'pass');
		assert.equal(input.unsure.length, 1);
	});
	test('"! -o" excludes the bridge from the masquerade', () => {
		assert.equal(
			evaluateChain(ruleset, 'nat', 'POSTROUTING', packet({src: '192.168.15.5'}), {
				in: 'vnet-0',
				out: 'vnet-0',
				state: 'NEW',
			}).verdict,
			'pass',
		);
		assert.equal(
			evaluateChain(ruleset, 'nat', 'POSTROUTING', packet({src: '192.168.15.5'}), {
				in: 'vnet-0',
				out: 'eth0',
				state: 'NEW',
			}).verdict,
			'nat',
		);
	});
});

const link = (name: string, fields: Partial<Interface> = {}): Interface => ({
	ifindex: 2,
	name,
	kind: 'veth',
	state: 'UP',
	flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
	mtu: 1500,
	mac: null,
	master: null,
	addresses: [],
	peer: null,
	...fields,
});
const namespace = (
	inode: number,
	name: string,
	interfaces: Interface[],
	fields: Partial<Namespace> = {},
): Namespace => ({
	inode,
	name,
	paths: [`/run/netns/${name}`],
	root: false,
	nsid: null,
	forwarding: {ipv4: false, ipv6: false},
	processes: [],
	interfaces,
	routes: [],
	error: null,
	...fields,
});
const v4 = (address: string, prefixlen = 24) => ({family: 'inet' as const, address, prefixlen});

// seed 000 §4 as a snapshot: a — router — b.
const a = namespace(1, 'a', [
	link('veth-ns1', {
		addresses: [v4('192.168.1.1')],
		peer: {namespace: 2, name: 'veth-router1', ifindex: 2},
	}),
]);
const router = namespace(
	2,
	'router',
	[
		link('veth-router1', {
			addresses: [v4('192.168.1.254')],
			peer: {namespace: 1, name: 'veth-ns1', ifindex: 2},
		}),
		link('veth-router2', {
			addresses: [v4('192.168.2.254')],
			peer: {namespace: 3, name: 'veth-ns2', ifindex: 2},
		}),
	],
	{
		forwarding: {ipv4: true, ipv6: false},
		owner: {
			engine: 'docker',
			id: 'abcdef0123456789',
			name: 'edge',
			image: null,
			labels: {},
			containers: [],
			cgroup: '/docker/abcdef',
			note: null,
		},
	},
);
const b = namespace(3, 'b', [
	link('veth-ns2', {
		addresses: [v4('192.168.2.1')],
		peer: {namespace: 2, name: 'veth-router2', ifindex: 3},
	}),
]);
const snapshot: Snapshot = {
	version: 1,
	takenAt: '2026-12-02T00:00:00Z',
	namespaces: [a, router, b],
};

/** Facts from a table, as the kernel of each namespace would answer: the routes of seed 000 §4. */
function tableFacts(overrides: {forwarding?: string; bDefault?: boolean} = {}): TraceFacts {
	const routes: Record<string, (p: {dst: string; src: string}, iif: string | null) => string> = {
		a: p =>
			p.dst === '192.168.1.1'
				? '[{"type":"local","dst":"192.168.1.1","dev":"lo","table":"local","flags":[]}]'
				: `[{"dst":"${p.dst}","gateway":"192.168.1.254","dev":"veth-ns1","prefsrc":"192.168.1.1","flags":[]}]`,
		router: (p, iif) => {
			if (iif !== null && overrides.forwarding === '0') return 'No route to host';
			return p.dst.startsWith('192.168.2.')
				? `[{"dst":"${p.dst}","dev":"veth-router2","flags":[]}]`
				: `[{"dst":"${p.dst}","dev":"veth-router1","flags":[]}]`;
		},
		b: p => {
			if (p.dst === '192.168.2.1')
				return '[{"type":"local","dst":"192.168.2.1","dev":"lo","flags":[]}]';
			if (overrides.bDefault === false) return 'Network is unreachable';
			return `[{"dst":"${p.dst}","gateway":"192.168.2.254","dev":"veth-ns2","prefsrc":"192.168.2.1","flags":[]}]`;
		},
	};
	return {
		snapshot,
		async routeGet(ns, p, iif) {
			const out = routes[ns.name!]!(p, iif);
			return parseRouteAnswer(out.startsWith('[') ? out : '', out);
		},
		async link() {
			return null;
		},
		async rules() {
			return [];
		},
		async tableEmpty() {
			return true;
		},
		async sysctls(ns, keys) {
			return new Map(
				keys.map(key => [
					key,
					key.endsWith('forwarding') || key.endsWith('ip_forward')
						? ns.name === 'router'
							? (overrides.forwarding ?? '1')
							: '0'
						: '0',
				]),
			);
		},
		async neighbour() {
			return null;
		},
		async firewall() {
			return {ruleset: null, error: null, source: 'table'};
		},
		async listening() {
			return {listening: null, detail: 'not asked'};
		},
	};
}

describe('the walk over facts from a table', () => {
	test('a reaches b through the router and back', async () => {
		const trace = await tracePath(tableFacts(), {
			from: a,
			to: '192.168.2.1',
			toNamespace: b,
			protocol: 'icmp',
			port: null,
		});
		assert.deepEqual(
			trace.forward.map(hop => [hop.label, hop.role]),
			[
				['a', 'origin'],
				['router', 'transit'],
				['b', 'destination'],
			],
		);
		assert.deepEqual(
			trace.return.map(hop => hop.label),
			['b', 'router', 'a'],
		);
		assert.equal(trace.ok, true);
		assert.match(formatTrace(trace), /✓ a reaches 192\.168\.2\.1 and the replies come back/);
	});
	test('forwarding off names the router and f', async () => {
		const trace = await tracePath(tableFacts({forwarding: '0'}), {
			from: a,
			to: '192.168.2.1',
			toNamespace: null,
			protocol: 'icmp',
			port: null,
		});
		assert.deepEqual(trace.broken, {
			direction: 'forward',
			hop: 1,
			sentence: 'router forwards no IPv4 (net.ipv4.ip_forward=0): press f there',
		});
	});
	test("no route back names the gateway on b's own subnet", async () => {
		const trace = await tracePath(tableFacts({bDefault: false}), {
			from: a,
			to: '192.168.2.1',
			toNamespace: null,
			protocol: 'icmp',
			port: null,
		});
		assert.deepEqual(trace.broken, {
			direction: 'return',
			hop: 0,
			sentence: 'b has no route back to 192.168.1.1: add `default via 192.168.2.254` (r)',
		});
	});
});

describe('a namespace on the way that cannot be asked', () => {
	test('the trace stops there and says so, instead of failing whole', async () => {
		const facts = tableFacts();
		const routeGet = facts.routeGet.bind(facts);
		facts.routeGet = async (ns, p, iif) => {
			if (ns.name === 'router') throw new Error('nstui cannot enter net:[2]');
			return routeGet(ns, p, iif);
		};
		const trace = await tracePath(facts, {
			from: a,
			to: '192.168.2.1',
			toNamespace: null,
			protocol: 'icmp',
			port: null,
		});
		assert.deepEqual(trace.broken, {
			direction: 'forward',
			hop: 1,
			sentence: 'nstui could not follow the packet in router: nstui cannot enter net:[2]',
		});
	});
});

describe('a VRF', () => {
	test('an interface in a VRF is said so where the packet comes in and where it leaves', async () => {
		const vrfRouter = {
			...router,
			interfaces: [
				...router.interfaces.map(entry => ({...entry, master: 'blue'})),
				link('blue', {kind: 'vrf', addresses: []}),
			],
		};
		const facts = {...tableFacts(), snapshot: {...snapshot, namespaces: [a, vrfRouter, b]}};
		const trace = await tracePath(facts, {
			from: a,
			to: '192.168.2.1',
			toNamespace: null,
			protocol: 'icmp',
			port: null,
		});
		const hop = trace.forward[1]!;
		assert.deepEqual(
			hop.checks.filter(check => /VRF/.test(check.text)).map(check => check.text),
			['veth-router1 is in VRF blue: routed by its table', 'veth-router2 is in VRF blue'],
		);
	});
});

describe('a namespace with nothing to send from', () => {
	test('the sentence asks for an address first, then a route', async () => {
		const lonely = namespace(9, 'lonely', [
			link('lo', {kind: 'loopback', addresses: [v4('127.0.0.1', 8)]}),
		]);
		const facts = {
			...tableFacts(),
			snapshot: {...snapshot, namespaces: [...snapshot.namespaces, lonely]},
		};
		facts.routeGet = async () => parseRouteAnswer('', 'RTNETLINK answers: Network is unreachable');
		const trace = await tracePath(facts, {
			from: lonely,
			to: '192.168.2.1',
			toNamespace: null,
			protocol: 'icmp',
			port: null,
		});
		assert.equal(
			trace.broken?.sentence,
			'lonely has no IPv4 address to send from and no route to 192.168.2.1: add an address (a), then a route (r)',
		);
	});
});

describe('a device the snapshot does not have', () => {
	test('is not taken for a way out of the host: the trace says it does not know where it leads', async () => {
		const facts = tableFacts();
		facts.routeGet = async () =>
			parseRouteAnswer(
				'[{"dst":"192.168.2.1","gateway":"10.8.0.2","dev":"ghost0","prefsrc":"10.8.0.1","flags":[]}]',
				'',
			);
		const trace = await tracePath(facts, {
			from: a,
			to: '192.168.2.1',
			toNamespace: null,
			protocol: 'icmp',
			port: null,
		});
		assert.equal(trace.leavesHost, false);
		assert.match(
			trace.broken?.sentence ?? '',
			/^nstui does not know where ghost0 in a leads: it is newer than nstui's reading; trace again \(Ctrl-R\)$/,
		);
	});
});

describe('a namespace whose read timed out (a busy host)', () => {
	const traceFrom = (namespaces: Namespace[]) =>
		tracePath(
			{...tableFacts(), snapshot: {...snapshot, namespaces}},
			{from: namespaces[0]!, to: '192.168.2.1', toNamespace: null, protocol: 'icmp', port: null},
		);
	test('its device unknown: the trace says it could not be read (timed out)', async () => {
		const timedOut = {...a, interfaces: [], error: 'ip timed out'};
		const trace = await traceFrom([timedOut, router, b]);
		assert.equal(
			trace.broken?.sentence,
			'nstui does not know where veth-ns1 in a leads: its namespace could not be read (timed out); trace again (Ctrl-R)',
		);
	});
	test('the other end of a veth unproven while one could not be read: said so, never "cannot see"', async () => {
		const unproven = {
			...a,
			interfaces: [link('veth-ns1', {addresses: [v4('192.168.1.1')], peerUnresolved: true})],
		};
		const slow = {...router, interfaces: [], error: 'ip timed out'};
		const trace = await traceFrom([unproven, slow, b]);
		assert.equal(
			trace.broken?.sentence,
			'nstui cannot follow the packet past veth-ns1 in a: the other end of that veth is not proven, and router could not be read (timed out); trace again (Ctrl-R)',
		);
		assert.doesNotMatch(formatTrace(trace), /cannot see/);
		const none = await traceFrom([unproven, router, b]);
		assert.match(none.broken?.sentence ?? '', /in a namespace it cannot see$/);
	});
});

describe('FROM and TO', () => {
	test('FROM by name, inode, net:[inode] or owner', () => {
		for (const term of ['router', '2', 'net:[2]', 'edge', 'abcdef']) {
			const found = resolveNamespace(snapshot, term);
			assert.ok(found.ok && found.value.inode === 2, term);
		}
		assert.equal(resolveNamespace(snapshot, 'nowhere').ok, false);
	});
	test('TO as an address with an optional port and protocol, or as a namespace', () => {
		assert.deepEqual(splitDestination('192.168.2.1:53/udp'), {
			ok: true,
			value: {to: '192.168.2.1', port: 53, protocol: 'udp'},
		});
		assert.deepEqual(splitDestination('fd00::1'), {
			ok: true,
			value: {to: 'fd00::1', port: null, protocol: 'icmp'},
		});
		assert.deepEqual(splitDestination('[fd00::1]:80'), {
			ok: true,
			value: {to: 'fd00::1', port: 80, protocol: 'tcp'},
		});
		assert.equal(splitDestination('b:99999').ok, false);
		const to = resolveDestination(snapshot, 'b:8080');
		assert.ok(to.ok);
		assert.deepEqual(
			[to.value.address, to.value.namespace?.name, to.value.port],
			['192.168.2.1', 'b', 8080],
		);
	});
});

describe('the listener at the destination', () => {
	const socket = (
		localAddress: string,
		localPort: number,
		protocol: 'tcp' | 'udp' = 'tcp',
		listening = true,
	) => ({
		protocol,
		family: localAddress.includes(':') ? ('inet6' as const) : ('inet' as const),
		state: listening ? 'LISTEN' : 'ESTAB',
		listening,
		localAddress,
		localPort,
		remoteAddress: '',
		remotePort: null,
		recvQueue: 0,
		sendQueue: 0,
		uid: 0,
		inode: 1,
		processes: [{pid: 42, comm: 'nginx', user: 'root', fd: 3}],
	});
	test('on the address, on the wildcard, on the IPv6 wildcard; not on another address or protocol', () => {
		assert.equal(listenerFor([socket('192.168.2.1', 80)], packet()).listening, true);
		assert.match(
			listenerFor([socket('0.0.0.0', 80)], packet()).detail,
			/^nginx \(pid 42\) listens on 0\.0\.0\.0:80\/tcp$/,
		);
		assert.equal(listenerFor([socket('::', 80)], packet()).listening, true);
		assert.deepEqual(listenerFor([socket('127.0.0.1', 80)], packet()), {
			listening: false,
			detail: 'nothing listens on 192.168.2.1:80/tcp (port 80 is bound only on 127.0.0.1)',
		});
		assert.equal(listenerFor([socket('0.0.0.0', 80, 'udp')], packet()).listening, false);
		assert.equal(listenerFor([socket('0.0.0.0', 80, 'tcp', false)], packet()).listening, false);
	});
});

describe("nftables' own rules", () => {
	const json = JSON.stringify({
		nftables: [
			{metainfo: {version: '1.0.6'}},
			{table: {family: 'ip', name: 'filter', handle: 1}},
			{
				chain: {
					family: 'ip',
					table: 'filter',
					name: 'FORWARD',
					handle: 1,
					type: 'filter',
					hook: 'forward',
					prio: 0,
					policy: 'drop',
				},
			},
			{
				rule: {
					family: 'ip',
					table: 'filter',
					chain: 'FORWARD',
					handle: 2,
					expr: [
						{xt: {type: 'match', name: 'conntrack'}},
						{counter: {packets: 0, bytes: 0}},
						{accept: null},
					],
				},
			},
			{
				chain: {
					family: 'inet',
					table: 't',
					name: 'fw',
					handle: 1,
					type: 'filter',
					hook: 'forward',
					prio: 10,
					policy: 'accept',
				},
			},
			{chain: {family: 'inet', table: 't', name: 'checks', handle: 2}},
			{
				rule: {
					family: 'inet',
					table: 't',
					chain: 'fw',
					handle: 3,
					expr: [
						{match: {op: '==', left: {meta: {key: 'iifname'}}, right: 'veth*'}},
						{jump: {target: 'checks'}},
					],
				},
			},
			{
				rule: {
					family: 'inet',
					table: 't',
					chain: 'checks',
					handle: 4,
					expr: [
						{
							match: {
								op: '==',
								left: {payload: {protocol: 'ip', field: 'saddr'}},
								right: {prefix: {addr: '192.168.1.0', len: 24}},
							},
						},
						{
							match: {
								op: '==',
								left: {payload: {protocol: 'tcp', field: 'dport'}},
								right: {set: [80, 443]},
							},
						},
						{counter: {packets: 7, bytes: 420}},
						{drop: null},
					],
				},
			},
			{
				chain: {
					family: 'ip6',
					table: 'v6only',
					name: 'fw',
					handle: 1,
					type: 'filter',
					hook: 'forward',
					prio: 0,
					policy: 'drop',
				},
			},
		],
	});

	test("iptables-nft's tables are left to iptables-save; nft's own are read with hooks, priorities and counters", () => {
		const ruleset = parseNftRuleset(
			json,
			'inet',
			(family, table) => family === 'ip' && table === 'filter',
		);
		assert.deepEqual(
			ruleset.chains.map(chain => [
				chain.table,
				chain.chain,
				chain.policy,
				chain.base?.priority ?? null,
			]),
			[
				['inet t', 'fw', 'ACCEPT', 10],
				['inet t', 'checks', null, null],
			],
		);
		const dropped = evaluateChain(ruleset, 'inet t', 'fw', packet({dport: 443}), {
			in: 'veth-r1',
			out: 'veth-r2',
			state: 'NEW',
		});
		assert.equal(dropped.verdict, 'drop');
		assert.equal(dropped.rule?.packets, 7);
		assert.equal(dropped.rule?.text, 'ip saddr 192.168.1.0/24 tcp dport 80,443 counter drop');
		assert.equal(
			evaluateChain(ruleset, 'inet t', 'fw', packet({dport: 22}), {
				in: 'veth-r1',
				out: 'x',
				state: 'NEW',
			}).verdict,
			'pass',
		);
		assert.equal(
			evaluateChain(ruleset, 'inet t', 'fw', packet({dport: 443}), {
				in: 'eth0',
				out: 'x',
				state: 'NEW',
			}).verdict,
			'pass',
		);
	});
	test('without iptables-save, its tables come from nft too, where an opaque match is "maybe"', () => {
		const ruleset = parseNftRuleset(json, 'inet', () => false);
		const forward = evaluateChain(ruleset, 'ip filter', 'FORWARD', packet(), {
			in: 'a',
			out: 'b',
			state: 'NEW',
		});
		assert.equal(forward.verdict, 'drop');
		assert.equal(forward.unsure.length, 1);
	});
});

describe('the probe', () => {
	test('the interfaces to watch, in the order packets pass them, each once', async () => {
		const trace = await tracePath(tableFacts(), {
			from: a,
			to: '192.168.2.1',
			toNamespace: b,
			protocol: 'icmp',
			port: null,
		});
		assert.deepEqual(
			probePoints(trace).map(point => `${point.label} ${point.interface} ${point.direction}`),
			[
				'a veth-ns1 forward',
				'router veth-router1 forward',
				'router veth-router2 forward',
				'b veth-ns2 forward',
			],
		);
	});
	test('echoes counted from tcpdump lines, IPv4 and IPv6; the verdict says where requests were seen last', async () => {
		const lines = [
			'00:00:00.000000 IP 192.168.1.1 > 192.168.2.1: ICMP echo request, id 7, seq 1, length 64',
			'00:00:00.000100 IP 192.168.2.1 > 192.168.1.1: ICMP echo reply, id 7, seq 1, length 64',
			'00:00:00.000200 IP6 fd17::1 > fd17::2: ICMP6, echo request, id 9, seq 1, length 64',
			'00:00:00.000300 ARP, Request who-has 192.168.1.254 tell 192.168.1.1, length 28',
		];
		assert.deepEqual(countEchoes(lines), {requests: 2, replies: 1});
		const trace = await tracePath(tableFacts({forwarding: '0'}), {
			from: a,
			to: '192.168.2.1',
			toNamespace: null,
			protocol: 'icmp',
			port: null,
		});
		const seen = [
			{
				namespace: 1,
				label: 'a',
				interface: 'veth-ns1',
				direction: 'forward' as const,
				requests: 3,
				replies: 0,
				error: null,
			},
			{
				namespace: 2,
				label: 'router',
				interface: 'veth-router1',
				direction: 'forward' as const,
				requests: 3,
				replies: 0,
				error: null,
			},
		];
		const verdict = probeVerdict(trace, false, seen);
		assert.equal(verdict.agrees, true);
		assert.equal(
			verdict.lines.at(-1),
			'ping got no reply; the requests were seen last at router veth-router1: the probe agrees with the trace',
		);
		assert.equal(probeVerdict(trace, true, seen).agrees, false);
		const replies = [
			...seen,
			{
				namespace: 3,
				label: 'b',
				interface: 'veth-ns2',
				direction: 'return' as const,
				requests: 0,
				replies: 2,
				error: null,
			},
		];
		assert.match(
			probeVerdict(trace, false, replies).lines.at(-1)!,
			/; the replies were seen last at b veth-ns2: /,
		);
	});
});

describe('the path on the topology', () => {
	test('namespaces and interfaces passed, and where it breaks', async () => {
		const works = pathMarks(
			await tracePath(tableFacts(), {
				from: a,
				to: '192.168.2.1',
				toNamespace: b,
				protocol: 'icmp',
				port: null,
			}),
		);
		assert.deepEqual([...works.namespaces], [1, 2, 3]);
		assert.deepEqual([...works.interfaces].sort(), [
			'1|veth-ns1',
			'2|veth-router1',
			'2|veth-router2',
			'3|veth-ns2',
		]);
		assert.equal(works.broken, null);
		const broken = pathMarks(
			await tracePath(tableFacts({forwarding: '0'}), {
				from: a,
				to: '192.168.2.1',
				toNamespace: null,
				protocol: 'icmp',
				port: null,
			}),
		);
		assert.equal(broken.broken, 2);
		assert.deepEqual([...broken.namespaces], [1, 2]);
	});
	test('the lines carry their tone, for the view', async () => {
		const lines = traceLines(
			await tracePath(tableFacts({forwarding: '0'}), {
				from: a,
				to: '192.168.2.1',
				toNamespace: null,
				protocol: 'icmp',
				port: null,
			}),
		);
		assert.deepEqual(
			lines.filter(line => line.hop).map(line => [line.text, line.tone]),
			[
				['✓ a (origin, out veth-ns1)', 'ok'],
				['✗ router (transit, in veth-router1)', 'fail'],
			],
		);
		assert.deepEqual(lines.at(-1), {
			text: '✗ router forwards no IPv4 (net.ipv4.ip_forward=0): press f there',
			tone: 'fail',
			indent: 0,
		});
	});
});
