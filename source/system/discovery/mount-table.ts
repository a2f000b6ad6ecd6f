// The namespaces that have a mount (a name in /run/netns, a container's bind
// mount, the host's) and the way into each, worked out again only when the
// mount table or /run/netns changed: inotify on /run/netns, the watcher's word
// that the mount table changed, or the table's age.
import {watch, type FSWatcher} from 'node:fs';
import type {NamespaceTarget} from '../../model/namespace-target.js';
import {parseNsfsMounts} from '../../model/procfs.js';
import {locateMountedNamespaces, type Found} from '../held-namespaces.js';
import {listNetnsNames, netnsDir, readMountinfo} from '../procfs.js';
import {wayIn} from './ways-in.js';

export type Mounted = {
	mountinfo: string;
	names: string[];
	rootInode: number | null;
	selfInode: number | null;
	found: Found[];
	targets: NamespaceTarget[];
	/** `${inode} ${path}` of every nsfs mount in nstui's own table. */
	keys: Set<string>;
	warnings: string[];
	readAt: number;
	/** Looks again while a name in /run/netns is not mounted, each time later (see recheckAfterMs). */
	rechecks: number;
};

/**
 * `ip netns add` makes the file before it mounts the namespace there, so a
 * name not mounted is looked at again: after 0.25 s, then twice as long each
 * time, up to the table's maximum age. A file left over (a crash, a test that
 * did not clean up) is not read again on every refresh for ever.
 */
const recheckAfterMs = (known: Mounted, maxAgeMs: number) =>
	Math.min(maxAgeMs, 250 * 2 ** known.rechecks);

export type Inodes = {rootInode: number | null; selfInode: number | null; selfMnt: number | null};

export class MountTable {
	private known: Mounted | null = null;
	/** Watches /run/netns for names added and removed; null while it cannot (no such directory yet). */
	private netnsWatcher: FSWatcher | null = null;
	private changed = true;

	/** onNetnsChange: /run/netns changed (so the TUI refreshes at once rather than at its next tick). */
	constructor(private readonly onNetnsChange?: () => void) {}

	/** Something says the mount table changed (the namespace watcher): read it again next time. */
	markChanged() {
		this.changed = true;
	}

	/** Would locate() use what it has: nothing said the table changed, and it is younger than maxAgeMs. */
	fresh(maxAgeMs: number | undefined, now: number): boolean {
		const known = this.known;
		return (
			known !== null &&
			maxAgeMs !== undefined &&
			!this.changed &&
			this.netnsWatcher !== null &&
			now - known.readAt < maxAgeMs &&
			(known.warnings.length === 0 || now - known.readAt < recheckAfterMs(known, maxAgeMs))
		);
	}

	/** maxAgeMs unset: read on every call, without inotify (a one-off snapshot). */
	locate(
		{rootInode, selfInode, selfMnt}: Inodes,
		maxAgeMs: number | undefined,
		now: number,
		warnings: string[],
	): Mounted {
		let known = this.known;
		if (maxAgeMs !== undefined) this.watchNetns();
		const reread =
			!known ||
			known.rootInode !== rootInode ||
			known.selfInode !== selfInode ||
			maxAgeMs === undefined ||
			this.changed ||
			this.netnsWatcher === null ||
			now - known.readAt >= maxAgeMs ||
			// `ip netns add` makes the file before it mounts the namespace there: look again until it has.
			(known.warnings.length > 0 && now - known.readAt >= recheckAfterMs(known, maxAgeMs));
		if (reread) {
			this.changed = false;
			const mountinfo = readMountinfo();
			const names = listNetnsNames();
			const same =
				known &&
				known.rootInode === rootInode &&
				known.selfInode === selfInode &&
				known.mountinfo === mountinfo &&
				known.names.length === names.length &&
				known.names.every((name, i) => name === names[i]);
			if (same) {
				known!.readAt = now;
				if (known!.warnings.length > 0) known!.rechecks++;
			} else {
				const notes: string[] = [];
				const mounts = parseNsfsMounts(mountinfo);
				const found = locateMountedNamespaces(rootInode, selfMnt, mounts, names, notes);
				const targets = found.map(item => wayIn(item, [], rootInode, selfInode));
				const keys = new Set(mounts.map(mount => `${mount.inode} ${mount.path}`));
				known = this.known = {
					mountinfo,
					names,
					rootInode,
					selfInode,
					found,
					targets,
					keys,
					warnings: notes,
					readAt: now,
					rechecks: 0,
				};
			}
		}
		warnings.push(...known!.warnings);
		return known!;
	}

	private watchNetns() {
		if (this.netnsWatcher) return;
		try {
			const watcher = watch(netnsDir, () => {
				this.changed = true;
				this.onNetnsChange?.();
			});
			// Not a reason to keep nstui running; and a watch that fails is simply tried again.
			watcher.unref();
			watcher.on('error', () => {
				watcher.close();
				if (this.netnsWatcher === watcher) this.netnsWatcher = null;
			});
			this.netnsWatcher = watcher;
		} catch {
			this.netnsWatcher = null;
		}
	}
}
