// containerd's CRI plugin and CRI-O: the annotations of a container's OCI
// bundle (config.json), which name its pod and its container.
import {readdir, readFile} from 'node:fs/promises';
import {parseOciAnnotations, type OciAnnotations} from '../../model/owners.js';

const containerdTasks = '/run/containerd/io.containerd.runtime.v2.task';
const crioContainers = '/run/containers/storage/overlay-containers';

/** The bundles a container id may have: under each containerd namespace (k8s.io, moby, ...), and CRI-O's. */
async function bundlesOf(id: string, runtime: string | null | undefined): Promise<string[]> {
	const paths: string[] = [];
	if (runtime !== 'crio') {
		const namespaces = await readdir(containerdTasks).catch(() => [] as string[]);
		paths.push(...namespaces.map(namespace => `${containerdTasks}/${namespace}/${id}/config.json`));
	}
	if (runtime !== 'containerd') paths.push(`${crioContainers}/${id}/userdata/config.json`);
	return paths;
}

export async function readOciAnnotations(
	id: string,
	runtime?: string | null,
): Promise<OciAnnotations | null> {
	for (const path of await bundlesOf(id, runtime)) {
		const body = await readFile(path, 'utf8').catch(() => null);
		if (body === null) continue;
		try {
			const namespace = path.startsWith(`${containerdTasks}/`)
				? (path.slice(containerdTasks.length + 1).split('/')[0] ?? null)
				: null;
			return {...parseOciAnnotations(body), containerdNamespace: namespace};
		} catch {
			return null;
		}
	}
	return null;
}
