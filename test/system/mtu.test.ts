import {after, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {discover} from '../../source/system/discovery/discoverer.js';
import {needsRoot} from '../helpers/root.js';
import {ip, Lab} from '../helpers/lab.js';

describe('MTU on real veths', {skip: needsRoot}, () => {
	const lab = new Lab('mtu');
	after(() => lab.teardown());

	test('each interface has its MTU, and ends that differ are a warning naming the smaller', async () => {
		const {ns1, ns2} = lab.direct();
		ip('-n', ns2, 'link', 'set', 'veth1', 'mtu', '1400');
		const {snapshot, warnings} = await discover();
		const mtuOf = (ns: string, name: string) =>
			snapshot.namespaces
				.find(namespace => namespace.name === ns)
				?.interfaces.find(link => link.name === name)?.mtu;
		assert.equal(mtuOf(ns1, 'veth0'), 1500);
		assert.equal(mtuOf(ns2, 'veth1'), 1400);
		const ours = warnings.filter(warning => warning.includes(lab.prefix));
		assert.deepEqual(ours, [
			`veth ends differ: veth1@${ns2} (MTU 1400) and veth0@${ns1} (MTU 1500): packets over 1400 bytes sent from ${ns1} are dropped at veth1`,
		]);

		const text = spawnSync(process.execPath, ['dist/cli.js', 'snapshot'], {encoding: 'utf8'});
		assert.equal(text.status, 0, text.stderr);
		const ns2Lines = text.stdout.split('\n== ').find(part => part.startsWith(`${ns2} `)) ?? '';
		assert.match(ns2Lines, /\d+: veth1 {2}veth {2}\S+ {2}mtu 1400 {2}192\.168\.1\.2\/24/);
		assert.ok(text.stderr.includes(`veth ends differ: veth1@${ns2}`), 'the warning on stderr');

		ip('-n', ns2, 'link', 'set', 'veth1', 'mtu', '1500');
		const again = await discover();
		assert.deepEqual(
			again.warnings.filter(warning => warning.includes(lab.prefix)),
			[],
			'equal again: no warning',
		);
	});
});
