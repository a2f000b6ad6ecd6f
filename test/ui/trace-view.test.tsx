// The trace view (T): TO typed in the view with its check as you type, the
// hops with ✓ / ✗ and the sentence, the probe, and the path on the topology.
// The tracer runs the real walk over the seed lab fixture (test/fixtures/trace-facts.ts).
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {fakeReader} from '../fixtures/details-reader.js';
import {seedLab} from '../fixtures/synthetic-snapshots.js';
import {fakeTracer} from '../fixtures/trace-facts.js';
import {keys, lineWith, renderTui} from './tui-harness.js';

afterEach(() => cleanup());

async function traceFrom(
	name: string,
	options: {
		probeAnswered?: boolean;
		readOnly?: string | null;
		columns?: number;
		rows?: number;
	} = {},
) {
	const tracer = fakeTracer(options.probeAnswered);
	const tui = await renderTui({
		snapshot: seedLab(),
		reader: fakeReader({tracer}),
		readOnly: options.readOnly ?? null,
		columns: options.columns ?? 100,
		rows: options.rows ?? 40,
	});
	await tui.press('/', ...name, keys.enter, 'T');
	return {tui, tracer};
}

test('T asks where to, checks it as it is typed, and Enter traces: web reaches db across the bridge and back', async () => {
	const {tui, tracer} = await traceFrom('web');
	assert.match(tui.lines()[1]!, /^ Trace from web/);
	assert.match(lineWith(tui.lines(), 'to: ')!, /an address or a namespace/);
	await tui.press(...'nowhere', keys.enter);
	assert.match(lineWith(tui.lines(), 'to: nowhere')!, /TO is neither an address nor a namespace/);
	assert.deepEqual(tracer.calls.trace, [], 'nothing is traced to what cannot be');
	for (let i = 0; i < 7; i++) await tui.press(keys.backspace);
	await tui.press(...'db');
	assert.match(
		lineWith(tui.lines(), 'to: db')!,
		/→ 192\.168\.15\.6 \(db\)/,
		'a namespace is shown as the address it is traced to',
	);
	await tui.press(keys.enter);
	const frame = await tui.waitForFrame('the trace', text => text.includes('replies come back'));
	assert.deepEqual(tracer.calls.trace, ['web db']);
	assert.match(tui.lines()[1]!, /Trace from web {2}✓ works both ways/);
	assert.match(frame, /✓ web \(origin, out eth0-web\)/);
	assert.match(frame, /✓ host \(bridge, in veth-web-br, out veth-db-br\)/);
	assert.match(frame, /✓ db \(destination, in eth0-db\)/);
	assert.match(frame, /^return:/m);
	assert.ok(lineWith(tui.lines(), '✓ web reaches 192.168.15.6 and the replies come back'));
});

test('a port nothing listens on: the ✗ and its sentence; t shows the path on the topology, q comes back to the trace', async () => {
	const {tui} = await traceFrom('web', {columns: 120});
	await tui.press(...'db:8080', keys.enter);
	await tui.waitForFrame('the break', text => text.includes('listens on'));
	assert.match(tui.lines()[1]!, /✗ broken/);
	assert.ok(
		lineWith(
			tui.lines(),
			'✗ nothing in db listens on 192.168.15.6:8080/tcp: start the service there',
		),
	);
	await tui.press('t');
	const topology = tui.lines();
	assert.match(topology[1]!, /^ Topology/);
	assert.match(lineWith(topology, 'path web → 192.168.15.6')!, /✗ at db/);
	assert.ok(
		topology.some(line => line.startsWith('✗') && line.includes('db')),
		'the box of db is marked where it breaks',
	);
	assert.ok(
		topology.some(line => line.startsWith('┃')),
		'the boxes on the path are marked',
	);
	const state = tui.store.getState().fullView;
	assert.equal(state?.kind, 'topology');
	await tui.press('q');
	assert.equal(tui.store.getState().fullView?.kind, 'trace');
	assert.ok(lineWith(tui.lines(), '✗ nothing in db listens on'));
	await tui.press('q');
	assert.equal(tui.store.getState().fullView, null);
});

test('p probes the path; the probe agreeing is said; e traces elsewhere; Ctrl-R again', async () => {
	const {tui, tracer} = await traceFrom('web');
	await tui.press(...'192.168.15.1', keys.enter);
	await tui.waitForFrame('the trace', text => text.includes('replies come back'));
	await tui.press('p');
	const frame = await tui.waitForFrame('the probe', text => text.includes('the probe agrees'));
	assert.equal(tracer.calls.probe, 1);
	assert.match(frame, /• web eth0-web: 5 echo requests, 5 replies/);
	await tui.press('e');
	for (let i = 0; i < 12; i++) await tui.press(keys.backspace);
	await tui.press(...'db', keys.enter);
	await tui.waitForFrame('the second trace', text =>
		text.includes('192.168.15.6 and the replies come back'),
	);
	await tui.press(keys.ctrlR);
	await tui.waitForFrame('the third trace', text => text.includes('replies come back'));
	assert.deepEqual(tracer.calls.trace, ['web 192.168.15.1', 'web db', 'web db']);
});

test('read-only: the trace works, the probe (which sends pings) is refused', async () => {
	const {tui, tracer} = await traceFrom('web', {readOnly: 'not root'});
	await tui.press(...'db', keys.enter);
	await tui.waitForFrame('the trace', text => text.includes('replies come back'));
	await tui.press('p');
	await tui.settle();
	assert.equal(tracer.calls.probe, 0);
});

test('Esc while typing the first destination goes back to the panes', async () => {
	const {tui} = await traceFrom('web');
	await tui.press('1', keys.escape);
	assert.equal(tui.store.getState().fullView, null);
});
