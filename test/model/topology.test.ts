import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {
	buildTopology,
	filterTopology,
	matchingNamespaces,
	neighboursOf,
	type TopologyGraph,
} from '../../source/model/topology/graph.js';
import {drawTopology, topologyText} from '../../source/model/topology/drawing.js';
import {
	fiftyNamespaces,
	longChain,
	seedLab,
	twoBridges,
	vrfBridgeAndOddities,
} from '../fixtures/synthetic-snapshots.js';

const inodeOf = (graph: TopologyGraph, label: string) => {
	const ns = graph.namespaces.find(item => item.label === label);
	assert.ok(ns, `${label} is in the graph`);
	return ns.inode;
};

/** The lines of the box titled `label`, from its top border to its bottom one. */
function box(text: string, label: string): string[] {
	const lines = text.split('\n');
	const top = lines.findIndex(line => line.startsWith(`┌─ ${label} `));
	assert.notEqual(top, -1, `a box titled ${label}:\n${text}`);
	const bottom = lines.findIndex((line, index) => index > top && line.startsWith('└'));
	return lines.slice(top, bottom + 1);
}

const overviewOf = (text: string) => text.split('\n\n')[1] ?? '';

describe('topology graph of the seed lab', () => {
	const graph = buildTopology(seedLab());

	test('each veth pair is one link, between the namespaces holding its ends', () => {
		assert.equal(graph.links.length, 6);
		const pairs = graph.links.map(({a, b}) =>
			[a, b]
				.map(end => `${graph.labels.get(end.namespace)}/${end.interface}`)
				.sort()
				.join(' '),
		);
		assert.ok(pairs.includes('ns1/veth0 ns2/veth1'));
		assert.ok(pairs.includes('a/veth-ns1 router/veth-router1'));
		assert.ok(pairs.includes('b/veth-ns2 router/veth-router2'));
		assert.ok(pairs.includes('<unnamed> pid 2324 sleep/veth-f host/veth-e'));
	});

	test('the bridge vnet-0 holds the three ports in host, and each link end knows its master', () => {
		assert.deepEqual(graph.bridges, [
			{
				namespace: inodeOf(graph, 'host'),
				name: 'vnet-0',
				kind: 'bridge',
				ports: ['veth-web-br', 'veth-db-br', 'veth-e'],
			},
		]);
		const web = graph.links.find(({a, b}) => [a.interface, b.interface].includes('eth0-web'))!;
		const hostEnd = [web.a, web.b].find(end => end.interface === 'veth-web-br')!;
		assert.equal(hostEnd.master, 'vnet-0');
		assert.deepEqual(graph.vrfs, []);
		assert.deepEqual(graph.unresolved, []);
	});

	test('neighbours: router has a and b; host has web, db and the unnamed one', () => {
		const labels = (inode: number) =>
			neighboursOf(graph, inode)
				.map(item => graph.labels.get(item))
				.sort();
		assert.deepEqual(labels(inodeOf(graph, 'router')), ['a', 'b']);
		assert.deepEqual(labels(inodeOf(graph, 'host')), ['<unnamed> pid 2324 sleep', 'db', 'web']);
		assert.deepEqual(labels(inodeOf(graph, '<host>')), []);
	});
});

