import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {findAnything} from '../../source/model/find.js';
import {formatSnapshot} from '../../source/model/format-snapshot.js';
import {
	hintFromCgroup,
	ownerLabel,
	ownerOf,
	parseDockerContainers,
	parseOciAnnotations,
	parseStorageContainers,
	type CgroupHint,
	type OciAnnotations,
} from '../../source/model/owners.js';
import {
	namespaceLabel,
	type Namespace,
	type Owner,
	type Snapshot,
} from '../../source/model/snapshot.js';

const fixture = (name: string) =>
	readFileSync(new URL(`../fixtures/owners/${name}`, import.meta.url), 'utf8');
const A = '0b8559e0255526cd7db22ccee5613ae30b8559e0255526cd7db22ccee5613ae3';
const B = '38fe8c6c955136c88872eb651bef9f8498b30fc16ee187b1ccae69cb484eee47';
const C = '6cba44c0b7f4277969278e9efcb2e902b43bf2848be9614c87a1f04693bd806a';
const hint = (name: string) => {
	const found = hintFromCgroup(fixture(name));
	return (
		found && {
			engine: found.engine,
			id: found.id,
			...(found.runtime !== undefined ? {runtime: found.runtime} : {}),
			...(found.podUid !== undefined ? {podUid: found.podUid} : {}),
		}
	);
};
const uid = '8f2b2a5e-1d3c-4f6e-9a7b-0c1d2e3f4a5b';

describe('owner from /proc/PID/cgroup, every layout', () => {
	const cases: Array<[string, Omit<CgroupHint, 'path'> | null]> = [
		['docker-cgroupfs-v1.cgroup', {engine: 'docker', id: B}],
		['docker-systemd-v2.cgroup', {engine: 'docker', id: B}],
		['podman-cgroupfs-v1.cgroup', {engine: 'podman', id: C}],
		['podman-systemd-v2.cgroup', {engine: 'podman', id: C}],
		[
			'k8s-containerd-systemd-v2.cgroup',
			{engine: 'kubernetes', id: A, runtime: 'containerd', podUid: uid},
		],
		['k8s-crio-systemd-v1.cgroup', {engine: 'kubernetes', id: A, runtime: 'crio', podUid: uid}],
		['k8s-cgroupfs-v1.cgroup', {engine: 'kubernetes', id: A, runtime: null, podUid: uid}],
		['nspawn-v2.cgroup', {engine: 'nspawn', id: 'web-build'}],
		['nspawn-service-v2.cgroup', {engine: 'nspawn', id: 'debian-test'}],
		['lxc4-v2.cgroup', {engine: 'lxc', id: 'db1'}],
		['lxc3-v1.cgroup', {engine: 'lxc', id: 'db1'}],
		['service-v2.cgroup', {engine: 'systemd', id: 'nstui-demo.service'}],
		['service-v1.cgroup', {engine: 'systemd', id: 'nstui-demo.service'}],
		['user-session-v2.cgroup', null],
		['nerdctl-systemd-v2.cgroup', {engine: 'containerd', id: A}],
	];
	for (const [file, expected] of cases) test(file, () => assert.deepEqual(hint(file), expected));

	test('a process in no container (the root cgroup, or a session scope) has no owner', () => {
		assert.equal(hintFromCgroup('0::/\n'), null);
		assert.equal(
			hintFromCgroup(
				'9:name=systemd:/\n4:memory:/process_api/0b8559e0255526cd7db22ccee5613ae3\n0::/\n',
			),
			null,
		);
		assert.equal(hintFromCgroup('0::/user.slice/user-0.slice/session-3.scope\n'), null);
		// Docker's monitor and podman's conmon are not the container.
		assert.equal(hintFromCgroup(`0::/machine.slice/libpod-conmon-${C}.scope\n`), null);
	});
});

