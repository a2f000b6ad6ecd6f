// How discovery enters a namespace it found: a name, a mount path, or a process in it.
import type {Process} from '../../model/snapshot.js';
import {namespaceTargetOf, type NamespaceTarget} from '../../model/namespace-target.js';
import type {Found} from '../held-namespaces.js';
import {netnsDir} from '../procfs.js';

/** How to enter a namespace found (every one found has a way). */
export const wayIn = (
	item: Found,
	processes: Process[],
	rootInode: number | null,
	selfInode: number | null,
): NamespaceTarget =>
	namespaceTargetOf({...item, root: item.inode === rootInode, processes}, selfInode) ?? 'current';

/** The nsfs file a namespace is entered by. */
export const nsfsPathOf = (target: Exclude<NamespaceTarget, 'current'>) =>
	'name' in target ? `${netnsDir}/${target.name}` : target.path;

/** The nsfs file of a target; nstui's own namespace by its pid (the readers and the watcher run elsewhere). */
export const entryPathOf = (target: NamespaceTarget) =>
	target === 'current' ? `/proc/${process.pid}/ns/net` : nsfsPathOf(target);