describe('topology drawing of the seed lab', () => {
	const graph = buildTopology(seedLab());
	const text = topologyText(graph);

	test('a summary line counts namespaces, links and bridges', () => {
		assert.equal(text.split('\n')[0], '10 namespaces · 6 veth links · 1 bridge');
	});

	test('direct: ns1 and ns2 on one overview line, and each box points at the other end', () => {
		assert.match(overviewOf(text), /^ns1 ─+ ns2$/m);
		const ns1 = box(text, 'ns1').join('\n');
		assert.match(ns1, /veth0 +veth +192\.168\.1\.1\/24 +──── veth1 \[ns2\]/);
		assert.match(
			box(text, 'ns2').join('\n'),
			/veth1 +veth +192\.168\.1\.2\/24 +──── veth0 \[ns1\]/,
		);
	});

	test('router: a ── router ── b in one line, forwarding on the router only', () => {
		assert.match(overviewOf(text), /^a ─+ router \(forwarding\) ─+ b$/m);
		assert.match(box(text, 'router')[0]!, /^┌─ router ─ forwarding ─/);
		assert.doesNotMatch(box(text, 'a')[0]!, /forwarding/);
		assert.doesNotMatch(box(text, 'b')[0]!, /forwarding/);
		const router = box(text, 'router').join('\n');
		assert.match(router, /veth-router1 .*192\.168\.1\.254\/24 .*──── veth-ns1 \[a\]/);
		assert.match(router, /veth-router2 .*192\.168\.2\.254\/24 .*──── veth-ns2 \[b\]/);
	});

	test('bridge: web and db hang off vnet-0 in host, in the overview and in the box', () => {
		const overview = overviewOf(text);
		assert.match(overview, /^host$/m);
		assert.match(overview, /^ [├└]\[vnet-0\]─+ web$/m);
		assert.match(overview, /^ [├└]\[vnet-0\]─+ db$/m);
		const host = box(text, 'host');
		assert.match(host[1]!, /│ vnet-0 +bridge +192\.168\.15\.1\/24 /);
		assert.match(host[2]!, /│ ├ veth-web-br +veth +──── eth0-web \[web\]/);
		assert.match(host[3]!, /│ ├ veth-db-br +veth +──── eth0-db \[db\]/);
		assert.match(host[4]!, /│ └ veth-e +veth +──── veth-f \[<unnamed> pid 2324 sleep\]/);
		assert.equal(host.length, 6, 'lo and link-local addresses are left out');
	});

	test('a namespace reached only by a PID is titled by that process, and linked to host', () => {
		assert.match(overviewOf(text), /└\[vnet-0\]─+ <unnamed> pid 2324 sleep$/m);
		const unnamed = box(text, '<unnamed> pid 2324 sleep');
		assert.match(unnamed[1]!, /veth-f +veth +192\.168\.15\.9\/24 +──── veth-e \[host\]/);
	});

	test('the host namespace, linked to nothing, is listed as such and still gets its box', () => {
		assert.match(overviewOf(text), /^no veth links: <host>$/m);
		assert.match(box(text, '<host>').join('\n'), /eth0 +device +192\.0\.2\.2\/24/);
	});

	test('boxes follow the overview, so linked namespaces sit next to each other', () => {
		const titles = text
			.split('\n')
			.filter(line => line.startsWith('┌─ '))
			.map(line => line.split(' ')[1]);
		assert.deepEqual(titles, [
			'a',
			'router',
			'b',
			'host',
			'db',
			'web',
			'<unnamed>',
			'ns1',
			'ns2',
			'<host>',
		]);
	});

	test('no line is wider than asked, at 80 and at 50 columns', () => {
		for (const width of [80, 50]) {
			for (const line of topologyText(graph, {width}).split('\n'))
				assert.ok(line.length <= width, `${line.length} > ${width}: ${line}`);
		}
	});

	test('each box line carries its namespace, for the view to jump to', () => {
		const lines = drawTopology(graph);
		const router = inodeOf(graph, 'router');
		const routerLines = lines.filter(line => line.part === 'box' && line.namespace === router);
		assert.equal(routerLines.length, 4);
		assert.match(routerLines[0]!.text, /router/);
		assert.ok(lines.filter(line => line.part === 'box').every(line => line.namespace !== null));
	});
});

describe('topology: VRF, nested masters and oddities', () => {
	const graph = buildTopology(vrfBridgeAndOddities());
	const text = topologyText(graph);

	test('the VRF holds the bridge and veth-up; the bridge holds p-tenant', () => {
		assert.deepEqual(
			graph.vrfs.map(group => [group.name, group.ports]),
			[['vrf-blue', ['br-lan', 'veth-up']]],
		);
		assert.deepEqual(
			graph.bridges.map(group => [group.name, group.ports]),
			[['br-lan', ['p-tenant']]],
		);
		const edge = box(text, 'edge');
		assert.match(edge[1]!, /│ vrf-blue +vrf /);
		assert.match(edge[2]!, /│ ├ br-lan +bridge +10\.20\.0\.1\/24/);
		assert.match(edge[3]!, /│ │ └ p-tenant +veth +──── eth0 \[<unnamed> pid 4242 nginx\]/);
		assert.match(edge[4]!, /│ └ veth-up +veth +10\.99\.0\.2\/30 +──── veth-down \[uplink\]/);
	});

	test('forwarding on both families is said so', () => {
		assert.match(box(text, 'edge')[0]!, /─ forwarding ipv4\+ipv6 ─/);
	});

	test('a veth whose peer is unresolved is marked, and counted', () => {
		assert.match(
			box(text, 'lonely').join('\n'),
			/veth9 +veth +172\.16\.9\.1\/24 +──── \? peer unresolved/,
		);
		assert.deepEqual(graph.unresolved, [{namespace: 5004, interface: 'veth9'}]);
		assert.match(text.split('\n')[0]!, /1 unresolved veth$/);
	});

	test('a peer in a namespace the snapshot lacks is named by its inode', () => {
		assert.match(overviewOf(text), /^gw ─+ net:\[9999\]$/m);
		assert.match(box(text, 'gw').join('\n'), /──── far-end \[net:\[9999\]\]/);
	});

	test('an unreadable namespace says so in its box', () => {
		assert.match(box(text, 'broken').join('\n'), /! could not read: ip: timed out/);
	});
});