describe('names from what the engines publish', () => {
	test('Docker Engine API: names without the slash, image, labels, the network it joins', () => {
		const list = parseDockerContainers(fixture('docker-containers.json'));
		const a = list.find(item => item.name === 'nstui-try-a')!;
		const b = list.find(item => item.name === 'nstui-try-b')!;
		assert.equal(a.id, B);
		assert.equal(a.image, 'nstui-owners-try:1');
		assert.deepEqual(a.labels, {
			'com.docker.compose.project': 'shop',
			'com.docker.compose.service': 'web',
		});
		assert.equal(b.networkMode, `container:${B}`);
	});

	test('containers/storage list: the name and image name from the metadata string', () => {
		assert.deepEqual(parseStorageContainers(fixture('podman-containers.json'), 'podman'), [
			{
				engine: 'podman',
				id: C,
				name: 'nstui-try-p',
				image: 'localhost/nstui-owners-try:1',
				labels: {},
			},
		]);
	});

	test('OCI annotations: containerd CRI sandbox and container, CRI-O sandbox', () => {
		const sandbox = parseOciAnnotations(fixture('containerd-sandbox.config.json'));
		assert.deepEqual(
			{pod: sandbox.pod, kind: sandbox.kind},
			{pod: {namespace: 'default', name: 'nginx-7d9', uid}, kind: 'sandbox'},
		);
		const container = parseOciAnnotations(fixture('containerd-container.config.json'));
		assert.deepEqual(
			[container.kind, container.containerName, container.image],
			['container', 'nginx', 'docker.io/library/nginx:1.27'],
		);
		const crio = parseOciAnnotations(fixture('crio-sandbox.config.json'));
		assert.deepEqual(
			[crio.pod, crio.kind, crio.image],
			[
				{namespace: 'kube-system', name: 'coredns-5d78c9869d-x7k2p', uid},
				'sandbox',
				'registry.k8s.io/pause:3.9',
			],
		);
	});
});

describe('the owner of a namespace', () => {
	const docker = new Map(
		parseDockerContainers(fixture('docker-containers.json')).map(item => [item.id, item]),
	);
	const bId = [...docker.values()].find(item => item.name === 'nstui-try-b')!.id;
	const dockerHint = (id: string): CgroupHint => ({engine: 'docker', id, path: `/docker/${id}`});

	test('two containers sharing one namespace: both listed, the one the other joins first', () => {
		const owner = ownerOf([dockerHint(bId), dockerHint(B)], docker, new Map(), null)!;
		assert.equal(owner.id, B);
		assert.equal(owner.name, 'nstui-try-a');
		assert.deepEqual(
			owner.containers.map(item => item.name),
			['nstui-try-a', 'nstui-try-b'],
		);
		assert.deepEqual(owner.compose, {project: 'shop', service: 'web'});
		assert.equal(ownerLabel(owner), 'docker nstui-try-a,nstui-try-b');
	});

	test("a container that joins another is listed from Docker's NetworkMode even when none of its processes was read", () => {
		const owner = ownerOf([dockerHint(B)], docker, new Map(), null)!;
		assert.deepEqual(
			owner.containers.map(item => item.name),
			['nstui-try-a', 'nstui-try-b'],
		);
	});

	test('an engine that did not answer: the short id, and the note says why', () => {
		const owner = ownerOf([dockerHint(B)], new Map(), new Map(), 'docker did not answer')!;
		assert.equal(ownerLabel(owner), `docker ${B.slice(0, 12)}`);
		assert.equal(owner.note, 'docker did not answer');
	});

	test('a Kubernetes pod: namespace/name from the sandbox annotations, the containers by their names', () => {
		const containerId = 'f'.repeat(64);
		const pods = new Map<string, OciAnnotations>([
			[A, parseOciAnnotations(fixture('containerd-sandbox.config.json'))],
			[containerId, parseOciAnnotations(fixture('containerd-container.config.json'))],
		]);
		const hints: CgroupHint[] = [containerId, A].map(id => ({
			engine: 'kubernetes',
			id,
			path: `/kubepods/x/${id}`,
			runtime: 'containerd',
			podUid: uid,
		}));
		const owner = ownerOf(hints, new Map(), pods, null)!;
		assert.equal(ownerLabel(owner), 'k8s default/nginx-7d9');
		assert.equal(owner.id, A, 'the sandbox holds the namespace');
		assert.deepEqual(
			owner.containers.map(item => item.name),
			[null, 'nginx'],
		);
		assert.equal(owner.runtime, 'containerd');
		assert.equal(owner.labels['io.kubernetes.cri.sandbox-uid'], uid);
	});

	test('containerd without Kubernetes: namespace/name, or namespace/short id', () => {
		const hints = [hintFromCgroup(fixture('nerdctl-systemd-v2.cgroup'))!];
		const bundle = {
			...parseOciAnnotations(fixture('nerdctl-container.config.json')),
			containerdNamespace: 'default',
		};
		assert.equal(
			ownerLabel(ownerOf(hints, new Map(), new Map([[A, bundle]]), null)!),
			'containerd default/web',
		);
		const unnamed = {...parseOciAnnotations('{"annotations":{}}'), containerdNamespace: 'default'};
		assert.equal(
			ownerLabel(ownerOf(hints, new Map(), new Map([[A, unnamed]]), null)!),
			`containerd default/${A.slice(0, 12)}`,
		);
	});

	test('labels for services, machines and LXC', () => {
		const of = (file: string) =>
			ownerLabel(ownerOf([hintFromCgroup(fixture(file))!], new Map(), new Map(), null)!);
		assert.equal(of('service-v2.cgroup'), 'svc nstui-demo.service');
		assert.equal(of('nspawn-v2.cgroup'), 'nspawn web-build');
		assert.equal(of('lxc4-v2.cgroup'), 'lxc db1');
		assert.equal(of('podman-cgroupfs-v1.cgroup'), `podman ${C.slice(0, 12)}`);
	});
});

