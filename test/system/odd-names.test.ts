// A namespace someone else named with a leading "-": shown, entered by its path,
// never passed where ip would read it as an option.
import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {discover} from '../../source/system/discovery/discoverer.js';
import {addAddress, deleteNamespace, targetFor} from '../../source/system/actions/index.js';
import {CommandLog} from '../../source/system/command-log.js';
import {needsRoot} from '../helpers/root.js';
import {ip, sh} from '../helpers/lab.js';

const name = `-nstui-odd-${process.pid}`;
after(() => {
	if (existsSync(`/run/netns/${name}`)) ip('netns', 'del', name);
});

test(
	'a namespace named with a leading "-" is found, changed through its path, and not deleted by name',
	{skip: needsRoot},
	async () => {
		ip('netns', 'add', name);
		const ns = (await discover()).snapshot.namespaces.find(item => item.name === name);
		assert.ok(ns, 'it is in the snapshot');
		assert.equal(ns.error, null);
		const target = targetFor(ns);
		assert.deepEqual(target, {path: `/run/netns/${name}`});

		const log = new CommandLog();
		const added = await addAddress(
			{namespace: target, device: 'lo', address: '10.77.0.1/32'},
			{log},
		);
		assert.equal(added.ok, true, added.message);
		assert.equal(added.command?.[0], 'nsenter');
		assert.match(
			sh('nsenter', `--net=/run/netns/${name}`, 'ip', '-j', 'addr', 'show', 'dev', 'lo'),
			/10\.77\.0\.1/,
		);

		const refused = await deleteNamespace({name}, {log});
		assert.equal(refused.ok, false);
		assert.match(refused.message, /"-"/);
		assert.ok(existsSync(`/run/netns/${name}`), 'still there');
		assert.equal(log.getSnapshot().length, 1, 'only the address was run');
	},
);
