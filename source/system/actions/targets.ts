// From a namespace in the snapshot to the arguments actions take, using the
// namespace nstui itself runs in (which needs no ip -n / nsenter at all).
import {namespaceTargetOf, netnsRefOf} from '../../model/namespace-target.js';
import type {Namespace} from '../../model/snapshot.js';
import type {NamespaceTarget} from '../../model/namespace-target.js';
import {namespaceOfPid} from '../procfs.js';

/** Where to run a command for `ns`; null when it cannot be entered (no name, mount or process). */
export function targetFor(ns: Namespace): NamespaceTarget | null {
	return namespaceTargetOf(ns, namespaceOfPid('self'));
}

export {netnsRefOf};