describe('where the owner shows', () => {
	const owner: Owner = {
		engine: 'docker',
		id: B,
		name: 'web-1',
		image: 'nginx:1.27',
		labels: {'com.docker.compose.service': 'web'},
		containers: [{id: B, name: 'web-1', image: 'nginx:1.27', labels: {}}],
		cgroup: `/docker/${B}`,
		note: null,
		compose: {project: 'shop', service: 'web'},
	};
	const base = (inode: number, extra: Partial<Namespace>): Namespace => ({
		inode,
		name: null,
		paths: [],
		root: false,
		nsid: null,
		forwarding: {ipv4: false, ipv6: false},
		processes: [],
		interfaces: [],
		routes: [],
		error: null,
		...extra,
	});
	const snapshot: Snapshot = {
		version: 1,
		takenAt: '2026-12-01T00:00:00.000Z',
		namespaces: [
			base(1, {
				root: true,
				interfaces: [
					{
						ifindex: 7,
						name: 'veth3a9f',
						kind: 'veth',
						state: 'UP',
						flags: [],
						mtu: 1500,
						mac: null,
						master: null,
						addresses: [],
						peer: {namespace: 2, name: 'eth0', ifindex: 2},
					},
				],
			}),
			base(2, {owner, processes: [{pid: 4242, comm: 'nginx', cmdline: 'nginx', user: 'root'}]}),
		],
	};

	test('the label is the owner, so the host-side veth reads eth0@docker web-1', () => {
		assert.equal(namespaceLabel(snapshot.namespaces[1]!), 'docker web-1');
		assert.match(formatSnapshot(snapshot), /veth3a9f .*peer eth0@docker web-1/);
		assert.match(
			formatSnapshot(snapshot),
			/owner: docker web-1, id 38fe8c6c9551, image nginx:1\.27, compose shop\/web/,
		);
	});

	test('find: the container name, an id prefix, the image, the compose service', () => {
		for (const term of ['web-1', '38fe8c6', 'nginx:1.27', 'web']) {
			const found = findAnything(snapshot, term).filter(result => result.match === 'namespace');
			assert.equal(found[0]?.namespace, 2, term);
			assert.equal(found[0]?.how, 'exact', term);
		}
		assert.equal(
			findAnything(snapshot, 'ngi').find(result => result.match === 'namespace')?.how,
			'partial',
		);
		// Not any id that has an `e` in it.
		assert.equal(
			findAnything(snapshot, 'e').filter(
				result => result.match === 'namespace' && result.what.includes('38fe'),
			).length,
			1,
		);
		assert.equal(
			findAnything(snapshot, 'fe8c').filter(result => result.match === 'namespace').length,
			0,
		);
	});

	test('find: an id that starts with digits is found by them, as an inode is', () => {
		const digits: Snapshot = {
			...snapshot,
			namespaces: [
				snapshot.namespaces[0]!,
				base(2, {owner: {...owner, id: `3804512267${B.slice(10)}`}}),
			],
		};
		assert.deepEqual(
			findAnything(digits, '3804512267')
				.filter(result => result.match === 'namespace')
				.map(result => result.namespace),
			[2],
		);
		assert.deepEqual(
			findAnything(digits, '2')
				.filter(result => result.match === 'namespace')
				.map(result => result.namespace),
			[2],
		);
		assert.deepEqual(
			findAnything(digits, '9999').filter(result => result.match === 'namespace'),
			[],
		);
	});

	test('a name with control characters is shown escaped in the text output', () => {
		const odd: Snapshot = {
			...snapshot,
			namespaces: [base(3, {owner: {...owner, name: 'evil\u001b[2J'}})],
		};
		assert.ok(!formatSnapshot(odd).includes('\u001b'));
		assert.match(formatSnapshot(odd), /docker evil\\e\[2J/);
	});
});
