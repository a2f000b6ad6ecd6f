// Who owns a namespace: which container engine, container, pod, machine or
// systemd service. Pure parsing of what the system publishes: /proc/PID/cgroup
// lines, the Docker Engine API's container list, OCI config.json annotations,
// and containers/storage's containers.json (podman, CRI-O).
import type {Owner, OwnerContainer, OwnerEngine} from './snapshot.js';

/** What one process's cgroup says about who runs it. */
export type CgroupHint = {
	engine: OwnerEngine;
	/** Container id, machine or LXC name, or systemd unit. */
	id: string;
	/** The cgroup path it was read from. */
	path: string;
	/** Under kubepods: the container runtime, when the layout names it. */
	runtime?: 'containerd' | 'crio' | 'docker' | null;
	podUid?: string | null;
};

// Container ids: 12 to 64 hex digits.
const idPattern = /^[0-9a-f]{12,64}$/;
const patterns: Array<{re: RegExp; engine: OwnerEngine; runtime?: CgroupHint['runtime']}> = [
	{re: /^docker-([0-9a-f]{12,64})\.scope$/, engine: 'docker', runtime: 'docker'},
	{re: /^cri-containerd-([0-9a-f]{12,64})\.scope$/, engine: 'containerd', runtime: 'containerd'},
	{re: /^nerdctl-([0-9a-f]{12,64})\.scope$/, engine: 'containerd', runtime: 'containerd'},
	{re: /^crio-([0-9a-f]{12,64})(?:\.scope)?$/, engine: 'crio', runtime: 'crio'},
	{re: /^libpod-([0-9a-f]{12,64})(?:\.scope)?$/, engine: 'podman'},
];

/**
 * The owner one cgroup path names, or null. Layouts (systemd and cgroupfs
 * drivers, cgroup v1 and v2): docker-ID.scope, /docker/ID, kubepods…/
 * cri-containerd-ID.scope, crio-ID(.scope), kubepods/…/podUID/ID, libpod-ID(.scope),
 * machine-NAME.scope, systemd-nspawn@NAME.service, lxc.payload.NAME, /lxc/NAME,
 * UNIT.service.
 */
export function hintFromCgroupPath(path: string): CgroupHint | null {
	const parts = path.split('/').filter(Boolean);
	const kube = parts.some(part => part.startsWith('kubepods'));
	const podUid = kube ? podUidOf(parts) : undefined;
	// The deepest container segment wins: podman in a systemd scope puts its processes in libpod-ID.scope/container.
	for (let index = parts.length - 1; index >= 0; index--) {
		const part = parts[index]!;
		for (const {re, engine, runtime} of patterns) {
			const match = re.exec(part);
			if (match)
				return kube
					? {engine: 'kubernetes', id: match[1]!, path, runtime: runtime ?? null, podUid}
					: {engine, id: match[1]!, path};
		}
		const parent = parts[index - 1];
		if (idPattern.test(part)) {
			if (parent === 'docker') return {engine: 'docker', id: part, path};
			if (kube && parent?.startsWith('pod'))
				return {engine: 'kubernetes', id: part, path, runtime: null, podUid};
			if (parent === 'libpod_parent') return {engine: 'podman', id: part, path};
		}
	}
	for (let index = parts.length - 1; index >= 0; index--) {
		const part = parts[index]!;
		let match = /^machine-(.+)\.scope$/.exec(part) ?? /^systemd-nspawn@(.+)\.service$/.exec(part);
		if (match) return {engine: 'nspawn', id: unescapeUnit(match[1]!), path};
		match = /^lxc\.payload[./](.+)$/.exec(part);
		if (match) return {engine: 'lxc', id: match[1]!, path};
		if (parts[index - 1] === 'lxc' && index === 1 && !part.startsWith('lxc.'))
			return {engine: 'lxc', id: part, path};
		if (part === 'lxc.payload' && parts[index + 1])
			return {engine: 'lxc', id: parts[index + 1]!, path};
	}
	// A service's own processes, not a scope or slice below it (a user's session under user@UID.service).
	const leaf = parts[parts.length - 1];
	if (leaf?.endsWith('.service')) return {engine: 'systemd', id: unescapeUnit(leaf), path};
	return null;
}

/** The pod uid in kubepods-burstable-pod1234_5678.slice or /kubepods/burstable/pod1234-5678. */
function podUidOf(parts: string[]): string | null {
	for (const part of parts) {
		const match = /(?:^|-)pod([0-9a-f_-]{8,})(?:\.slice)?$/.exec(part);
		if (match) return match[1]!.replace(/_/g, '-');
	}
	return null;
}

