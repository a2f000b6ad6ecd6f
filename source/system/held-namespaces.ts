// Which namespaces a refresh finds, and how each is held and entered: nsfs
// mounts in nstui's own table (a covered one gives away neither its path nor
// its name), processes, threads, descriptors and other mount namespaces' mounts.
import path from 'node:path';
import type {DescriptorHolder, MountHolder, ThreadHolder} from '../model/snapshot.js';
import type {NamespaceTarget} from '../model/namespace-target.js';
import type {NsfsMount} from '../model/procfs.js';
import {coveredAt, type Holders} from './holders.js';
import {netnsDir, type ProcScan} from './procfs.js';

/**
 * A namespace found, and how it is held. `paths`: the mounts in nstui's own
 * mount namespace that lead to it; `mounts`: every mount that holds it, in any
 * mount namespace, covered or not; `hidden`: held only by covered mounts.
 */
export type Found = {
	inode: number;
	name: string | null;
	paths: string[];
	mounts: MountHolder[];
	threads: ThreadHolder[];
	descriptors: DescriptorHolder[];
	hidden: boolean;
};

/**
 * The host's namespace and every one held by an nsfs bind mount in nstui's own
 * mount table (the named ones are those in /run/netns), each once. A mount
 * another covers (`unshare --net=/run/netns/t` over `ip netns add t`) still
 * holds its namespace, but its path leads to the upper one: the path and the
 * name belong to that one alone.
 */
export function locateMountedNamespaces(
	rootInode: number | null,
	selfMnt: number | null,
	mounts: NsfsMount[],
	netnsNames: string[],
	warnings: string[],
): Found[] {
	const found = new Map<number, Found>();
	const entry = (inode: number) => {
		let item = found.get(inode);
		if (!item)
			found.set(
				inode,
				(item = {
					inode,
					name: null,
					paths: [],
					mounts: [],
					threads: [],
					descriptors: [],
					hidden: false,
				}),
			);
		return item;
	};
	if (rootInode !== null) entry(rootInode);
	const named = new Set<string>();
	for (const mount of mounts) {
		const item = entry(mount.inode);
		const covered = coveredAt(mount.path, mount.inode);
		if (item.mounts.some(held => held.path === mount.path && held.covered === covered)) continue;
		item.mounts.push({path: mount.path, mountNamespace: selfMnt ?? 0, pid: null, covered});
		if (covered) continue;
		if (!item.paths.includes(mount.path)) item.paths.push(mount.path);
		if (path.dirname(mount.path) === netnsDir) {
			named.add(path.basename(mount.path));
			if (item.name === null) item.name = path.basename(mount.path);
		}
	}
	for (const item of found.values())
		item.hidden = item.inode !== rootInode && item.paths.length === 0;
	for (const name of netnsNames) {
		if (!named.has(name))
			warnings.push(`${netnsDir}/${name} is not a mounted namespace (left over?): skipped`);
	}
	return [...found.values()];
}

/**
 * The namespaces held otherwise than by a visible mount in nstui's own table:
 * by processes, threads, descriptors, other mount namespaces' mounts, and the
 * covered ones. Each with its holders and the way it is entered, in that order
 * of preference; `unreachable`: covered ones no way leads into.
 */
export function heldElsewhere(located: Found[], scan: ProcScan, holders: Holders) {
	const byInode = new Map(located.map(item => [item.inode, item] as const));
	const extra = new Map<number, Found>();
	const entry = (inode: number): Found => {
		const known = byInode.get(inode) ?? extra.get(inode);
		if (known) return known;
		const item: Found = {
			inode,
			name: null,
			paths: [],
			mounts: [],
			threads: [],
			descriptors: [],
			hidden: false,
		};
		extra.set(inode, item);
		return item;
	};
	// Copies: the located ones are kept between refreshes, and holders change more often than mounts.
	for (const item of located)
		byInode.set(item.inode, {...item, threads: [], descriptors: [], mounts: [...item.mounts]});
	for (const inode of scan.byNamespace.keys()) entry(inode);
	for (const [inode, threads] of holders.threads) entry(inode).threads.push(...threads);
	for (const [inode, descriptors] of holders.descriptors)
		entry(inode).descriptors.push(...descriptors);
	for (const [inode, mounts] of holders.mounts) entry(inode).mounts.push(...mounts);
	for (const item of extra.values())
		item.hidden = item.mounts.length > 0 && item.mounts.every(mount => mount.covered);

	const others: Found[] = [];
	const otherTargets: NamespaceTarget[] = [];
	const unreachable: Found[] = [];
	/** The visible mounted ones, the same object when nothing holds them besides. */
	const mounted = new Map<number, Found>();
	const locatedByInode = new Map(located.map(item => [item.inode, item] as const));
	for (const item of [...byInode.values(), ...extra.values()]) {
		const processes = scan.byNamespace.get(item.inode) ?? [];
		const original = locatedByInode.get(item.inode);
		if (original && !original.hidden) {
			const more =
				item.threads.length > 0 ||
				item.descriptors.length > 0 ||
				item.mounts.length > original.mounts.length;
			mounted.set(item.inode, more ? item : original);
			continue;
		}
		const process = processes[0];
		const task = process ? scan.tasks.get(process.pid) : undefined;
		const way = process
			? task === undefined
				? `/proc/${process.pid}/ns/net`
				: `/proc/${process.pid}/task/${task}/ns/net`
			: waysThroughHolders(item)[0];
		if (way === undefined) {
			if (item.hidden) unreachable.push(item);
			continue;
		}
		others.push(item);
		otherTargets.push({path: way});
	}
	return {others, otherTargets, unreachable, mounted};
}

export const onlyDescriptors = (item: Found) =>
	item.descriptors.length > 0 &&
	item.threads.length === 0 &&
	item.paths.length === 0 &&
	item.mounts.length === 0;

/** Paths into a namespace through its holders: a thread, a mount in another mount namespace, a descriptor. */
function waysThroughHolders(item: Found): string[] {
	return [
		...item.threads.map(({pid, tid}) => `/proc/${pid}/task/${tid}/ns/net`),
		...item.mounts
			.filter(mount => !mount.covered && mount.pid !== null)
			.map(mount => `/proc/${mount.pid}/root${mount.path}`),
		...item.descriptors.map(({pid, fd}) => `/proc/${pid}/fd/${fd}`),
	];
}
