// Issue 16: how to read the sockets of namespaces no process is in. The socket
// reader (one perl that enters each namespace and reads /proc/self/net/*)
// against `ss` run inside each, as `nsenter --net=PATH ss -tuanH` and as
// `ip netns exec NAME ss -tuanH`. Also one namespace with a process in it (the
// TUI's routine case), read by the reader and through /proc/PID/net.
// node --import tsx bench/sockets.ts [COUNT] [ROUNDS]   (root; removes what it makes)
import {spawn, spawnSync} from 'node:child_process';
import {statSync} from 'node:fs';
import {readSocketsOf, type SocketSource} from '../source/system/sockets.js';
import {median, printTable, type Row} from './measure.js';

const count = Number(process.argv[2] ?? 100);
const rounds = Number(process.argv[3] ?? 5);
const prefix = `nstui-benchsock-${process.pid}-`;
const names = Array.from({length: count}, (_, index) => `${prefix}${index}`);
const ok = (file: string, args: string[]) => {
	const result = spawnSync(file, args, {stdio: ['ignore', 'ignore', 'pipe']});
	if (result.status !== 0) throw new Error(`${file} ${args.join(' ')}: ${result.stderr}`);
};
const source = (name: string): SocketSource => ({
	inode: statSync(`/run/netns/${name}`).ino,
	name,
	root: false,
	paths: [`/run/netns/${name}`],
	processes: [],
});

let sleeper: ReturnType<typeof spawn> | undefined;
try {
	for (const name of names) {
		ok('ip', ['netns', 'add', name]);
		ok('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
	}
	sleeper = spawn('ip', ['netns', 'exec', names[0]!, 'sleep', '600'], {stdio: 'ignore'});
	while (statSync(`/proc/${sleeper.pid}/ns/net`).ino !== statSync(`/run/netns/${names[0]}`).ino)
		await new Promise(resolve => setTimeout(resolve, 20));
	const time = async (work: () => unknown) => {
		const times: number[] = [];
		for (let round = 0; round < rounds; round++) {
			const started = performance.now();
			await work();
			times.push(performance.now() - started);
		}
		return median(times);
	};
	const sources = names.map(source);
	const reader = await time(() => readSocketsOf(sources));
	const nsenter = await time(() => {
		for (const name of names) ok('nsenter', [`--net=/run/netns/${name}`, 'ss', '-tuanH']);
	});
	const netnsExec = await time(() => {
		for (const name of names) ok('ip', ['netns', 'exec', name, 'ss', '-tuanH']);
	});
	const one = await time(() =>
		readSocketsOf([
			{
				...sources[0]!,
				processes: [{pid: sleeper!.pid!, comm: 'sleep', cmdline: 'sleep 600', user: 'root'}],
			},
		]),
	);
	const oneProc = await time(() =>
		readSocketsOf(
			[
				{
					...sources[0]!,
					processes: [{pid: sleeper!.pid!, comm: 'sleep', cmdline: 'sleep 600', user: 'root'}],
				},
			],
			{enter: false},
		),
	);
	const oneSs = await time(() => ok('nsenter', [`--net=/run/netns/${names[0]}`, 'ss', '-tuanpH']));
	const rows: Row[] = [
		{
			what: `sockets of ${count} namespaces without processes: socket reader`,
			nstui: reader,
			comparison: nsenter,
			against: 'nsenter --net=PATH ss -tuanH each',
			target: 1,
			unit: 'ms',
		},
		{
			what: `the same against ip netns exec`,
			nstui: reader,
			comparison: netnsExec,
			against: 'ip netns exec NAME ss -tuanH each',
			target: 1,
			unit: 'ms',
		},
		{
			what: 'sockets of one namespace with a process in it, with owners: socket reader',
			nstui: one,
			comparison: oneSs,
			against: 'nsenter ss -tuanpH',
			target: 1,
			unit: 'ms',
		},
		{
			what: 'the same through /proc/PID/net (the way without perl)',
			nstui: oneProc,
			comparison: oneSs,
			against: 'nsenter ss -tuanpH',
			target: null,
			unit: 'ms',
		},
	];
	printTable(rows);
} finally {
	sleeper?.kill('SIGKILL');
	for (const name of names) spawnSync('ip', ['netns', 'del', name]);
}