/** systemd's unit-name escaping: `\x2d` is `-`. */
function unescapeUnit(text: string): string {
	return text.replace(/\\x([0-9a-f]{2})/gi, (_, code: string) =>
		String.fromCharCode(Number.parseInt(code, 16)),
	);
}

/**
 * The owner a /proc/PID/cgroup file names. The unified line (`0::`) first,
 * then systemd's own hierarchy (`name=systemd`), then any controller's.
 */
export function hintFromCgroup(text: string): CgroupHint | null {
	const lines = text
		.split('\n')
		.filter(Boolean)
		.map(line => {
			const first = line.indexOf(':');
			const second = line.indexOf(':', first + 1);
			return {controllers: line.slice(first + 1, second), path: line.slice(second + 1)};
		});
	const rank = (controllers: string) =>
		controllers === '' ? 0 : controllers === 'name=systemd' ? 1 : 2;
	lines.sort((a, b) => rank(a.controllers) - rank(b.controllers));
	for (const {path} of lines) {
		const hint = hintFromCgroupPath(path);
		if (hint) return hint;
	}
	return null;
}

/** A container as an engine lists it. */
export type EngineContainer = OwnerContainer & {
	engine: OwnerEngine;
	/** `container:ID` when it uses another's network namespace (Docker's NetworkMode). */
	networkMode?: string | null;
	/** Where its namespace is bind-mounted (Docker's SandboxKey), when known. */
	sandboxKey?: string | null;
};

