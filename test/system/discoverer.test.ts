import {after, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {once} from 'node:events';
import {Discoverer} from '../../source/system/discover.js';
import {scanProcesses} from '../../source/system/procfs.js';
import {needsRoot} from '../helpers/root.js';
import {ip, Lab, uniquePrefix} from '../helpers/lab.js';

describe('Discoverer: incremental refreshes', {skip: needsRoot}, () => {
	const lab = new Lab(uniquePrefix('incr'));
	after(() => lab.teardown());

	test('a refresh that changed nothing returns the same snapshot object', async () => {
		const {ns1} = lab.direct();
		const discoverer = new Discoverer();
		const first = await discoverer.refresh();
		const second = await discoverer.refresh();
		assert.equal(second.snapshot, first.snapshot);
		ip('-n', ns1, 'addr', 'add', '10.99.0.1/32', 'dev', 'lo');
		const third = await discoverer.refresh();
		assert.notEqual(third.snapshot, first.snapshot);
		const unchanged = first.snapshot.namespaces.find(ns => ns.name !== ns1 && !ns.root)!;
		assert.equal(third.snapshot.namespaces.find(ns => ns.inode === unchanged.inode), unchanged, 'an unchanged namespace keeps its object');
	});

	test('fresh readings are kept until old or focused; new and deleted namespaces show at once', async () => {
		const a = lab.ns('keep');
		const discoverer = new Discoverer();
		const plan = {maxAgeMs: 60_000};
		await discoverer.refresh(plan);
		ip('-n', a, 'addr', 'add', '10.99.1.1/32', 'dev', 'lo');
		const addressesOf = (snapshot: Awaited<ReturnType<Discoverer['refresh']>>['snapshot']) =>
			snapshot.namespaces.find(ns => ns.name === a)!.interfaces.flatMap(link => link.addresses.map(address => address.address));

		assert.ok(!addressesOf((await discoverer.refresh(plan)).snapshot).includes('10.99.1.1'), 'not read again while fresh');
		const inode = (await discoverer.refresh(plan)).snapshot.namespaces.find(ns => ns.name === a)!.inode;
		assert.ok(addressesOf((await discoverer.refresh({...plan, focus: [inode]})).snapshot).includes('10.99.1.1'), 'read when focused');

		const late = lab.ns('late');
		assert.ok((await discoverer.refresh(plan)).snapshot.namespaces.some(ns => ns.name === late), 'a new namespace appears');
		ip('netns', 'del', late);
		assert.ok(!(await discoverer.refresh(plan)).snapshot.namespaces.some(ns => ns.name === late), 'a deleted one goes');
	});

	test('with the quiet-host shortcut on, a process started by someone else is still seen at the next refresh', async () => {
		const discoverer = new Discoverer();
		const plan = {maxAgeMs: 60_000, trustProcessesAfterMs: 5_000, recheckProcessesAfterMs: 60_000};
		await discoverer.refresh(plan);
		await discoverer.refresh(plan);
		const child = await lab.unnamed();
		const {snapshot} = await discoverer.refresh(plan);
		assert.ok(snapshot.namespaces.some(ns => ns.processes.some(p => p.pid === child.pid)), 'the new process and its namespace are there');
		child.kill('SIGKILL');
		await once(child, 'exit');
		const after = (await discoverer.refresh(plan)).snapshot;
		assert.ok(!after.namespaces.some(ns => ns.processes.some(p => p.pid === child.pid)), 'and gone once it ended');
	});

	test('a scan without details knows only namespaces; the next scan fills in comm and command line', async () => {
		const child = await lab.unnamed();
		const cache = new Map();
		const find = (scan: ReturnType<typeof scanProcesses>) => [...scan.byNamespace.values()].flat().find(p => p.pid === child.pid);
		assert.deepEqual(find(scanProcesses(cache, {details: false})), {pid: child.pid, comm: '…', cmdline: '…', user: '…'});
		assert.deepEqual(find(scanProcesses(cache)), {pid: child.pid, comm: 'sleep', cmdline: 'sleep infinity', user: 'root'});
	});
});
