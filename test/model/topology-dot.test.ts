import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync, spawnSync} from 'node:child_process';
import {buildTopology} from '../../source/model/topology/graph.js';
import {quote, topologyDot} from '../../source/model/topology/dot.js';
import {seedLab, vrfBridgeAndOddities} from '../fixtures/synthetic-snapshots.js';

const seedDot = topologyDot(buildTopology(seedLab()));
const graphvizMissing = spawnSync('dot', ['-V']).error
	? 'Graphviz (dot) is not installed: apt-get install graphviz'
	: false;

/** Node ids declared (`"id" [label=...]`) and used in edges (`"a" -- "b"`). */
function idsOf(dot: string) {
	const declared = new Set(
		[...dot.matchAll(/^\s*("(?:[^"\\]|\\.)*") \[label=/gm)].map(match => match[1]),
	);
	const used = [...dot.matchAll(/("(?:[^"\\]|\\.)*") -- ("(?:[^"\\]|\\.)*")/g)].flatMap(match => [
		match[1],
		match[2],
	]);
	return {declared, used};
}

test('dot: one undirected graph with balanced braces and quotes', () => {
	assert.match(seedDot, /^graph nstui \{\n/);
	assert.match(seedDot, /\n\}\n$/);
	assert.equal((seedDot.match(/\{/g) ?? []).length, (seedDot.match(/\}/g) ?? []).length);
	for (const line of seedDot.split('\n')) {
		const quotes = line.replace(/\\\\|\\"/g, '').match(/"/g) ?? [];
		assert.equal(quotes.length % 2, 0, `unbalanced quotes: ${line}`);
	}
	assert.doesNotMatch(seedDot, /->/, 'an undirected graph uses -- only');
});

test('dot: a cluster per namespace, forwarding on the router, every edge between declared nodes', () => {
	assert.equal((seedDot.match(/subgraph "cluster_\d+"/g) ?? []).length, 10);
	assert.match(seedDot, /label="router\\nforwarding\\nnet:\[\d+\]";\n\s+style=bold;/);
	const {declared, used} = idsOf(seedDot);
	for (const id of used) assert.ok(declared.has(id), `${id} is declared`);
	assert.match(seedDot, /"\d+:veth0" -- "\d+:veth1" \[penwidth=2\];/);
	assert.match(seedDot, /"\d+:veth-web-br" -- "\d+:vnet-0" \[style=dashed\];/);
	assert.match(
		seedDot,
		/"\d+:vnet-0" \[label="vnet-0 \(bridge\)\\n192\.168\.15\.1\/24", shape=box3d\];/,
	);
});

test('dot: an unresolved veth ends in a "?" node, a peer outside the snapshot is a dashed node', () => {
	const dot = topologyDot(buildTopology(vrfBridgeAndOddities()));
	assert.match(dot, /"unresolved:5004:veth9" \[label="\? peer unresolved", shape=plaintext\];/);
	assert.match(dot, /"5004:veth9" -- "unresolved:5004:veth9" \[style=dotted\];/);
	assert.match(dot, /"9999:far-end" \[label="far-end\\nnet:\[9999\]", style=dashed\];/);
	assert.match(dot, /"5001:vrf-blue" \[label="vrf-blue \(vrf\)", shape=tab\];/);
	const {declared, used} = idsOf(dot);
	for (const id of used) assert.ok(declared.has(id), `${id} is declared`);
});

test('dot: quotes, backslashes and newlines in labels are escaped', () => {
	assert.equal(quote('a "b" \\ c\nd'), '"a \\"b\\" \\\\ c\\nd"');
});

test('dot: Graphviz itself accepts it', {skip: graphvizMissing}, () => {
	for (const dot of [seedDot, topologyDot(buildTopology(vrfBridgeAndOddities()))]) {
		const plain = execFileSync('dot', ['-Tplain'], {input: dot, encoding: 'utf8'});
		assert.match(plain, /^graph /);
	}
});
