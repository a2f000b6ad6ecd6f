// The discovery engine: every network namespace on the host, each once, by inode,
// with its interfaces, routes, forwarding and processes.
import {existsSync} from 'node:fs';
import path from 'node:path';
import type {Namespace, Snapshot} from '../model/snapshot.js';
import {endpointKey, resolveVethPeers} from '../model/veth-peers.js';
import {listNetnsNames, namespaceOfPid, netnsDir, readNsfsMounts, scanProcesses, type ProcessCache} from './procfs.js';
import {batchSafeName, readNamedNamespaces, readNamespace, readNsids, type NamespaceReading} from './ip-query.js';
import {namespaceTargetOf, type NamespaceTarget} from '../model/namespace-target.js';
import type {NsidEntry} from '../model/ip-json.js';
import {mapLimit} from './run.js';

export class MissingToolError extends Error {
	constructor(readonly tool: string) {
		const pkg = tool === 'nsenter' ? 'util-linux' : 'iproute2';
		super(`nstui needs \`${tool}\`, which is not installed: install the Debian package ${pkg} (apt-get install ${pkg})`);
	}
}

export type DiscoverOptions = {
	/** Kept between calls so a refresh reads comm/cmdline only for new processes. */
	processCache?: ProcessCache;
	concurrency?: number;
	timeoutMs?: number;
};

export type Discovery = {
	snapshot: Snapshot;
	/** What could not be read and why (for stderr, or the status bar). */
	warnings: string[];
};

type Found = {inode: number; name: string | null; paths: string[]};

export async function discover(options: DiscoverOptions = {}): Promise<Discovery> {
	const warnings: string[] = [];
	const selfInode = namespaceOfPid('self');
	const rootInode = namespaceOfPid(1) ?? selfInode;
	const scan = scanProcesses(options.processCache);
	if (scan.unreadable > 0) {
		warnings.push(`${scan.unreadable} processes' namespaces could not be read (permission denied): namespaces only they are in may be missing`);
	}

	const found = new Map<number, Found>();
	const entry = (inode: number) => {
		let item = found.get(inode);
		if (!item) found.set(inode, (item = {inode, name: null, paths: []}));
		return item;
	};
	if (rootInode !== null) entry(rootInode);
	for (const mount of readNsfsMounts()) {
		const item = entry(mount.inode);
		if (!item.paths.includes(mount.path)) item.paths.push(mount.path);
		if (path.dirname(mount.path) === netnsDir && item.name === null) item.name = path.basename(mount.path);
	}
	for (const name of listNetnsNames()) {
		if (![...found.values()].some(item => item.name === name)) {
			warnings.push(`${netnsDir}/${name} is not a mounted namespace (left over?): skipped`);
		}
	}
	for (const inode of scan.byNamespace.keys()) entry(inode);

	const list = [...found.values()];
	// Every namespace found has a way in: a name, a mount path, or a process in it.
	const targetOf = (item: Found): NamespaceTarget =>
		namespaceTargetOf(
			{...item, root: item.inode === rootInode, processes: scan.byNamespace.get(item.inode) ?? []},
			selfInode,
		) ?? 'current';
	const targets = list.map(targetOf);
	const readings = await readAll(list, targets, rootInode, options);

	const missing = readings.find(reading => reading.missing)?.missing;
	if (missing) throw new MissingToolError(missing);

	// A namespace whose way in has gone while it was read no longer exists: drop it.
	const kept: {item: Found; reading: NamespaceReading; target: NamespaceTarget}[] = [];
	list.forEach((item, index) => {
		const reading = readings[index]!;
		const target = targets[index]!;
		const way = target === 'current' ? null : 'name' in target ? `${netnsDir}/${target.name}` : target.path;
		if (reading.error && way && !existsSync(way)) return;
		kept.push({item, reading, target});
	});

	const inodeByName = new Map(kept.flatMap(({item}) => (item.name ? [[item.name, item.inode] as const] : [])));
	const knownNsids = (entries: NsidEntry[]) =>
		new Map(
			entries.flatMap(({nsid, name}) => {
				const inode = name === null ? undefined : inodeByName.get(name);
				return inode === undefined ? [] : [[nsid, inode] as const];
			}),
		);
	const nsidEntries = new Map(kept.map(({item, reading}) => [item.inode, reading.nsids]));
	const resolve = () =>
		resolveVethPeers(
			kept.map(({item, reading}) => ({inode: item.inode, links: reading.links, knownNsids: knownNsids(nsidEntries.get(item.inode) ?? [])})),
		);
	let resolution = resolve();
	// Index matching leaves a pair open only when several namespaces fit; their nsid lists settle it.
	if (resolution.ambiguous.size > 0) {
		const asked = kept.filter(({item}) => resolution.ambiguous.has(item.inode));
		const answers = await mapLimit(asked, options.concurrency ?? 4, ({target}) => readNsids(target, options.timeoutMs));
		asked.forEach(({item}, index) => nsidEntries.set(item.inode, answers[index]!));
		resolution = resolve();
	}
	const nsidFromRoot = new Map<number, number>();
	for (const [nsid, inode] of resolution.nsids.get(rootInode ?? -1) ?? []) nsidFromRoot.set(inode, nsid);

	const namespaces: Namespace[] = kept.map(({item, reading}) => ({
		inode: item.inode,
		name: item.name,
		paths: item.paths,
		root: item.inode === rootInode,
		nsid: nsidFromRoot.get(item.inode) ?? null,
		forwarding: reading.forwarding,
		processes: (scan.byNamespace.get(item.inode) ?? []).sort((a, b) => a.pid - b.pid),
		interfaces: reading.links.map(({linkIndex, linkNetnsid, ...link}) => {
			const peer = resolution.peers.get(endpointKey(item.inode, link.ifindex)) ?? null;
			return link.kind === 'veth' && !peer ? {...link, peer, peerUnresolved: true} : {...link, peer};
		}),
		routes: reading.routes,
		error: reading.error,
	}));
	namespaces.sort(compareNamespaces);
	// A namespace that could not be read matters more than the general notes gathered above.
	warnings.unshift(...namespaces.filter(ns => ns.error).map(ns => `${ns.name ?? `net:[${ns.inode}]`}: ${ns.error}`));
	return {snapshot: {version: 1, takenAt: new Date().toISOString(), namespaces}, warnings};
}

