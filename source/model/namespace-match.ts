// A namespace named on a command line (`nstui capture NAMESPACE ...`): by its
// name, its inode (`4026532386` or `net:[4026532386]`), or its owner (a
// container's name or id prefix, `namespace/pod`, a unit, as nstui labels
// it). Exactly one must match. Pure.
import {ownerLabel, ownerTerms} from './owners.js';
import {shown} from './shown-text.js';
import {namespaceLabel, type Namespace, type Snapshot} from './snapshot.js';
import type {Validation} from './validate.js';

export function resolveNamespace(snapshot: Snapshot, term: string): Validation<Namespace> {
	const inode = /^(?:net:\[)?(\d+)\]?$/.exec(term)?.[1];
	if (inode !== undefined) {
		const found = snapshot.namespaces.find(ns => ns.inode === Number(inode));
		if (found) return {ok: true, value: found};
	}
	const byName = snapshot.namespaces.filter(
		ns => ns.name === term || (ns.root && (term === 'host' || term === '<host>')),
	);
	if (byName.length === 1) return {ok: true, value: byName[0]!};
	const byOwner = snapshot.namespaces.filter(ns => ns.owner && ownerMatches(ns, term));
	if (byOwner.length === 1) return {ok: true, value: byOwner[0]!};
	if (byOwner.length > 1) {
		const names = byOwner.slice(0, 5).map(ns => `${namespaceLabel(ns)} (net:[${ns.inode}])`);
		return {
			ok: false,
			reason: `"${shown(term)}" names ${byOwner.length} namespaces: ${shown(names.join(', '))}; give the inode`,
		};
	}
	return {
		ok: false,
		reason: `no namespace is named "${shown(term)}" (a name, an inode, or a container, pod or service)`,
	};
}

function ownerMatches(ns: Namespace, term: string): boolean {
	const owner = ns.owner!;
	if (ownerLabel(owner) === term || ownerTerms(owner).includes(term)) return true;
	// A container id by its start, as docker takes it (12 hex digits are what it shows).
	const ids = [owner.id, ...owner.containers.map(container => container.id)];
	return /^[0-9a-f]{4,64}$/.test(term) && ids.some(id => id.startsWith(term));
}
