import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {changedRowIds, changedRowsBetween, rowSignatures} from '../../source/model/pane-rows.js';
import type {Namespace, Snapshot} from '../../source/model/snapshot.js';

const lab = (): Snapshot =>
	JSON.parse(
		readFileSync(new URL('../fixtures/lab-snapshot.json', import.meta.url), 'utf8'),
	) as Snapshot;
const full = (a: Snapshot, b: Snapshot) => changedRowIds(rowSignatures(a), rowSignatures(b));
/** `next` keeps every namespace object of `previous` except the ones `change` makes anew (as discovery does). */
function edited(previous: Snapshot, change: (ns: Namespace) => Namespace | null): Snapshot {
	return {...previous, namespaces: previous.namespaces.flatMap(ns => change(ns) ?? [])};
}

test('changed rows from the changed namespaces alone are the rows a whole comparison finds', () => {
	const previous = lab();
	const withPeer = previous.namespaces.find(ns => ns.interfaces.some(link => link.peer))!;
	const peerInode = withPeer.interfaces.find(link => link.peer)!.peer!.namespace;
	const cases: Array<[string, Snapshot]> = [
		['nothing', edited(previous, ns => ns)],
		[
			'an address',
			edited(previous, ns =>
				ns === withPeer
					? {
							...ns,
							interfaces: ns.interfaces.map((link, i) =>
								i === 0
									? {
											...link,
											addresses: [
												...link.addresses,
												{family: 'inet', address: '10.1.2.3', prefixlen: 32},
											],
										}
									: link,
							),
						}
					: ns,
			),
		],
		[
			'a peer namespace renamed',
			edited(previous, ns => (ns.inode === peerInode ? {...ns, name: 'renamed'} : ns)),
		],
		['a peer namespace gone', edited(previous, ns => (ns.inode === peerInode ? null : ns))],
		[
			'a process moved',
			(() => {
				const from = previous.namespaces.find(ns => ns.processes.length > 0)!;
				const to = previous.namespaces.find(ns => ns !== from && !ns.root)!;
				const moved = from.processes[0]!;
				return edited(previous, ns =>
					ns === from
						? {...ns, processes: ns.processes.slice(1)}
						: ns === to
							? {...ns, processes: [...ns.processes, moved]}
							: ns,
				);
			})(),
		],
		[
			'a namespace added',
			{
				...previous,
				namespaces: [
					...previous.namespaces,
					{...previous.namespaces.at(-1)!, inode: 1, name: 'new'},
				],
			},
		],
	];
	for (const [what, next] of cases)
		assert.deepEqual(
			[...changedRowsBetween(previous, next)].sort(),
			[...full(previous, next)].sort(),
			what,
		);
	assert.ok(full(previous, cases[1]![1]).size > 0, 'the cases do change rows');
});
