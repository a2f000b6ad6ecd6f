// Issue 15's figures: what owner lookup adds to `nstui snapshot` with 200 owned
// namespaces, and to a refresh in which no namespace is new. 200 real containers
// would take minutes to start, so the base lab's namespaces stand for them: every
// process of each is placed in a cgroup of a private subtree at the path
// dockerd's cgroupfs driver uses (…/docker/<id>), and a stand-in Docker Engine
// API on a unix socket (a child process) lists the 200 containers as dockerd does.
import {spawn, type ChildProcess} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {setTimeout as delay} from 'node:timers/promises';
import {Discoverer} from '../source/system/discovery/discoverer.js';
import {OwnerFinder} from '../source/system/owners/index.js';
import {namespaceOfPid, scanProcesses} from '../source/system/procfs.js';
import {FakeCgroups} from '../test/helpers/fake-cgroups.js';
import {median, timeCommand, type Row} from './measure.js';

const idOf = (index: number) => index.toString(16).padStart(8, '0').repeat(8);

const standIn = `
const http = require('node:http');
const [socket, count] = process.argv.slice(1);
const list = Array.from({length: Number(count)}, (_, i) => {
	const id = i.toString(16).padStart(8, '0').repeat(8);
	return {Id: id, Names: ['/bench-' + i], Image: 'nginx:1.27', ImageID: 'sha256:' + id, Command: 'nginx', Created: 1796165771, Ports: [], Labels: {'com.docker.compose.project': 'bench', 'com.docker.compose.service': 'web-' + i}, State: 'running', Status: 'Up', HostConfig: {NetworkMode: 'none'}, NetworkSettings: {Networks: {}}, Mounts: []};
});
const body = JSON.stringify(list);
http.createServer((req, res) => res.end(body)).listen(socket, () => process.send('ready'));
`;

/** Ends the lab's processes (the lab's down() then deletes its namespaces). */
export async function measureOwners(holders: ChildProcess[], rounds: number): Promise<Row[]> {
	const cgroups = new FakeCgroups('bench-owners');
	const dir = mkdtempSync('/tmp/nstui-bench-owners-');
	const socket = `${dir}/docker.sock`;
	const server = spawn(process.execPath, ['-e', standIn, socket, String(holders.length)], {
		stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
	});
	try {
		await new Promise(resolve => server.once('message', resolve));
		holders.forEach((holder, index) => {
			const children = readFileSync(`/proc/${holder.pid}/task/${holder.pid}/children`, 'utf8')
				.trim()
				.split(/\s+/)
				.filter(Boolean)
				.map(Number);
			for (const pid of [holder.pid!, ...children]) cgroups.place(pid, `docker/${idOf(index)}`);
		});
		const env = {DOCKER_HOST: `unix://${socket}`};
		const withOwners: number[] = [];
		const without: number[] = [];
		for (let round = 0; round < rounds; round++) {
			withOwners.push(timeCommand('dist/cli.js', ['snapshot', '--json'], env));
			without.push(timeCommand('dist/cli.js', ['snapshot', '--json'], {...env, NSTUI_OWNERS: '0'}));
		}
		// A refresh in which no namespace is new: the TUI's Discoverer, refreshed again right away.
		const quiet = async (owners: boolean) => {
			const discoverer = new Discoverer({owners: owners ? {dockerHost: env.DOCKER_HOST} : false});
			await discoverer.refresh();
			const times: number[] = [];
			for (let round = 0; round < rounds; round++) {
				const started = performance.now();
				await discoverer.refresh({
					maxAgeMs: 60_000,
					mountsMaxAgeMs: 60_000,
					holdersMaxAgeMs: 60_000,
				});
				times.push(performance.now() - started);
			}
			return median(times);
		};
		// The lookup alone, as a snapshot makes it (a fresh finder, no cgroup read yet) and again with nothing new.
		const fresh: number[] = [];
		const again: number[] = [];
		for (let round = 0; round < rounds; round++) {
			const scan = scanProcesses(new Map());
			const root = namespaceOfPid(1);
			const inputs = [...scan.byNamespace].map(([inode, processes]) => ({
				inode,
				root: inode === root,
				processes: processes.sort((a, b) => a.pid - b.pid),
				paths: [],
			}));
			const finder = new OwnerFinder({dockerHost: env.DOCKER_HOST});
			let started = performance.now();
			const {owners} = await finder.lookup(inputs);
			fresh.push(performance.now() - started);
			if ([...owners.values()].filter(owner => owner?.name).length < holders.length)
				throw new Error('the bench namespaces were not all named');
			started = performance.now();
			await finder.lookup(inputs);
			again.push(performance.now() - started);
		}
		const quietWith = await quiet(true);
		const quietWithout = await quiet(false);
		const what = `${holders.length} namespaces owned by (stand-in) docker containers`;
		return [
			{
				what: `snapshot --json, ${what}: owners looked up`,
				nstui: median(withOwners),
				comparison: median(without),
				against: 'NSTUI_OWNERS=0',
				target: 1.1,
				unit: 'ms',
			},
			{
				what: `owner lookup alone (in-process, first time), ${what}`,
				nstui: median(fresh),
				comparison: median(without),
				against: 'snapshot --json with NSTUI_OWNERS=0',
				target: 0.1,
				unit: 'ms',
			},
			{
				what: `owner lookup alone, nothing new since the last (in-process), ${what}`,
				nstui: median(again),
				comparison: null,
				against: 'absolute',
				target: 2,
				unit: 'ms',
			},
			{
				what: `TUI refresh, nothing new, ${what}: owners on`,
				nstui: quietWith,
				comparison: quietWithout,
				against: 'owners off',
				target: null,
				unit: 'ms',
			},
		];
	} finally {
		server.kill();
		for (const holder of holders) {
			try {
				process.kill(-holder.pid!, 'SIGKILL');
			} catch {}
		}
		await delay(300);
		await cgroups.cleanup();
		rmSync(dir, {recursive: true, force: true});
	}
}
