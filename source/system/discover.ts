// The discovery engine: every network namespace on the host, each once, by inode,
// with its interfaces, routes, forwarding and processes.
import {existsSync} from 'node:fs';
import path from 'node:path';
import type {Namespace, Snapshot} from '../model/snapshot.js';
import {endpointKey, resolveVethPeers} from '../model/veth-peers.js';
import {listNetnsNames, namespaceOfPid, netnsDir, readNsfsMounts, scanProcesses, type ProcessCache} from './procfs.js';
import {readNamespace, type NamespaceReading, type NamespaceTarget} from './ip-query.js';
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
	const targetOf = (item: Found): NamespaceTarget => {
		if (item.inode === selfInode) return 'current';
		if (item.name !== null) return {name: item.name};
		if (item.inode === rootInode) return {path: '/proc/1/ns/net'};
		const pid = scan.byNamespace.get(item.inode)?.[0]?.pid;
		return {path: item.paths[0] ?? `/proc/${pid}/ns/net`};
	};
	const targets = list.map(targetOf);
	const readings = await mapLimit(targets, options.concurrency ?? 4, target => readNamespace(target, options.timeoutMs));

	const missing = readings.find(reading => reading.missing)?.missing;
	if (missing) throw new MissingToolError(missing);

	// A namespace whose way in has gone while it was read no longer exists: drop it.
	const kept: {item: Found; reading: NamespaceReading}[] = [];
	list.forEach((item, index) => {
		const reading = readings[index]!;
		const target = targets[index]!;
		const way = target === 'current' ? null : 'name' in target ? `${netnsDir}/${target.name}` : target.path;
		if (reading.error && way && !existsSync(way)) return;
		kept.push({item, reading});
	});

	const inodeByName = new Map(kept.flatMap(({item}) => (item.name ? [[item.name, item.inode] as const] : [])));
	const resolution = resolveVethPeers(
		kept.map(({item, reading}) => ({
			inode: item.inode,
			links: reading.links,
			knownNsids: new Map(
				reading.nsids.flatMap(({nsid, name}) => {
					const inode = name === null ? undefined : inodeByName.get(name);
					return inode === undefined ? [] : [[nsid, inode] as const];
				}),
			),
		})),
	);
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
	for (const ns of namespaces) if (ns.error) warnings.push(`net:[${ns.inode}] ${ns.name ?? ''}: ${ns.error}`);
	return {snapshot: {version: 1, takenAt: new Date().toISOString(), namespaces}, warnings};
}

/** The host first, then named namespaces by name, then unnamed ones by inode. */
export function compareNamespaces(a: Namespace, b: Namespace): number {
	if (a.root !== b.root) return a.root ? -1 : 1;
	if ((a.name === null) !== (b.name === null)) return a.name === null ? 1 : -1;
	if (a.name && b.name) return a.name.localeCompare(b.name);
	return a.inode - b.inode;
}
