// How soon changes show in the TUI (issue 18): changes in a namespace that is on
// screen but not selected, made from outside, timed until tmux shows them. The
// Namespaces list shows a namespace's interface count, its forwarding and its
// name; an address, a route and a link's state are looked for with the find
// view (F), which searches the snapshot in the store as it changes.
import {execFileSync, spawn} from 'node:child_process';
import {readlinkSync} from 'node:fs';
import {setTimeout as delay} from 'node:timers/promises';
import type {Row} from './measure.js';

export type Screen = {
	text(): string;
	keys(...keys: string[]): void;
	type(text: string): void;
	until(check: (text: string) => boolean, timeoutMs: number, stepMs?: number): Promise<string>;
};

const ip = (...args: string[]) =>
	execFileSync('ip', args, {stdio: ['ignore', 'ignore', 'inherit']});

/** The fields of the Namespaces list's row for `name`: NAME INODE PROC IF FWD. */
function rowOf(text: string, name: string): string[] | null {
	const line = text.split('\n').find(line => line.slice(1).split(/\s+/)[0] === name);
	return line ? line.slice(1).trim().split(/\s+/) : null;
}

const p95 = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.95) - 1]!;

export async function measureLive(screen: Screen, names: string[], prefix: string): Promise<Row[]> {
	const text = screen.text();
	const own = new Set(names);
	// One of the lab's namespaces that is on screen and not selected.
	const target = text
		.split('\n')
		.flatMap(line =>
			line.startsWith(' ') && own.has(line.slice(1).split(/\s+/)[0]!)
				? [line.slice(1).split(/\s+/)[0]!]
				: [],
		)[1];
	const row = target === undefined ? null : rowOf(text, target);
	if (!target || !row)
		throw new Error(`none of the lab's namespaces is on screen unselected:\n${text}`);
	const interfaces = () => Number(rowOf(screen.text(), target)?.[3]);
	const base = Number(row[3]);
	const times: Array<[string, number]> = [];
	const timed = async (what: string, act: () => void, check: (text: string) => boolean) => {
		const started = performance.now();
		act();
		await screen.until(check, 10_000, 2);
		times.push([what, performance.now() - started]);
	};
	const sleeper = spawn('unshare', ['--net', 'sleep', '3600'], {stdio: 'ignore'});
	const extra = [`${prefix}-0x`, `${prefix}-0y`];
	try {
		await timed(
			'link added',
			() => ip('-n', target, 'link', 'add', 'zq7a', 'type', 'veth', 'peer', 'name', 'zq7b'),
			() => interfaces() === base + 2,
		);
		await timed(
			'forwarding on',
			() => ip('netns', 'exec', target, 'sysctl', '-qw', 'net.ipv4.ip_forward=1'),
			text => rowOf(text, target)?.[4] === 'v4',
		);
		await timed(
			'namespace created',
			() => ip('netns', 'add', extra[0]!),
			text => rowOf(text, extra[0]!) !== null,
		);
		await timed(
			'namespace deleted',
			() => ip('netns', 'del', extra[0]!),
			text => rowOf(text, extra[0]!) === null,
		);
		// The sleeper's namespace is there (unnamed, far down the list) by now; naming it brings it to the top.
		if (!/^net:\[/.test(readlinkSync(`/proc/${sleeper.pid}/ns/net`)))
			throw new Error('unshare did not start');
		await timed(
			'namespace named',
			() => ip('netns', 'attach', extra[1]!, String(sleeper.pid)),
			text => rowOf(text, extra[1]!) !== null,
		);

		const find = async (
			term: string,
			what: string,
			act: () => void,
			check: (text: string) => boolean,
		) => {
			screen.keys('F');
			await screen.until(text => text.includes('Find:'), 5_000);
			screen.type(term);
			await screen.until(text => text.includes(`Find: ${term}`), 5_000);
			await delay(300);
			await timed(what, act, check);
			screen.keys('Escape');
			await screen.until(text => !text.includes('Find:'), 5_000);
		};
		await find(
			'10.251.0.1',
			'address',
			() => ip('-n', target, 'addr', 'add', '10.251.0.1/32', 'dev', 'lo'),
			text => text.includes('10.251.0.1/32 on lo'),
		);
		await find(
			'10.252.0.0/16',
			'route',
			() => ip('-n', target, 'route', 'add', '10.252.0.0/16', 'dev', 'lo'),
			text => text.includes('10.252.0.0/16 dev lo'),
		);
		await find(
			'zq7a',
			'link up',
			() => ip('-n', target, 'link', 'set', 'zq7a', 'up'),
			text => /zq7a \(veth, (?:LOWERLAYERDOWN|UP no-carrier)/.test(text),
		);
		await find(
			'zq7a',
			'link down',
			() => ip('-n', target, 'link', 'set', 'zq7a', 'down'),
			text => /zq7a \(veth, DOWN/.test(text),
		);
		await timed(
			'link removed',
			() => ip('-n', target, 'link', 'del', 'zq7a'),
			() => interfaces() === base,
		);

		// A new process: one more in the target's PROC column.
		const processes = Number(rowOf(screen.text(), target)![2]);
		let started: ReturnType<typeof spawn> | null = null;
		await timed(
			'process',
			() => (started = spawn('ip', ['netns', 'exec', target, 'sleep', '3600'], {stdio: 'ignore'})),
			text => Number(rowOf(text, target)?.[2]) === processes + 1,
		);
		(started as ReturnType<typeof spawn> | null)?.kill('SIGKILL');
	} finally {
		sleeper.kill('SIGKILL');
		for (const name of extra) {
			try {
				ip('netns', 'del', name);
			} catch {}
		}
	}
	const changes = times.filter(([what]) => what !== 'process');
	const process = times.find(([what]) => what === 'process')?.[1] ?? Number.NaN;
	console.log(
		`(change to screen: ${times.map(([what, ms]) => `${what} ${ms.toFixed(0)} ms`).join(', ')})`,
	);
	return [
		{
			what: `change in a visible, unselected namespace to screen, p95 of ${changes.length}`,
			nstui: p95(changes.map(([, ms]) => ms)),
			comparison: null,
			against: 'absolute (tmux round trip included)',
			target: 1000,
			unit: 'ms',
		},
		{
			what: 'new process in a visible namespace to screen',
			nstui: process,
			comparison: null,
			against: 'absolute (tmux round trip included)',
			target: 2000,
			unit: 'ms',
		},
	];
}
