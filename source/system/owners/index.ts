// Owners of namespaces: the cgroups of their processes say which engine and
// container (cheap, runtime-agnostic); then each engine names its containers
// from what it publishes: Docker's Engine API, containers/storage's list
// (podman, CRI-O), OCI bundle annotations (containerd, CRI-O under Kubernetes).
// Looked up only for namespaces that are new or whose processes changed, and
// never longer than a budget: an engine that is down or slow leaves the owner
// with its id only and a note, and is not asked again for a while.
import {existsSync} from 'node:fs';
import {
	ownerOf,
	type CgroupHint,
	type EngineContainer,
	type OciAnnotations,
} from '../../model/owners.js';
import type {Owner, Process} from '../../model/snapshot.js';
import {parentPids} from '../procfs.js';
import {cgroupHintOf, pidsInCgroup} from './cgroup.js';
import {dockerSandboxKeys, dockerSocket, listDockerContainers} from './docker.js';
import {readOciAnnotations} from './oci.js';
import {readStorageContainers, storageRoots} from './storage.js';

export type OwnerOptions = {
	/** As DOCKER_HOST (unix://PATH); unset: DOCKER_HOST, else /var/run/docker.sock. */
	dockerHost?: string;
	/** containers/storage graph roots to read (podman, CRI-O); unset: storage.conf's, and the users' rootless ones. */
	containersStorage?: string[];
	/** The longest owner lookup may add to a refresh (ms). */
	budgetMs?: number;
	/** After an engine failed to answer, how long it is left alone (ms). */
	retryAfterMs?: number;
};

export type OwnerInput = {inode: number; root: boolean; processes: Process[]; paths: string[]};

export const defaultOwnerBudgetMs = 300;
/**
 * A namespace's first processes name the containers in it: the first is the one
 * that made it, the others' inits follow (a pod's after its pause process);
 * Docker's API adds joiners beyond these. Each read is 16-80 µs (cgroup v1
 * lists every hierarchy), so only processes started from outside are read.
 */
const processesAsked = 16;

type Kept = {key: string; owner: Owner | null; retryAt: number | null};

/** The pid part of a namespace's key, by its list of processes: a refresh hands the same list while they did not change. */
const pidKeys = new WeakMap<readonly Process[], string>();

export class OwnerFinder {
	private readonly kept = new Map<number, Kept>();
	private readonly containers = new Map<string, EngineContainer>();
	private readonly annotations = new Map<string, OciAnnotations | null>();
	private readonly sandboxes = new Map<string, string>();
	private readonly down = new Map<string, {until: number; note: string}>();

	constructor(private readonly options: OwnerOptions = {}) {}

	/** Owners by inode (null: none found), and notes on engines that could not be asked. */
	async lookup(
		list: OwnerInput[],
		now = Date.now(),
	): Promise<{owners: Map<number, Owner | null>; notes: string[]}> {
		const owners = new Map<number, Owner | null>();
		const todo: Array<{input: OwnerInput; key: string; hints: CgroupHint[]}> = [];
		// Which namespace each process is in: built only if a service's cgroup is to be checked.
		let inodes: Map<number, number> | null = null;
		const inodeOfPid = () => {
			if (!inodes) {
				inodes = new Map();
				for (const input of list)
					for (const process of input.processes) inodes.set(process.pid, input.inode);
			}
			return inodes;
		};
		const listed = new Set<number>();
		for (const input of list) {
			listed.add(input.inode);
			if (input.root) continue;
			let pids = pidKeys.get(input.processes);
			if (pids === undefined)
				pidKeys.set(
					input.processes,
					(pids = `${input.processes.length}:${input.processes
						.slice(0, processesAsked)
						.map(process => process.pid)
						.join(',')}`),
				);
			const key = `${pids}|${input.paths.join(',')}`;
			const known = this.kept.get(input.inode);
			if (known && known.key === key && (known.retryAt === null || now < known.retryAt)) {
				owners.set(input.inode, known.owner);
				continue;
			}
			const hints = hintsOf(input, inodeOfPid);
			todo.push({input, key, hints});
		}
		for (const inode of this.kept.keys()) if (!listed.has(inode)) this.kept.delete(inode);
		if (todo.length === 0) return {owners, notes: []};

		const notes: string[] = [];
		const budget = this.options.budgetMs ?? defaultOwnerBudgetMs;
		let timer: NodeJS.Timeout | undefined;
		const late = new Promise<'late'>(
			resolve => (timer = setTimeout(() => resolve('late'), budget)),
		);
		// Each engine is cut off a little before the budget, so its own failure is what the note says.
		const asked = this.askEngines(
			todo,
			Math.max(budget - 50, Math.round(budget * 0.8)),
			now,
			notes,
		);
		const answer = await Promise.race([asked.then(() => 'done' as const), late]);
		clearTimeout(timer);
		if (answer === 'late')
			notes.push(
				`owners: the engines did not all answer within ${budget} ms; some containers are shown by id`,
			);

		const pods = new Map(
			[...this.annotations].flatMap(([id, value]) => (value ? [[id, value] as const] : [])),
		);
		for (const {input, key, hints} of todo) {
			let owner = ownerOf(hints, this.containers, pods, null);
			if (!owner) owner = this.bySandbox(input);
			if (owner) {
				const engineNote =
					this.down.get(
						owner.engine === 'kubernetes' ? (owner.runtime ?? 'kubernetes') : owner.engine,
					)?.note ??
					(answer === 'late' ? `not named: the engines did not answer within ${budget} ms` : null);
				if (
					owner.containers.some(container => container.name === null) &&
					owner.engine !== 'kubernetes'
				)
					owner.note = engineNote ?? `not named: ${owner.engine} does not list it`;
			}
			const incomplete = owner !== null && owner.note !== null;
			this.kept.set(input.inode, {
				key,
				owner,
				retryAt: incomplete ? now + (this.options.retryAfterMs ?? 30_000) : null,
			});
			owners.set(input.inode, owner);
		}
		return {owners, notes};
	}

