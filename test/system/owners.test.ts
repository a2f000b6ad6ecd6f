// Owners against real engines: a private dockerd and podman of the tests' own
// (test/helpers/engines.ts), containers with no network, two sharing one
// namespace, one joined to a test namespace by a veth; and an engine that
// does not answer.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {createServer, type Server, type Socket} from 'node:net';
import {mkdtempSync, readlinkSync, rmSync} from 'node:fs';
import {spawn} from 'node:child_process';
import {discover} from '../../source/system/discovery/discoverer.js';
import {findAnything} from '../../source/model/find.js';
import {peerText} from '../../source/model/format-snapshot.js';
import {namespaceLabel, type Namespace, type Snapshot} from '../../source/model/snapshot.js';
import {needsEngine, PrivateDocker, PrivatePodman} from '../helpers/engines.js';
import {FakeCgroups} from '../helpers/fake-cgroups.js';
import {needsRoot} from '../helpers/root.js';
import {run} from '../../source/system/run.js';
import {Lab} from '../helpers/lab.js';

const inodeOfPid = (pid: number) =>
	Number(/\[(\d+)\]/.exec(readlinkSync(`/proc/${pid}/ns/net`))![1]);
const nsOfPid = (snapshot: Snapshot, pid: number): Namespace => {
	const ns = snapshot.namespaces.find(item => item.inode === inodeOfPid(pid));
	assert.ok(ns, `the namespace of pid ${pid} is in the snapshot`);
	return ns;
};