/** GET /containers/json?all=1 of the Docker Engine API (podman's compatible API answers the same). */
export function parseDockerContainers(
	body: string,
	engine: OwnerEngine = 'docker',
): EngineContainer[] {
	const list: unknown = JSON.parse(body);
	if (!Array.isArray(list)) return [];
	return list.flatMap((item: Record<string, unknown>) => {
		if (typeof item?.['Id'] !== 'string') return [];
		const names = Array.isArray(item['Names'])
			? (item['Names'] as unknown[]).filter(name => typeof name === 'string')
			: [];
		const hostConfig = (item['HostConfig'] ?? {}) as Record<string, unknown>;
		return [
			{
				engine,
				id: item['Id'],
				name: names[0] ? names[0].replace(/^\//, '') : null,
				image: typeof item['Image'] === 'string' ? item['Image'] : null,
				labels: stringRecord(item['Labels']),
				networkMode:
					typeof hostConfig['NetworkMode'] === 'string' ? hostConfig['NetworkMode'] : null,
			},
		];
	});
}

/** GET /containers/ID/json: its SandboxKey (the namespace's bind mount). */
export function parseDockerInspect(body: string): {id: string; sandboxKey: string | null} | null {
	const item = JSON.parse(body) as Record<string, unknown> | null;
	if (!item || typeof item['Id'] !== 'string') return null;
	const settings = (item['NetworkSettings'] ?? {}) as Record<string, unknown>;
	const key = settings['SandboxKey'];
	return {id: item['Id'], sandboxKey: typeof key === 'string' && key !== '' ? key : null};
}

/**
 * containers/storage's overlay-containers/containers.json (podman; CRI-O too):
 * id, names, and the image name inside the `metadata` string.
 */
export function parseStorageContainers(body: string, engine: OwnerEngine): EngineContainer[] {
	const list: unknown = JSON.parse(body);
	if (!Array.isArray(list)) return [];
	return list.flatMap((item: Record<string, unknown>) => {
		if (typeof item?.['id'] !== 'string') return [];
		let metadata: Record<string, unknown> = {};
		try {
			if (typeof item['metadata'] === 'string')
				metadata = JSON.parse(item['metadata']) as Record<string, unknown>;
		} catch {
			// A container without readable metadata still has its names.
		}
		const names = Array.isArray(item['names'])
			? (item['names'] as unknown[]).filter(name => typeof name === 'string')
			: [];
		const name = typeof metadata['name'] === 'string' ? metadata['name'] : (names[0] ?? null);
		const image = typeof metadata['image-name'] === 'string' ? metadata['image-name'] : null;
		return [{engine, id: item['id'], name, image, labels: {}}];
	});
}

/** What an OCI bundle's config.json annotations say (containerd's CRI plugin, CRI-O). */
export type OciAnnotations = {
	pod: {namespace: string; name: string; uid: string | null} | null;
	/** sandbox (the pause container, which holds the pod's namespace) or container. */
	kind: 'sandbox' | 'container' | null;
	containerName: string | null;
	image: string | null;
	/** The sandbox (pod) id, for a container in one. */
	sandboxId: string | null;
	annotations: Record<string, string>;
	/** The containerd namespace the bundle is under (k8s.io, moby, default, ...); null for CRI-O's. */
	containerdNamespace?: string | null;
};

export function parseOciAnnotations(body: string): OciAnnotations {
	const config = JSON.parse(body) as {annotations?: unknown};
	const a = stringRecord(config?.annotations);
	const pick = (...keys: string[]) =>
		keys.map(key => a[key]).find(value => value !== undefined) ?? null;
	const podName = pick('io.kubernetes.cri.sandbox-name', 'io.kubernetes.pod.name');
	const podNamespace = pick('io.kubernetes.cri.sandbox-namespace', 'io.kubernetes.pod.namespace');
	const type = pick('io.kubernetes.cri.container-type', 'io.kubernetes.cri-o.ContainerType');
	return {
		pod:
			podName && podNamespace
				? {
						namespace: podNamespace,
						name: podName,
						uid: pick('io.kubernetes.cri.sandbox-uid', 'io.kubernetes.pod.uid'),
					}
				: null,
		kind: type === 'sandbox' || type === 'container' ? type : null,
		containerName: pick(
			'io.kubernetes.cri.container-name',
			'io.kubernetes.container.name',
			'nerdctl/name',
		),
		image: pick('io.kubernetes.cri.image-name', 'io.kubernetes.cri-o.ImageName'),
		sandboxId: pick('io.kubernetes.cri.sandbox-id', 'io.kubernetes.cri-o.SandboxID'),
		annotations: a,
	};
}

function stringRecord(value: unknown): Record<string, string> {
	if (!value || typeof value !== 'object') return {};
	return Object.fromEntries(
		Object.entries(value).filter(
			(entry): entry is [string, string] => typeof entry[1] === 'string',
		),
	);
}

/**
 * The owner of one namespace from the hints of its processes (in pid order) and
 * what the engines said about those containers. Several containers share a
 * namespace (`--network container:X`, a pod): all listed, the one that holds the
 * namespace (the others join it; a pod's sandbox) first.
 */
export function ownerOf(
	hints: CgroupHint[],
	known: Map<string, EngineContainer>,
	pods: Map<string, OciAnnotations>,
	note: string | null,
): Owner | null {
	const first = hints[0];
	if (!first) return null;
	const sameEngine = hints.filter(hint => hint.engine === first.engine);
	const ids = [...new Set(sameEngine.map(hint => hint.id))];
	if (first.engine === 'systemd' || first.engine === 'lxc' || first.engine === 'nspawn') {
		return {
			engine: first.engine,
			id: first.id,
			name: first.id,
			image: null,
			labels: {},
			containers: [],
			cgroup: first.path,
			note: null,
		};
	}
	const containers: Array<EngineContainer | OwnerContainer> = ids.map(
		id => known.get(id) ?? {id, name: null, image: null, labels: {}},
	);
	// Docker says who joins whom (`--network container:X`), also for joiners whose processes were not among those read.
	const joined = new Set(ids.map(id => `container:${id}`));
	for (const container of known.values()) {
		if (container.networkMode && joined.has(container.networkMode) && !ids.includes(container.id))
			containers.push(container);
	}
	// The one whose network the others use comes first.
	const joins = (container: EngineContainer | OwnerContainer) =>
		'networkMode' in container && container.networkMode?.startsWith('container:') ? 1 : 0;
	const annotations = ids.map(id => pods.get(id)).filter(item => item !== undefined);
	const isSandbox = (container: OwnerContainer) =>
		pods.get(container.id)?.kind === 'sandbox' ? 0 : 1;
	containers.sort((a, b) => joins(a) - joins(b) || isSandbox(a) - isSandbox(b));
	const lead = containers[0]!;
	const labels = lead.labels;
	const podFromLabels =
		labels['io.kubernetes.pod.name'] && labels['io.kubernetes.pod.namespace']
			? {
					namespace: labels['io.kubernetes.pod.namespace'],
					name: labels['io.kubernetes.pod.name'],
					uid: labels['io.kubernetes.pod.uid'] ?? null,
				}
			: null;
	const pod = annotations.find(item => item.pod)?.pod ?? podFromLabels;
	const engine: OwnerEngine = pod ? 'kubernetes' : first.engine;
	const compose =
		labels['com.docker.compose.project'] && labels['com.docker.compose.service']
			? {
					project: labels['com.docker.compose.project'],
					service: labels['com.docker.compose.service'],
				}
			: undefined;
	const runtime =
		first.engine === 'kubernetes' ? (first.runtime ?? null) : pod ? first.engine : undefined;
	// containerd without Kubernetes: namespace/name (nerdctl's name annotation) or namespace/id.
	const bundle = pods.get(lead.id);
	if (!pod && first.engine === 'containerd' && lead.name === null && bundle?.containerdNamespace) {
		containers[0] = {
			...lead,
			name: `${bundle.containerdNamespace}/${bundle.containerName ?? lead.id.slice(0, 12)}`,
		};
	}
	const missing = containers.some(container => container.name === null) && !pod;
	const owner: Owner = {
		engine,
		id: lead.id,
		name: pod ? `${pod.namespace}/${pod.name}` : containers[0]!.name,
		image: lead.image,
		labels: {...labels, ...(pods.get(lead.id)?.annotations ?? {})},
		containers: containers.map(({id, name, image, labels: own}) => ({
			id,
			name: pods.get(id)?.containerName ?? name,
			image: image ?? pods.get(id)?.image ?? null,
			labels: own,
		})),
		cgroup: first.path,
		note: missing ? note : null,
	};
	if (pod) owner.pod = pod;
	if (compose) owner.compose = compose;
	if (runtime !== undefined) owner.runtime = runtime;
	return owner;
}

const tags: Record<OwnerEngine, string> = {
	docker: 'docker',
	kubernetes: 'k8s',
	containerd: 'containerd',
	crio: 'crio',
	podman: 'podman',
	lxc: 'lxc',
	nspawn: 'nspawn',
	systemd: 'svc',
};

/** The short tag of an engine: `docker`, `k8s`, `svc`, ... */
export const ownerTag = (engine: OwnerEngine) => tags[engine];

/** `docker web-1`, `k8s default/nginx-7d9`, `podman db`, `svc foo.service`; a short id when the name is unknown. */
export function ownerLabel(owner: Owner): string {
	const what = owner.name ?? owner.id.slice(0, 12);
	if (owner.engine === 'kubernetes' || owner.containers.length < 2)
		return `${tags[owner.engine]} ${what}`;
	// Containers sharing one namespace (`--network container:X`): every one, up to three.
	const names = owner.containers.map(container => container.name ?? container.id.slice(0, 12));
	const more = names.length > 3 ? ` +${names.length - 3}` : '';
	return `${tags[owner.engine]} ${names.slice(0, 3).join(',')}${more}`;
}

/** Everything find matches an owner by: names, ids, pod, image, unit, compose service. */
export function ownerTerms(owner: Owner): string[] {
	const terms = [
		owner.name,
		owner.id,
		owner.image,
		owner.pod?.name,
		owner.compose?.service,
		owner.compose?.project,
	];
	for (const container of owner.containers)
		terms.push(container.name, container.id, container.image);
	return [
		...new Set(terms.filter((term): term is string => typeof term === 'string' && term !== '')),
	];
}

/**
 * The owner in lines of words (raw text: the caller shows it): what it is, its
 * ids, each container in the namespace, then its labels, one a line.
 */
export function ownerLines(owner: Owner): {
	summary: string;
	containers: string[];
	labels: string[];
} {
	const summary = [
		`${ownerTag(owner.engine)} ${owner.name ?? '(name unknown)'}`,
		owner.engine === 'systemd' || owner.engine === 'lxc' || owner.engine === 'nspawn'
			? null
			: `id ${owner.id.slice(0, 12)}`,
		owner.image ? `image ${owner.image}` : null,
		owner.compose ? `compose ${owner.compose.project}/${owner.compose.service}` : null,
		owner.runtime ? `runtime ${owner.runtime}` : null,
		owner.cgroup ? `cgroup ${owner.cgroup}` : null,
		owner.note,
	]
		.filter(Boolean)
		.join(', ');
	const containers = owner.containers.map(
		container =>
			`${container.id} ${container.name ?? '(name unknown)'}${container.image ? ` (${container.image})` : ''}`,
	);
	const labels = Object.entries(owner.labels)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([key, value]) => `${key}=${value}`);
	return {summary, containers, labels};
}
