import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import type {Snapshot} from '../../source/model/snapshot.js';
import {changeKinds} from '../../source/model/timeline/change.js';
import {diffSnapshots} from '../../source/model/timeline/diff-snapshots.js';
import {changeLines} from '../../source/model/timeline/json-line.js';
import {validateChangeLine} from '../helpers/change-schema.js';

const lab = (): Snapshot =>
	JSON.parse(
		readFileSync(new URL('../fixtures/lab-snapshot.json', import.meta.url), 'utf8'),
	) as Snapshot;

test('the schema names every kind the model makes, and no other', () => {
	const schema = JSON.parse(
		readFileSync(new URL('../../docs/timeline-change.schema.json', import.meta.url), 'utf8'),
	) as {
		properties: {kind: {enum: string[]}};
		allOf: Array<{if: {properties: {kind: {enum: string[]}}}}>;
	};
	assert.deepEqual(schema.properties.kind.enum, [...changeKinds]);
	assert.deepEqual(
		schema.allOf.flatMap(rule => rule.if.properties.kind.enum).sort(),
		[...changeKinds].sort(),
	);
});

test('lines of many kinds validate; a line with a wrong shape does not', () => {
	const before = lab();
	const after: Snapshot = {
		...before,
		takenAt: '2026-12-07T03:12:00.123Z',
		namespaces: before.namespaces.slice(1).map((ns, index) =>
			index === 0
				? {
						...ns,
						name: 'renamed',
						forwarding: {ipv4: true, ipv6: false},
						interfaces: ns.interfaces.map(link => ({...link, mtu: link.mtu + 1})),
						routes: [],
					}
				: ns,
		),
	};
	const lines = changeLines(diffSnapshots(before, after)).trimEnd().split('\n');
	const kinds = new Set(lines.map(line => (JSON.parse(line) as {kind: string}).kind));
	for (const kind of [
		'namespace-deleted',
		'namespace-named',
		'forwarding',
		'link-mtu',
		'route-removed',
	])
		assert.ok(kinds.has(kind), kind);
	for (const line of lines) assert.deepEqual(validateChangeLine(line), [], line);
	const wrong = JSON.parse(lines[0]!) as Record<string, unknown>;
	assert.notDeepEqual(
		validateChangeLine(JSON.stringify({...wrong, kind: 'link-mtu', before: 'x'})),
		[],
	);
	assert.notDeepEqual(validateChangeLine(JSON.stringify({...wrong, time: 'yesterday'})), []);
	assert.notDeepEqual(validateChangeLine('{"version":1'), []);
});