describe('topology filter', () => {
	const graph = buildTopology(seedLab());
	const labels = (filtered: TopologyGraph) => filtered.namespaces.map(ns => ns.label).sort();

	test('router: itself and its direct neighbours a and b', () => {
		assert.deepEqual(labels(filterTopology(graph, 'router')), ['a', 'b', 'router']);
		assert.equal(filterTopology(graph, 'router').links.length, 2);
	});

	test("web: itself and host, but not host's other neighbours", () => {
		const filtered = filterTopology(graph, 'WEB');
		assert.deepEqual(labels(filtered), ['host', 'web']);
		assert.deepEqual(
			filtered.links.map(link => [link.a.interface, link.b.interface].sort()),
			[['eth0-web', 'veth-web-br']],
		);
		assert.deepEqual(matchingNamespaces(graph, 'WEB'), [inodeOf(graph, 'web')]);
	});

	test('the drawing of a filtered graph shows only those namespaces', () => {
		const text = topologyText(filterTopology(graph, 'ns1'));
		assert.match(text, /^2 namespaces · 1 veth link$/m);
		assert.match(overviewOf(text), /^ns1 ─+ ns2$/m);
		assert.doesNotMatch(text, /router|vnet-0/);
	});

	test('nothing matching: an empty graph, drawn as just its summary', () => {
		const filtered = filterTopology(graph, 'no-such-namespace');
		assert.deepEqual(filtered.namespaces, []);
		assert.equal(topologyText(filtered), '0 namespaces · 0 veth links\n');
	});
});

describe('topology at scale', () => {
	const graph = buildTopology(fiftyNamespaces());
	const lines = topologyText(graph).split('\n');

	test('fifty namespaces: every line within 80 columns, one overview line and one box each', () => {
		for (const line of lines) assert.ok(line.length <= 80, `${line.length}: ${line}`);
		const overview = overviewOf(lines.join('\n')).split('\n');
		assert.equal(overview.length, 50);
		assert.equal(lines.filter(line => line.startsWith('┌─ ')).length, 50);
		assert.match(
			overview[0]!,
			/^hub-with-a-rather-long-namespace-name-for-width-checks \(forwarding\)$/,
		);
		assert.match(overview[49]!, /^ └\[br-spokes\]─+ spoke-48-/);
	});

	test('a chain of thirty: within 80 columns, every namespace named in full, each link shown once', () => {
		const text = topologyText(buildTopology(longChain()));
		const overview = overviewOf(text);
		for (const line of text.split('\n')) assert.ok(line.length <= 80, `${line.length}: ${line}`);
		for (let i = 0; i < 30; i++)
			assert.match(overview, new RegExp(`chain-link-${String(i).padStart(2, '0')}-router`));
		assert.doesNotMatch(overview, /…/);
		const restated = (overview.match(/^↳ /gm) ?? []).length;
		assert.equal(
			(overview.match(/─ chain-link/g) ?? []).length,
			29,
			'one connector into each namespace but the first',
		);
		assert.ok(restated > 0, 'long chains continue at the left edge');
	});
});

describe('links to one namespace through different bridges', () => {
	const overview = overviewOf(topologyText(buildTopology(twoBridges()), {width: 100}));

	test('each bridge gets its own link: app is on docker0 and on br-5a84, never "2×" on one', () => {
		assert.doesNotMatch(overview, /\[docker0\]─+2×/);
		assert.match(overview, /\[docker0\]─+ app/);
		assert.match(overview, /\[br-5a84\]─+ app/);
	});

	test('two links on the same bridge are still counted as 2×', () => {
		assert.match(overview, /\[br-5a84\]───2×─ web/);
	});
});
