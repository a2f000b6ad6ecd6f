// issue 26: the published-ports table from nat rules as kube-proxy, portmap
// and a plain DNAT write them, and from docker-proxy's command line.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
	publishedByProxy,
	publishedByRules,
	publishedText,
	withOwners,
} from '../../source/model/published-ports.js';
import {parseIptablesCounters} from '../../source/model/trace/netfilter.js';
import type {Namespace} from '../../source/model/snapshot.js';

const kube = parseIptablesCounters(
	[
		'*nat',
		':PREROUTING ACCEPT [0:0]',
		':OUTPUT ACCEPT [0:0]',
		':KUBE-SERVICES - [0:0]',
		':KUBE-NODEPORTS - [0:0]',
		':KUBE-SVC-WEB - [0:0]',
		':KUBE-EXT-WEB - [0:0]',
		':KUBE-SEP-A - [0:0]',
		':KUBE-MARK-MASQ - [0:0]',
		'-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
		'-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
		'-A KUBE-SERVICES -d 10.96.0.20/32 -p tcp -m tcp --dport 80 -j KUBE-SVC-WEB',
		'-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
		'-A KUBE-NODEPORTS -p tcp -m tcp --dport 30080 -j KUBE-EXT-WEB',
		'-A KUBE-EXT-WEB -j KUBE-MARK-MASQ',
		'-A KUBE-EXT-WEB -j KUBE-SVC-WEB',
		'-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000',
		'-A KUBE-SVC-WEB -m statistic --mode random --probability 1.0 -j KUBE-SEP-A',
		'-A KUBE-SEP-A -p tcp -m tcp -j DNAT --to-destination 10.244.0.2:8080',
		'-A PREROUTING -d 192.0.2.10/32 -p udp -m udp --dport 53 -j DNAT --to-destination 10.0.0.53',
		'COMMIT',
	].join('\n'),
);

const pod: Namespace = {
	inode: 7,
	name: null,
	paths: [],
	root: false,
	nsid: null,
	forwarding: {ipv4: false, ipv6: false},
	processes: [],
	interfaces: [
		{
			ifindex: 2,
			name: 'eth0',
			kind: 'veth',
			state: 'UP',
			flags: ['UP'],
			mtu: 1500,
			mac: null,
			master: null,
			addresses: [{family: 'inet', address: '10.244.0.2', prefixlen: 24}],
			peer: null,
		},
	],
	routes: [],
	error: null,
};
const node: Namespace = {...pod, inode: 1, name: 'node', interfaces: [], root: true};

test("kube-proxy's Service and NodePort, through KUBE-SVC/KUBE-SEP, and a plain DNAT", () => {
	const ports = withOwners(
		{version: 1, takenAt: '', namespaces: [node, pod]},
		publishedByRules(node.inode, kube),
	);
	assert.deepEqual(
		ports.map(port => [port.source, publishedText(port)]),
		[
			['kube-proxy', '10.96.0.20:80/tcp → <unnamed> net:[7] 10.244.0.2:8080 (kube-proxy)'],
			['kube-proxy', '*:30080/tcp → <unnamed> net:[7] 10.244.0.2:8080 (kube-proxy)'],
			['dnat', '192.0.2.10:53/udp → 10.0.0.53:53 (dnat)'],
		],
	);
	assert.match(
		ports[1]!.rule,
		/^PREROUTING → KUBE-SERVICES → KUBE-NODEPORTS → KUBE-EXT-WEB → KUBE-SVC-WEB → KUBE-SEP-A: /,
	);
});

test("docker-proxy's command line", () => {
	const port = publishedByProxy(node, {
		pid: 10,
		comm: 'docker-proxy',
		user: 'root',
		cmdline:
			'/usr/sbin/docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port 8080 -container-ip 172.17.0.2 -container-port 80',
	});
	assert.equal(port && publishedText(port), '*:8080/tcp → 172.17.0.2:80 (docker-proxy)');
	assert.equal(
		publishedByProxy(node, {pid: 11, comm: 'sleep', user: 'root', cmdline: 'sleep 1'}),
		null,
	);
});
