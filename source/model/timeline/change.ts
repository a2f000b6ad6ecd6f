// One change in the timeline: what the difference between two readings of a
// namespace says happened. The JSON form of a change (json-line.ts) is a
// public interface, documented in docs/timeline.md and
// docs/timeline-change.schema.json: add, never rename.

import type {OwnerEngine} from '../snapshot.js';

export const changeKinds = [
	'namespace-created',
	'namespace-deleted',
	'namespace-named',
	'namespace-unnamed',
	'owner-appeared',
	'owner-gone',
	'link-added',
	'link-removed',
	'link-renamed',
	'link-state',
	'link-carrier',
	'link-mtu',
	'link-master',
	'link-moved-out',
	'link-moved-in',
	'address-added',
	'address-removed',
	'route-added',
	'route-removed',
	'forwarding',
	'process-made',
	'process-entered',
] as const;

export type ChangeKind = (typeof changeKinds)[number];

export type ChangeOwner = {engine: OwnerEngine; id: string; name: string | null};

/** The namespace a change happened in, as it was then. */
export type ChangeNamespace = {
	inode: number;
	name: string | null;
	/** What nstui calls it in one line (namespaceLabel). */
	label: string;
	owner: ChangeOwner | null;
};

/** Another namespace a change names (where a link went, where a process came from). */
export type OtherNamespace = {inode: number; label: string};

export type ChangeValue =
	| string
	| number
	| boolean
	| null
	| OtherNamespace
	| ChangeOwner
	| {ipv4: boolean; ipv6: boolean}
	| {pid: number; comm: string; cmdline: string; user: string}
	| {name: string; kind: string; state: string; mtu: number; mac: string | null};

export type Change = {
	/** When the reading that showed it was taken (ISO 8601, UTC). */
	time: string;
	namespace: ChangeNamespace;
	kind: ChangeKind;
	/** The interface a link or address change is about (its name after the change), or a route's device. */
	interface: {name: string; ifindex: number} | null;
	before: ChangeValue;
	after: ChangeValue;
};
