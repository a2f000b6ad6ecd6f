// Issue 14: under churn (namespaces and veth pairs numbered 2<->2 coming and
// going next to them), ends that stay put are never given a wrong peer.
import {after, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {statSync} from 'node:fs';
import {setTimeout as delay} from 'node:timers/promises';
import {Discoverer} from '../../source/system/discovery/discoverer.js';
import {needsRoot} from '../helpers/root.js';
import {ip, Lab} from '../helpers/lab.js';

describe('veth peers under churn', {skip: needsRoot}, () => {
	const namespaces = new Lab('churn');
	let churner: number | undefined;
	after(async () => {
		if (churner) {
			try {
				process.kill(-churner, 'SIGKILL');
			} catch {}
		}
		await delay(100);
		await namespaces.teardown();
	});

	test('stable ends keep exactly their peer through every refresh while others come and go', async () => {
		const stable = [1, 2, 3, 4].map(() => namespaces.ns());
		const inode = (name: string) => statSync(`/run/netns/${name}`).ino;
		// Pairs numbered 2<->2 and 3<->3 both ways: only the kernel's nsids tell them apart.
		ip(
			'-n',
			stable[0]!,
			'link',
			'add',
			's01',
			'type',
			'veth',
			'peer',
			'name',
			's10',
			'netns',
			stable[1]!,
		);
		ip(
			'-n',
			stable[2]!,
			'link',
			'add',
			's23',
			'type',
			'veth',
			'peer',
			'name',
			's32',
			'netns',
			stable[3]!,
		);
		ip(
			'-n',
			stable[0]!,
			'link',
			'add',
			's02',
			'type',
			'veth',
			'peer',
			'name',
			's20',
			'netns',
			stable[2]!,
		);
		ip(
			'-n',
			stable[1]!,
			'link',
			'add',
			's13',
			'type',
			'veth',
			'peer',
			'name',
			's31',
			'netns',
			stable[3]!,
		);
		const truth: Array<[string, string, string, string]> = [
			[stable[0]!, 's01', stable[1]!, 's10'],
			[stable[2]!, 's23', stable[3]!, 's32'],
			[stable[0]!, 's02', stable[2]!, 's20'],
			[stable[1]!, 's13', stable[3]!, 's31'],
		];
		// The churner: new namespaces wired to the previous one and to a stable one, the oldest deleted.
		const prefix = `${namespaces.prefix}-c`;
		const script = `
			i=0
			while :; do
				ip netns add ${prefix}$i || exit 1
				[ $i -gt 0 ] && ip -n ${prefix}$i link add c type veth peer name d netns ${prefix}$((i-1))
				ip -n "$1" link add x$i type veth peer name y netns ${prefix}$i
				[ $i -ge 4 ] && ip netns del ${prefix}$((i-4))
				i=$((i+1))
			done`;
		const child = spawn('sh', ['-c', script, 'sh', stable[0]!], {stdio: 'ignore', detached: true});
		churner = child.pid;
		let checked = 0;
		const discoverer = new Discoverer();
		for (let round = 0; round < 12; round++) {
			const {snapshot} = await discoverer.refresh(round % 2 === 0 ? {} : {maxAgeMs: 0});
			for (const [aNs, a, bNs, b] of truth) {
				for (const [from, name, to, peer] of [
					[aNs, a, bNs, b],
					[bNs, b, aNs, a],
				] as const) {
					const link = snapshot.namespaces
						.find(ns => ns.inode === inode(from))
						?.interfaces.find(item => item.name === name);
					assert.ok(link, `round ${round}: ${name} is listed`);
					assert.deepEqual(
						link.peer && {namespace: link.peer.namespace, name: link.peer.name},
						{namespace: inode(to), name: peer},
						`round ${round}: ${name}`,
					);
					checked++;
				}
			}
		}
		assert.equal(child.exitCode, null, 'the churner kept running throughout');
		const made = Math.max(
			...ip('netns', 'list')
				.toString()
				.split('\n')
				.map(line => line.split(' ')[0]!)
				.filter(name => name.startsWith(prefix))
				.map(name => Number(name.slice(prefix.length))),
		);
		assert.ok(made >= 10, `namespaces came and went meanwhile (${made + 1} made)`);
		assert.equal(checked, 12 * 8);
	});
});