describe(
	"owners from a real dockerd of the test's own",
	{skip: needsEngine('dockerd', 'docker')},
	() => {
		const docker = new PrivateDocker();
		const namespaces = new Lab('owners');
		const tag = `nstui-owners-${process.pid}`;
		const names = {
			alone: `${tag}-alone`,
			shares: `${tag}-shares`,
			joiner: `${tag}-joins`,
			wired: `${tag}-wired`,
		};
		let snapshot: Snapshot;
		let pids: Record<keyof typeof names, number>;
		let testNs: string;

		before(async () => {
			await docker.start();
			await docker.importImage(`${tag}:1`);
			for (const name of [names.alone, names.wired])
				await docker.docker(
					'run',
					'-d',
					'--name',
					name,
					'--network',
					'none',
					`${tag}:1`,
					'/bin/sleep',
					'600',
				);
			await docker.docker(
				'run',
				'-d',
				'--name',
				names.shares,
				'--network',
				'none',
				'--label',
				'com.docker.compose.project=shop',
				'--label',
				'com.docker.compose.service=web',
				`${tag}:1`,
				'/bin/sleep',
				'600',
			);
			await docker.docker(
				'run',
				'-d',
				'--name',
				names.joiner,
				'--network',
				`container:${names.shares}`,
				`${tag}:1`,
				'/bin/sleep',
				'600',
			);
			pids = {alone: 0, shares: 0, joiner: 0, wired: 0};
			for (const key of Object.keys(names) as Array<keyof typeof names>)
				pids[key] = await docker.pidOf(names[key]);
			// A veth from a test namespace into the container, moved in by PID.
			testNs = namespaces.ns();
			const made = await run('ip', [
				'-n',
				testNs,
				'link',
				'add',
				'vh-owners',
				'type',
				'veth',
				'peer',
				'name',
				'eth0',
				'netns',
				String(pids.wired),
			]);
			assert.ok(made.ok, made.stderr);
			snapshot = (await discover({owners: {dockerHost: docker.host}})).snapshot;
		});
		after(async () => {
			await namespaces.teardown();
			await docker.stop();
			assert.equal(
				docker.forwardChanged,
				false,
				"the host's ip_forward was changed by dockerd (and has been put back)",
			);
		});

		test('a container with no network: docker, its name, full id and image', async () => {
			const ns = nsOfPid(snapshot, pids.alone);
			const id = await docker.docker('inspect', '-f', '{{.Id}}', names.alone);
			assert.equal(ns.owner?.engine, 'docker');
			assert.equal(ns.owner?.id, id);
			assert.equal(ns.owner?.name, names.alone);
			assert.equal(ns.owner?.image, `${tag}:1`);
			assert.equal(ns.owner?.note, null);
			assert.equal(namespaceLabel(ns), `docker ${names.alone}`);
		});

		test('two containers sharing one namespace: both listed, the one the other joins first, with its compose labels', () => {
			const ns = nsOfPid(snapshot, pids.shares);
			assert.equal(inodeOfPid(pids.joiner), ns.inode);
			assert.deepEqual(
				ns.owner?.containers.map(container => container.name),
				[names.shares, names.joiner],
			);
			assert.deepEqual(ns.owner?.compose, {project: 'shop', service: 'web'});
			assert.equal(namespaceLabel(ns), `docker ${names.shares},${names.joiner}`);
			assert.equal(
				snapshot.namespaces.filter(item =>
					item.owner?.containers.some(container => container.name === names.joiner),
				).length,
				1,
			);
		});

		test("the veth's other end reads eth0@docker NAME", () => {
			const test = snapshot.namespaces.find(item => item.name === testNs)!;
			const byInode = new Map(snapshot.namespaces.map(item => [item.inode, item]));
			const veth = test.interfaces.find(link => link.name === 'vh-owners')!;
			assert.equal(veth.peer?.namespace, inodeOfPid(pids.wired));
			assert.equal(peerText(veth, byInode), `eth0@docker ${names.wired}`);
		});

		test('find: by container name, by id prefix, by image, by compose service', async () => {
			const id = await docker.docker('inspect', '-f', '{{.Id}}', names.wired);
			const where = (term: string) =>
				findAnything(snapshot, term)
					.filter(result => result.match === 'namespace')
					.map(result => result.namespace);
			assert.deepEqual(where(names.wired), [inodeOfPid(pids.wired)]);
			assert.deepEqual(where(id.slice(0, 10)), [inodeOfPid(pids.wired)]);
			assert.deepEqual(where(names.joiner), [inodeOfPid(pids.shares)]);
			assert.equal(where(`${tag}:1`).length, 3);
			assert.ok(where('web').includes(inodeOfPid(pids.shares)));
		});

		test('the namespaces the test made itself have no owner', () => {
			assert.equal(snapshot.namespaces.find(item => item.name === testNs)?.owner, null);
			assert.equal(snapshot.namespaces.find(item => item.root)?.owner, null);
		});

		test('nstui snapshot --json (DOCKER_HOST) and the text output carry the owner', async () => {
			const cli = new URL('../../dist/cli.js', import.meta.url).pathname;
			const env = {...process.env, DOCKER_HOST: docker.host};
			const json = await new Promise<string>((resolve, reject) => {
				const child = spawn(process.execPath, [cli, 'snapshot', '--json'], {
					env,
					stdio: ['ignore', 'pipe', 'ignore'],
				});
				let out = '';
				child.stdout.on('data', chunk => (out += chunk));
				child.on('exit', code => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`))));
			});
			const parsed = JSON.parse(json) as Snapshot;
			assert.equal(
				parsed.namespaces.find(ns => ns.inode === inodeOfPid(pids.alone))?.owner?.name,
				names.alone,
			);
			assert.ok(
				parsed.namespaces.every(ns => ns.owner === null || typeof ns.owner?.engine === 'string'),
			);
		});

		test("a namespace seen only by Docker's bind mount (no process read) is matched through its SandboxKey", async () => {
			const key = await docker.docker(
				'inspect',
				'-f',
				'{{.NetworkSettings.SandboxKey}}',
				names.alone,
			);
			assert.ok(
				snapshot.namespaces.find(ns => ns.inode === inodeOfPid(pids.alone))?.paths.includes(key),
				'dockerd bind-mounted it where it says',
			);
			const {OwnerFinder} = await import('../../source/system/owners/index.js');
			const {owners} = await new OwnerFinder({dockerHost: docker.host}).lookup([
				{inode: inodeOfPid(pids.alone), root: false, processes: [], paths: [key]},
			]);
			assert.equal(owners.get(inodeOfPid(pids.alone))?.name, names.alone);
		});

		test('a stopped (frozen) dockerd: discovery goes on within the budget, owners by id with a note', async () => {
			docker.pause(true);
			try {
				const budgetMs = 500;
				const started = Date.now();
				const {snapshot: frozen, warnings} = await discover({
					owners: {dockerHost: docker.host, budgetMs},
				});
				const took = Date.now() - started;
				const ns = nsOfPid(frozen, pids.alone);
				assert.equal(ns.owner?.engine, 'docker');
				assert.equal(ns.owner?.name, null);
				assert.match(ns.owner?.note ?? '', /did not answer/);
				assert.match(namespaceLabel(ns), /^docker [0-9a-f]{12}$/);
				assert.ok(
					warnings.some(warning => /docker .* did not answer/.test(warning)),
					warnings.join('\n'),
				);
				// Not a speed check: the frozen daemon never answers, so without the budget discover() would not return at all.
				assert.ok(took < 30_000, `discover() returned (in ${took} ms)`);
			} finally {
				docker.pause(false);
			}
		});
	},
);

describe(
	'owners from podman (rootful, a private storage root)',
	{skip: needsEngine('podman')},
	() => {
		const podman = new PrivatePodman();
		const tag = `nstui-owners-${process.pid}`;
		const name = `${tag}-db`;
		let pid: number;
		let snapshot: Snapshot;

		before(async () => {
			await podman.importImage(`localhost/${tag}:1`);
			await podman.runDetached(
				'--name',
				name,
				'--network',
				'none',
				`localhost/${tag}:1`,
				'/bin/sleep',
				'600',
			);
			pid = Number(await podman.podman('inspect', '-f', '{{.State.Pid}}', name));
			snapshot = (await discover({owners: {containersStorage: [podman.storage]}})).snapshot;
		});
		after(() => podman.stop());

		test('podman NAME, its id and image from containers/storage', async () => {
			const ns = nsOfPid(snapshot, pid);
			assert.equal(ns.owner?.engine, 'podman');
			assert.equal(ns.owner?.id, await podman.podman('inspect', '-f', '{{.Id}}', name));
			assert.equal(ns.owner?.name, name);
			assert.equal(ns.owner?.image, `localhost/${tag}:1`);
			assert.equal(namespaceLabel(ns), `podman ${name}`);
			assert.equal(
				findAnything(snapshot, name).find(result => result.match === 'namespace')?.namespace,
				ns.inode,
			);
		});
	},
);

describe('an engine socket that accepts and never answers', {skip: needsRoot}, () => {
	const namespaces = new Lab('owners-hang');
	const cgroups = new FakeCgroups('owners-hang');
	const dir = mkdtempSync('/tmp/nstui-owners-hang-');
	const id = 'a1b2c3d4e5f6'.repeat(5) + 'a1b2';
	const held: Socket[] = [];
	let server: Server;
	let pid: number;

	before(async () => {
		server = createServer(socket => held.push(socket));
		await new Promise<void>(resolve => server.listen(`${dir}/docker.sock`, resolve));
		pid = await namespaces.sleeperPid();
		// The process stands for a container: it is placed where dockerd's cgroupfs driver would put one.
		cgroups.place(pid, `docker/${id}`);
	});
	after(async () => {
		for (const socket of held) socket.destroy();
		server.close();
		await namespaces.teardown();
		await new Promise(resolve => setTimeout(resolve, 100));
		await cgroups.cleanup();
		rmSync(dir, {recursive: true, force: true});
	});

	test('discovery returns within the budget; the owner is shown by id, with a note; the engine is left alone for a while', async () => {
		const budgetMs = 400;
		const {Discoverer} = await import('../../source/system/discovery/discoverer.js');
		const discoverer = new Discoverer({
			owners: {dockerHost: `unix://${dir}/docker.sock`, budgetMs},
		});
		const started = Date.now();
		const {snapshot} = await discoverer.refresh();
		const took = Date.now() - started;
		const ns = nsOfPid(snapshot, pid);
		assert.deepEqual([ns.owner?.engine, ns.owner?.id, ns.owner?.name], ['docker', id, null]);
		assert.match(ns.owner?.note ?? '', /did not answer: no answer within \d+ ms/);
		assert.equal(held.length, 1, 'nstui asked once');
		assert.ok(took < 30_000, `discover() returned (in ${took} ms) though the engine never answers`);
		// The next refresh does not ask the engine that hung again (within retryAfterMs).
		await discoverer.refresh();
		assert.equal(held.length, 1);
	});
});

describe('owners are looked up only for what is new', {skip: needsRoot}, () => {
	const namespaces = new Lab('owners-new');
	const cgroups = new FakeCgroups('owners-new');
	const dir = mkdtempSync('/tmp/nstui-owners-new-');
	const ids = ['1', '2'].map(digit => digit.repeat(64));
	let requests = 0;
	/** How many of the ids the stand-in lists: the containers "running" so far. */
	let running = 1;
	let server: Server;

	before(async () => {
		// A stand-in Engine API that counts what it is asked; the containers are sleepers in fake docker cgroups.
		server = createServer(socket => {
			requests++;
			socket.once('data', () => {
				const body = JSON.stringify(
					ids.slice(0, running).map((id, index) => ({
						Id: id,
						Names: [`/stand-in-${index}`],
						Image: 'busybox',
						Labels: {},
						HostConfig: {NetworkMode: 'none'},
					})),
				);
				socket.end(
					`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
				);
			});
		});
		await new Promise<void>(resolve => server.listen(`${dir}/docker.sock`, resolve));
	});
	after(async () => {
		server.close();
		await namespaces.teardown();
		await new Promise(resolve => setTimeout(resolve, 100));
		await cgroups.cleanup();
		rmSync(dir, {recursive: true, force: true});
	});

	test("a refresh with no new namespace asks no engine; a new container's namespace asks once", async () => {
		const {Discoverer} = await import('../../source/system/discovery/discoverer.js');
		const discoverer = new Discoverer({owners: {dockerHost: `unix://${dir}/docker.sock`}});
		const first = await namespaces.sleeperPid();
		cgroups.place(first, `docker/${ids[0]}`);
		let {snapshot} = await discoverer.refresh();
		assert.equal(nsOfPid(snapshot, first).owner?.name, 'stand-in-0');
		assert.equal(requests, 1);
		({snapshot} = await discoverer.refresh());
		assert.equal(requests, 1, 'nothing new: the engine is not asked');
		assert.equal(nsOfPid(snapshot, first).owner?.name, 'stand-in-0');
		running = 2;
		const second = await namespaces.sleeperPid();
		cgroups.place(second, `docker/${ids[1]}`);
		({snapshot} = await discoverer.refresh());
		assert.equal(nsOfPid(snapshot, second).owner?.name, 'stand-in-1');
		assert.equal(requests, 2);
	});
});
