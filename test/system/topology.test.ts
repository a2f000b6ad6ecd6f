// The topology drawing and find on real namespaces: seed 000's direct topology,
// built under a prefix of its own, read back by discover() and the CLI.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync, spawnSync} from 'node:child_process';
import {statSync} from 'node:fs';
import {discover} from '../../source/system/discovery/discoverer.js';
import {buildTopology, filterTopology} from '../../source/model/topology/graph.js';
import {topologyText} from '../../source/model/topology/drawing.js';
import {findAnything} from '../../source/model/find.js';
import type {Snapshot} from '../../source/model/snapshot.js';
import {needsRoot} from '../helpers/root.js';
import {ip, Lab} from '../helpers/lab.js';

// Addresses no seed uses, so find's answer can only come from these namespaces.
const left = '10.213.37.1';
const right = '10.213.37.2';

describe('topology and find on a real direct topology', {skip: needsRoot}, () => {
	const lab = new Lab('topo');
	let ns1 = '';
	let ns2 = '';
	let snapshot: Snapshot;

	before(async () => {
		ns1 = lab.ns('ns1');
		ns2 = lab.ns('ns2');
		ip('-n', ns1, 'link', 'add', 'topo-a', 'type', 'veth', 'peer', 'name', 'topo-b', 'netns', ns2);
		ip('-n', ns1, 'addr', 'add', `${left}/30`, 'dev', 'topo-a');
		ip('-n', ns2, 'addr', 'add', `${right}/30`, 'dev', 'topo-b');
		ip('-n', ns1, 'link', 'set', 'topo-a', 'up');
		ip('-n', ns2, 'link', 'set', 'topo-b', 'up');
		snapshot = (await discover()).snapshot;
	});
	after(() => lab.teardown());

	test('the drawing shows the two namespaces connected by their veth pair', () => {
		const text = topologyText(filterTopology(buildTopology(snapshot), lab.prefix));
		assert.match(text, /^2 namespaces · 1 veth link$/m);
		const escaped = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		assert.match(text, new RegExp(`^${escaped(ns1)} ─+ ${escaped(ns2)}$`, 'm'));
		// Right after `link set up` an end may still read `UP no-carrier`: allow a state, and the
		// connector wrapped to the box's next line when the state makes the line too long.
		const state = '(?:[A-Z]+(?: no-carrier)? )?';
		const wrap = '[ │\\n]+';
		assert.match(
			text,
			new RegExp(`│ topo-a +veth +${state}${left}/30${wrap}──── topo-b \\[${escaped(ns2)}\\]`),
		);
		assert.match(
			text,
			new RegExp(`│ topo-b +veth +${state}${right}/30${wrap}──── topo-a \\[${escaped(ns1)}\\]`),
		);
	});

	test('find locates the address in the namespace that holds it', () => {
		const results = findAnything(snapshot, right);
		const exact = results.filter(result => result.how === 'exact');
		assert.equal(exact.length, 1, JSON.stringify(results));
		assert.equal(exact[0]!.namespace, statSync(`/run/netns/${ns2}`).ino);
		assert.equal(exact[0]!.namespaceLabel, ns2);
		assert.equal(exact[0]!.interface, 'topo-b');
		const within = findAnything(snapshot, '10.213.37.3')
			.map(result => result.namespaceLabel)
			.sort();
		assert.deepEqual(within, [ns1, ns2]);
	});

	test('`nstui find` prints it and exits 0; nothing found exits 1; no term exits 2', () => {
		const cli = (...args: string[]) =>
			spawnSync(process.execPath, ['--import', 'tsx', 'source/cli.tsx', ...args], {
				encoding: 'utf8',
			});
		const found = cli('find', right, '--json');
		assert.equal(found.status, 0, found.stderr);
		const parsed = JSON.parse(found.stdout) as {
			results: {namespaceLabel: string; interface: string}[];
		};
		assert.ok(
			parsed.results.some(result => result.namespaceLabel === ns2 && result.interface === 'topo-b'),
		);
		assert.equal(cli('find', '10.213.38.200').status, 1);
		assert.equal(cli('find').status, 2);
	});

	test('`nstui topology --dot` draws the pair as an edge', () => {
		const dot = execFileSync(
			process.execPath,
			['--import', 'tsx', 'source/cli.tsx', 'topology', '--dot'],
			{encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']},
		);
		const [inode1, inode2] = [ns1, ns2].map(name => statSync(`/run/netns/${name}`).ino);
		assert.match(
			dot,
			new RegExp(
				`"${inode1}:topo-a" -- "${inode2}:topo-b"|"${inode2}:topo-b" -- "${inode1}:topo-a"`,
			),
		);
	});
});
