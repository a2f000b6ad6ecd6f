// Issue 14: random topologies with the truth recorded as they are built,
// seeded and reproducible (NSTUI_PEER_SEEDS=7,8 to run other seeds). Every
// kind of namespace nstui can see, plus ones it cannot (held only by a
// socket), joined by veth pairs with colliding ifindexes, renamed and moved
// ends. Every end nstui lists must have exactly its true peer, and be
// unresolved exactly when that peer is out of sight.
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {discover} from '../../source/system/discovery/discoverer.js';
import {needsRoot} from '../helpers/root.js';
import {HeldNamespaces} from '../helpers/held.js';
import {Lab, needsRootAnd} from '../helpers/lab.js';

const seeds = (process.env.NSTUI_PEER_SEEDS ?? '1,2,3').split(',').map(Number);

/** mulberry32: a small PRNG, so a seed always builds the same topology. */
function random(seed: number) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (n: number) => Math.floor(next() * n),
		pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!,
	};
}

type Kind = 'named' | 'process' | 'bind' | 'other-mount' | 'descriptor' | 'thread' | 'unseen';
const kinds: readonly Kind[] = [
	'named',
	'process',
	'bind',
	'other-mount',
	'descriptor',
	'thread',
	'unseen',
];
const ip = (...args: string[]) => execFileSync('ip', args, {stdio: ['ignore', 'pipe', 'pipe']});

describe('veth peers on random topologies, against the truth', {skip: needsRoot}, () => {
	const withThreads = needsRootAnd('python3') === false;
	for (const seed of seeds) {
		test(`seed ${seed}: no wrong peer, unresolved only where the other end is out of sight`, async () => {
			const namespaces = new Lab(`rnd${seed}`);
			const held = new HeldNamespaces(namespaces.prefix);
			const binds: string[] = [];
			const dirs: string[] = [];
			try {
				const rng = random(seed);
				const count = 9 + rng.int(6);
				const usable = kinds.filter(kind => kind !== 'thread' || withThreads);
				// Every kind at least once, the rest at random.
				const plan = Array.from({length: count}, (_, i) =>
					i < usable.length ? usable[i]! : rng.pick(usable),
				);
				const names = plan.map(() => namespaces.ns());
				const inodes = names.map(name => statSync(`/run/netns/${name}`).ino);

				// Where each end is and what it is called: the truth, kept as the topology is built.
				type End = {ns: number; name: string};
				const ends: End[] = [];
				const peerOf = new Map<End, End>();
				const pairs = 14 + rng.int(10);
				for (let pair = 0; pair < pairs; pair++) {
					const a: End = {ns: rng.int(count), name: `a${pair}`};
					const b: End = {ns: rng.next() < 0.15 ? a.ns : rng.int(count), name: `b${pair}`};
					ip(
						'-n',
						names[a.ns]!,
						'link',
						'add',
						a.name,
						'type',
						'veth',
						'peer',
						'name',
						b.name,
						'netns',
						names[b.ns]!,
					);
					ends.push(a, b);
					peerOf.set(a, b);
					peerOf.set(b, a);
				}
				// Renamed and moved ends (a move may change the ifindex, and makes more collide).
				for (let step = 0; step < 8; step++) {
					const end = rng.pick(ends);
					if (rng.next() < 0.5) {
						const renamed = `r${step}${end.name}`;
						ip('-n', names[end.ns]!, 'link', 'set', 'dev', end.name, 'name', renamed);
						end.name = renamed;
					} else {
						const to = rng.int(count);
						if (to === end.ns) continue;
						ip('-n', names[end.ns]!, 'link', 'set', 'dev', end.name, 'netns', names[to]!);
						end.ns = to;
					}
				}

				// Now each namespace is made to be held the way its kind says, and loses its name unless named.
				for (const [index, kind] of plan.entries()) {
					const file = `/run/netns/${names[index]}`;
					if (kind === 'named') continue;
					if (kind === 'process') await namespaces.sleeperPid(names[index]);
					if (kind === 'bind') {
						const dir = mkdtempSync(path.join(tmpdir(), `${namespaces.prefix}-bind-`));
						dirs.push(dir);
						const holder = path.join(dir, 'held');
						writeFileSync(holder, '');
						execFileSync('mount', ['--bind', file, holder]);
						binds.push(holder);
					}
					if (kind === 'other-mount') await held.mountedInOtherMountNamespace(file);
					if (kind === 'descriptor') await held.byDescriptor(file);
					if (kind === 'thread') await held.byThread(file);
					if (kind === 'unseen') await held.bySocketOnly(file);
					ip('netns', 'del', names[index]!);
				}

				const {snapshot} = await discover();
				const listed = new Map(snapshot.namespaces.map(ns => [ns.inode, ns] as const));
				const visible = (ns: number) => plan[ns] !== 'unseen';
				for (const [index, kind] of plan.entries()) {
					// What nstui saw of every holder, to tell why should this ever fail.
					const seen = () =>
						JSON.stringify(
							snapshot.namespaces
								.filter(ns => !ns.root && ns.name === null)
								.map(ns => ({
									inode: ns.inode,
									threads: ns.threads,
									descriptors: ns.descriptors,
									mounts: ns.mounts,
									error: ns.error,
								})),
						);
					assert.equal(
						listed.has(inodes[index]!),
						visible(index),
						`seed ${seed}: a ${kind} namespace (net:[${inodes[index]}]) is ${visible(index) ? '' : 'not '}listed; seen: ${seen()}`,
					);
				}
				let checked = 0;
				for (const end of ends) {
					if (!visible(end.ns)) continue;
					const link = listed.get(inodes[end.ns]!)?.interfaces.find(item => item.name === end.name);
					assert.ok(link, `seed ${seed}: ${end.name} is listed in its namespace (${plan[end.ns]})`);
					const truth = peerOf.get(end)!;
					const where = `seed ${seed}: ${end.name} in ${plan[end.ns]} #${end.ns}, peer ${truth.name} in ${plan[truth.ns]} #${truth.ns}`;
					if (visible(truth.ns))
						assert.deepEqual(
							link.peer && {namespace: link.peer.namespace, name: link.peer.name},
							{namespace: inodes[truth.ns], name: truth.name},
							where,
						);
					else
						assert.deepEqual(
							{peer: link.peer, peerUnresolved: link.peerUnresolved},
							{peer: null, peerUnresolved: true},
							where,
						);
					checked++;
				}
				assert.ok(checked >= 20, `seed ${seed}: enough ends were checked (${checked})`);
			} finally {
				for (const holder of binds) {
					try {
						execFileSync('umount', [holder]);
					} catch {}
				}
				for (const dir of dirs) rmSync(dir, {recursive: true, force: true});
				await held.cleanup();
				await namespaces.teardown();
			}
		});
	}
});