	/** A namespace no process holds, but Docker's bind mount (its SandboxKey). */
	private bySandbox(input: OwnerInput): Owner | null {
		for (const [id, key] of this.sandboxes) {
			if (!input.paths.includes(key)) continue;
			const container = this.containers.get(id);
			if (!container) continue;
			const {engine, networkMode: _mode, sandboxKey: _key, ...shown} = container;
			return {
				engine,
				id,
				name: container.name,
				image: container.image,
				labels: container.labels,
				containers: [shown],
				cgroup: '',
				note: null,
			};
		}
		return null;
	}

	private async askEngines(
		todo: Array<{input: OwnerInput; hints: CgroupHint[]}>,
		timeoutMs: number,
		now: number,
		notes: string[],
	) {
		const unknown = (engine: string) =>
			todo.some(({hints}) =>
				hints.some(
					hint =>
						(hint.engine === engine || (hint.engine === 'kubernetes' && hint.runtime === engine)) &&
						!this.containers.has(hint.id),
				),
			);
		const heldByMountOnly = todo.some(
			({input}) => input.processes.length === 0 && input.paths.some(isDockerSandbox),
		);
		const jobs: Promise<unknown>[] = [];
		const socket = dockerSocket(this.options.dockerHost ?? process.env['DOCKER_HOST']);
		if (
			(unknown('docker') || (heldByMountOnly && socket && existsSync(socket))) &&
			this.mayAsk('docker', now)
		) {
			if (!socket)
				this.markDown(
					'docker',
					now,
					'not named: DOCKER_HOST is not a unix socket, which nstui does not ask',
				);
			else
				jobs.push(
					listDockerContainers(socket, timeoutMs)
						.then(async list => {
							for (const container of list) this.containers.set(container.id, container);
							if (!heldByMountOnly) return;
							const named = new Set(todo.flatMap(({hints}) => hints.map(hint => hint.id)));
							const ask = list
								.filter(container => !named.has(container.id) && !this.sandboxes.has(container.id))
								.slice(0, 32);
							for (const [id, key] of await dockerSandboxKeys(
								socket,
								ask.map(container => container.id),
								timeoutMs,
							))
								this.sandboxes.set(id, key);
						})
						.catch((error: Error) => {
							const note = `not named: docker (${socket}) did not answer: ${error.message}`;
							this.markDown('docker', now, note);
							notes.push(`owners: ${note}`);
						}),
				);
		}
		if (unknown('podman') || unknown('crio')) {
			const users = [
				...new Set(
					todo.flatMap(({input, hints}) =>
						hints.some(hint => hint.engine === 'podman')
							? input.processes.slice(0, 1).map(process => process.user)
							: [],
					),
				),
			];
			const roots = this.options.containersStorage ?? storageRoots(users);
			jobs.push(
				readStorageContainers(roots, 'podman').then(list => {
					for (const container of list)
						if (!this.containers.has(container.id)) this.containers.set(container.id, container);
				}),
			);
		}
		const bundles = todo.flatMap(({hints}) =>
			hints.filter(
				hint =>
					(hint.engine === 'kubernetes' ||
						hint.engine === 'containerd' ||
						hint.engine === 'crio') &&
					!this.annotations.has(hint.id),
			),
		);
		for (const hint of bundles) {
			jobs.push(
				readOciAnnotations(
					hint.id,
					hint.runtime ?? (hint.engine === 'kubernetes' ? null : hint.engine),
				).then(found => this.annotations.set(hint.id, found)),
			);
		}
		await Promise.all(jobs);
	}

	private mayAsk(engine: string, now: number) {
		const down = this.down.get(engine);
		if (down && now < down.until) return false;
		this.down.delete(engine);
		return true;
	}

	private markDown(engine: string, now: number, note: string) {
		this.down.set(engine, {until: now + (this.options.retryAfterMs ?? 30_000), note});
	}
}

/** Docker's bind mounts are EXEC-ROOT/netns/<12 hex digits> (never under /run/netns, where `ip netns` names live). */
const isDockerSandbox = (path: string) =>
	/\/netns\/[0-9a-f]{12}$/.test(path) && !/^(\/var)?\/run\/netns\//.test(path);

/**
 * The cgroup hints of a namespace's first processes, one per container. A
 * systemd service counts only when every process in its cgroup is in this
 * namespace (PrivateNetwork=), not when one of its children made a namespace of its own.
 */
function hintsOf(input: OwnerInput, inodeOfPid: () => Map<number, number>): CgroupHint[] {
	const seen = new Set<string>();
	const hints: CgroupHint[] = [];
	const pids = new Set(input.processes.map(process => process.pid));
	for (const [index, process] of input.processes.slice(0, processesAsked).entries()) {
		// A process whose parent is in the namespace too is in its parent's container (a container's
		// first process is started from outside, by its shim or conmon): its cgroup says nothing new.
		const parent = parentPids.get(process);
		if (index > 0 && parent !== undefined && pids.has(parent)) continue;
		const hint = cgroupHintOf(process);
		// A container's namespace is made for its first process: when that one is in none, no container owns it.
		if (!hint && index === 0) return [];
		if (!hint || seen.has(`${hint.engine} ${hint.id}`)) continue;
		seen.add(`${hint.engine} ${hint.id}`);
		if (hint.engine === 'systemd') {
			const pids = pidsInCgroup(hint.path);
			if (pids && pids.some(pid => inodeOfPid().get(pid) !== input.inode)) continue;
		}
		hints.push(hint);
	}
	return hints;
}
