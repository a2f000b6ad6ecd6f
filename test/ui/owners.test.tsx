// An owned namespace in the TUI: the Namespaces pane shows the owner with its
// engine's tag, the host's veth its peer as eth0@docker NAME, the details view
// the owner's ids and labels; an owner's name with escapes stays harmless.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import type {Owner, Snapshot} from '../../source/model/snapshot.js';
import {fakeReader} from '../fixtures/details-reader.js';
import {namespace, wire} from '../fixtures/synthetic-snapshots.js';
import {keys, lineWith, renderTui} from './tui-harness.js';

afterEach(() => cleanup());

const id = '38fe8c6c955136c88872eb651bef9f8498b30fc16ee187b1ccae69cb484eee47';
const owner = (name: string): Owner => ({
	engine: 'docker',
	id,
	name,
	image: 'nginx:1.27',
	labels: {'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web'},
	containers: [{id, name, image: 'nginx:1.27', labels: {}}],
	cgroup: `/docker/${id}`,
	note: null,
	compose: {project: 'shop', service: 'web'},
});

function ownedSnapshot(name: string): Snapshot {
	const host = namespace(1, null, {
		root: true,
		processes: [{pid: 1, comm: 'init', cmdline: '/sbin/init', user: 'root'}],
	});
	const web = namespace(2, null, {
		owner: owner(name),
		processes: [{pid: 4242, comm: 'nginx', cmdline: 'nginx', user: 'root'}],
	});
	const svc = namespace(3, null, {
		owner: {
			engine: 'systemd',
			id: 'demo.service',
			name: 'demo.service',
			image: null,
			labels: {},
			containers: [],
			cgroup: '/system.slice/demo.service',
			note: null,
		},
		processes: [{pid: 4300, comm: 'demo', cmdline: 'demo', user: 'root'}],
	});
	wire(host, 'veth3a9f', web, 'eth0');
	return {version: 1, takenAt: new Date().toISOString(), namespaces: [host, web, svc]};
}

test('the pane shows docker web-1 and svc demo.service; the host veth reads eth0@docker web-1', async () => {
	const tui = await renderTui({
		snapshot: ownedSnapshot('web-1'),
		columns: 120,
		rows: 30,
		reader: fakeReader({}),
	});
	const lines = tui.lines();
	assert.ok(lineWith(lines, 'docker web-1'), lines.join('\n'));
	assert.ok(lineWith(lines, 'svc demo.service'));
	assert.ok(!lines.some(line => line.includes('<unnamed> pid 4242')));
	assert.ok(
		lineWith(lines, 'eth0@docker web-1'),
		'the host (selected first) lists its veth with the owner as peer',
	);
});

test('i shows the owner: engine, name, id, image, compose, containers and labels', async () => {
	const tui = await renderTui({
		snapshot: ownedSnapshot('web-1'),
		columns: 120,
		rows: 40,
		reader: fakeReader({}),
	});
	await tui.press('/', ...'web-1', keys.enter, 'i');
	await tui.detailsRead();
	const lines = tui.lines();
	assert.match(lines[1]!, /Details of docker web-1/);
	assert.match(
		lineWith(lines, 'docker web-1, id')!,
		/docker web-1, id 38fe8c6c9551, image nginx:1\.27, compose shop\/web/,
	);
	assert.ok(lineWith(lines, `${id} web-1 (nginx:1.27)`));
	assert.ok(lineWith(lines, 'com.docker.compose.service=web'));
});

test('an owner name with escapes is shown escaped, never live', async () => {
	const tui = await renderTui({
		snapshot: ownedSnapshot('evil\u001b[2Jx'),
		columns: 120,
		rows: 30,
		reader: fakeReader({}),
	});
	const frame = tui.lastFrame() ?? '';
	assert.ok(!frame.replace(/\u001b\[[0-9;]*m/g, '').includes('\u001b'));
	assert.ok(lineWith(tui.lines(), 'docker evil\\e[2Jx'));
});

test("the topology tones an owner's engine tag in box titles and after a peer's @, not inside other names", async () => {
	const {lineSegments} = await import('../../source/ui/views/topology/topology-tones.js');
	const toned = (text: string) =>
		lineSegments({text, part: 'box'} as Parameters<typeof lineSegments>[0])
			.filter(segment => segment.tone)
			.map(segment => `${segment.text}:${segment.tone}`);
	assert.deepEqual(toned('┌─ docker web-1 ─────┐'), ['docker:engineContainer']);
	assert.deepEqual(toned('│ veth3a9f peer eth0@docker web-1 │'), ['docker:engineContainer']);
	assert.deepEqual(toned('│ k8s default/nginx-7d9 │'), ['k8s:enginePod']);
	assert.deepEqual(toned('│ svc foo.service │'), ['svc:engineSystem']);
	assert.deepEqual(toned('│ mydocker x │'), []);
});
