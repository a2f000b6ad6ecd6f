import assert from 'node:assert/strict';
import {test} from 'node:test';
import {natNoteOf} from '../../source/model/nat-notes.js';
import {buildTopology} from '../../source/model/topology/graph.js';
import {boxSpans, moveTopology, settlePosition} from '../../source/model/topology/cursor.js';
import {drawTopology} from '../../source/model/topology/drawing.js';
import {seedLab} from '../fixtures/synthetic-snapshots.js';

const snapshot = seedLab();
const graph = buildTopology(snapshot);
const lines = drawTopology(graph, {width: 80});
const spans = boxSpans(lines);
const labelOf = (inode: number | null) => graph.namespaces.find(ns => ns.inode === inode)?.label;

test('each namespace has one box span, in the drawing order', () => {
	assert.equal(spans.length, 10);
	assert.deepEqual(
		spans.slice(0, 3).map(span => labelOf(span.namespace)),
		['a', 'router', 'b'],
	);
	for (const span of spans)
		assert.ok(lines[span.start]!.text.startsWith('┌') && lines[span.end - 1]!.text.startsWith('└'));
});

test('opening reveals the cursor box; a cursor that is gone falls back to the first box', () => {
	const router = spans[1]!;
	const opened = settlePosition(lines, {cursor: router.namespace, top: null}, 10);
	assert.ok(opened.top <= router.start && router.end <= opened.top + 10);
	assert.deepEqual(settlePosition(lines, {cursor: 42, top: 5}, 10), {
		cursor: spans[0]!.namespace,
		top: 5,
	});
});

test('j/k move box by box and scroll only as needed; k to the first box shows the top', () => {
	let position = moveTopology(lines, {cursor: spans[0]!.namespace, top: 0}, 1, 10);
	assert.equal(position.cursor, spans[1]!.namespace);
	for (let i = 0; i < 20; i++) position = moveTopology(lines, position, 1, 10);
	assert.equal(position.cursor, spans.at(-1)!.namespace);
	assert.equal(position.top, lines.length - 10);
	position = moveTopology(lines, position, -100, 10);
	assert.deepEqual(position, {cursor: spans[0]!.namespace, top: 0});
});

test('PgDn moves the window a page and the cursor to a box that starts in it', () => {
	const position = moveTopology(lines, {cursor: spans[0]!.namespace, top: 0}, 'pageDown', 10);
	assert.equal(position.top, 9);
	const span = spans.find(item => item.namespace === position.cursor)!;
	assert.ok(span.start >= 9 && span.start < 19);
});

test('NAT notes are drawn in their box, a risky rule marked', () => {
	const host = snapshot.namespaces.find(ns => ns.name === 'host')!;
	const note = natNoteOf(
		{
			rules: [{table: 'nat', chain: 'POSTROUTING', spec: '-s 192.168.15.0/24 -j MASQUERADE'}],
			policies: [],
		},
		host,
	);
	const drawn = drawTopology(graph, {width: 80, nat: new Map([[host.inode, note]])});
	const nat = drawn.filter(line => line.mark);
	assert.deepEqual(
		nat.map(line => [line.mark, line.namespace]),
		[
			['nat', host.inode],
			['risky', host.inode],
		],
	);
	assert.match(nat[0]!.text, /│ nat {2}POSTROUTING -s 192\.168\.15\.0\/24 -j MASQUERADE +│/);
	assert.match(nat[1]!.text, /! masquerades traffic between ports of vnet-0 too/);
	assert.ok(drawn.every(line => line.text.length <= 80));
	const safe = natNoteOf(
		{
			rules: [
				{table: 'nat', chain: 'POSTROUTING', spec: '-s 192.168.15.0/24 ! -o vnet-0 -j MASQUERADE'},
			],
			policies: [],
		},
		host,
	);
	assert.deepEqual(safe, {
		state: 'read',
		rules: [{text: 'POSTROUTING -s 192.168.15.0/24 ! -o vnet-0 -j MASQUERADE', risk: null}],
	});
});
