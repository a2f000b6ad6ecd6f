// What the namespace watcher (system/watcher-program.ts, run by
// system/namespace-watcher.ts) is told to listen to, and what it says, parsed:
// pure, so it is tested without root.

/**
 * RTMGRP_* bits (group N is bit N-1): link (1), IPv4 addresses (5) and routes
 * (7), IPv6 addresses (9) and routes (11), IPv4 and IPv6 netconf (24, 25, for
 * forwarding), nsid (28, for veth peers). Not neighbours: ARP and ND churn all
 * the time on a busy namespace and nstui does not show them.
 */
export const watchedGroups =
	(1 << 0) | (1 << 4) | (1 << 6) | (1 << 8) | (1 << 10) | (1 << 23) | (1 << 24) | (1 << 27);

/** How long the watcher gathers events after reporting some, so a storm costs a few lines a second. */
export const coalesceSeconds = 0.1;

/**
 * The process events are read this often at most (they queue in the kernel
 * meanwhile): a busy host's hundreds a second cost a few wake-ups, and a new
 * namespace made by a process (`unshare -n`) still shows well within a second.
 */
export const processHoldSeconds = 0.2;

export type WatcherLine =
	| {kind: 'watching' | 'stopped'; inode: number}
	| {kind: 'failed'; inode: number; reason: string}
	| {kind: 'changed'; inodes: number[]}
	| {kind: 'mounts'}
	/** Processes that started (or exec'd) and that ended since the last such line. */
	| {kind: 'procs'; started: number[]; ended: number[]}
	/** Whether the kernel sends process events (the proc connector); `lost`: some were dropped. */
	| {kind: 'procs-on' | 'procs-lost'}
	| {kind: 'procs-off'; reason: string};

export function parseWatcherLine(line: string): WatcherLine | null {
	if (line === 'mounts') return {kind: 'mounts'};
	if (line === 'procs on') return {kind: 'procs-on'};
	if (line === 'procs lost') return {kind: 'procs-lost'};
	const off = /^procs off (.*)$/s.exec(line);
	if (off) return {kind: 'procs-off', reason: off[1]!};
	const procs = /^procs((?: [+-]\d+)+)$/.exec(line);
	if (procs) {
		const started: number[] = [];
		const ended: number[] = [];
		for (const part of procs[1]!.trim().split(' '))
			(part[0] === '+' ? started : ended).push(Number(part.slice(1)));
		return {kind: 'procs', started, ended};
	}
	const changed = /^changed((?: \d+)+)$/.exec(line);
	if (changed) return {kind: 'changed', inodes: changed[1]!.trim().split(' ').map(Number)};
	const state = /^(watching|stopped) (\d+)$/.exec(line);
	if (state) return {kind: state[1] as 'watching' | 'stopped', inode: Number(state[2])};
	const failed = /^failed (\d+) (.*)$/s.exec(line);
	if (failed) return {kind: 'failed', inode: Number(failed[1]), reason: failed[2]!};
	return null;
}
