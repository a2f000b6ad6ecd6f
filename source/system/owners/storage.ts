// podman and CRI-O: the containers/storage list of containers
// (DRIVER-containers/containers.json under its graph root), a file read.
import {readdir, readFile} from 'node:fs/promises';
import {parseStorageContainers, type EngineContainer} from '../../model/owners.js';
import type {OwnerEngine} from '../../model/snapshot.js';
import {readText} from '../procfs.js';

const defaultRoot = '/var/lib/containers/storage';

/** The rootful graph root (storage.conf's graphroot, else the default) and each user's rootless one. */
export function storageRoots(users: string[]): string[] {
	const conf = readText('/etc/containers/storage.conf') ?? '';
	const graphroot = /^\s*graphroot\s*=\s*"([^"]+)"/m.exec(conf)?.[1] ?? defaultRoot;
	const homes = users.length === 0 ? [] : homesOf(users);
	return [graphroot, ...homes.map(home => `${home}/.local/share/containers/storage`)];
}

function homesOf(users: string[]): string[] {
	const wanted = new Set(users.filter(user => user !== 'root'));
	if (wanted.size === 0) return [];
	const passwd = readText('/etc/passwd') ?? '';
	return passwd.split('\n').flatMap(line => {
		const fields = line.split(':');
		return fields.length >= 6 && wanted.has(fields[0]!) ? [fields[5]!] : [];
	});
}

export async function readStorageContainers(
	roots: string[],
	engine: OwnerEngine,
): Promise<EngineContainer[]> {
	// Each storage driver keeps its own list: overlay-containers/, vfs-containers/, btrfs-containers/, ...
	const files = await Promise.all(
		roots.map(root =>
			readdir(root).then(
				entries =>
					entries
						.filter(entry => entry.endsWith('-containers'))
						.map(entry => `${root}/${entry}/containers.json`),
				() => [],
			),
		),
	);
	const lists = await Promise.all(
		files.flat().map(file =>
			readFile(file, 'utf8').then(
				body => parseStorageContainers(body, engine),
				() => [],
			),
		),
	);
	return lists.flat();
}