/** Named namespaces in a few parallel `ip -b` chunks; the host (with its nsid list) and unnamed ones one by one. */
async function readAll(list: Found[], targets: NamespaceTarget[], rootInode: number | null, options: DiscoverOptions) {
	const concurrency = options.concurrency ?? 2;
	const batched: number[] = [];
	const single: number[] = [];
	targets.forEach((target, index) => {
		const named = target !== 'current' && 'name' in target && batchSafeName(target.name);
		(named && list[index]!.inode !== rootInode ? batched : single).push(index);
	});
	const chunkSize = Math.max(8, Math.ceil(batched.length / concurrency));
	const chunks: number[][] = [];
	for (let start = 0; start < batched.length; start += chunkSize) chunks.push(batched.slice(start, start + chunkSize));

	const readings: NamespaceReading[] = new Array(list.length);
	const jobs: Array<() => Promise<void>> = [
		...chunks.map(chunk => async () => {
			const names = chunk.map(index => (targets[index] as {name: string}).name);
			const answers = await readNamedNamespaces(names, options.timeoutMs);
			chunk.forEach((index, i) => (readings[index] = answers[i]!));
		}),
		...single.map(index => async () => {
			readings[index] = await readNamespace(targets[index]!, {timeoutMs: options.timeoutMs, withNsids: list[index]!.inode === rootInode});
		}),
	];
	await mapLimit(jobs, concurrency, job => job());
	return readings;
}

/** The host first, then named namespaces by name, then unnamed ones by inode. */
export function compareNamespaces(a: Namespace, b: Namespace): number {
	if (a.root !== b.root) return a.root ? -1 : 1;
	if ((a.name === null) !== (b.name === null)) return a.name === null ? 1 : -1;
	if (a.name && b.name) return a.name.localeCompare(b.name);
	return a.inode - b.inode;
}
