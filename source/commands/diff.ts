// `nstui diff OLD.json NEW.json [--json]`: what changed between two
// `nstui snapshot --json` files, in the words of the timeline. Exit 0 when
// nothing did, 1 when something did (as diff(1)), 2 when a file cannot be read.
import {readFile} from 'node:fs/promises';
import {shown} from '../model/shown-text.js';
import type {Snapshot} from '../model/snapshot.js';
import {diffSnapshots} from '../model/timeline/diff-snapshots.js';
import {formatChanges} from '../model/timeline/format-change.js';
import {changeLines} from '../model/timeline/json-line.js';

export async function runDiff({args, json}: {args: string[]; json: boolean}): Promise<number> {
	if (args.length !== 2) {
		process.stderr.write('nstui: diff takes two files: nstui diff OLD.json NEW.json\n');
		return 2;
	}
	const snapshots: Snapshot[] = [];
	for (const file of args) {
		const snapshot = await readSnapshot(file);
		if (typeof snapshot === 'string') {
			process.stderr.write(`nstui: ${shown(file)}: ${shown(snapshot)}\n`);
			return 2;
		}
		snapshots.push(snapshot);
	}
	const [before, after] = snapshots as [Snapshot, Snapshot];
	const changes = diffSnapshots(before, after);
	process.stdout.write(json ? changeLines(changes) : formatChanges(changes, true));
	return changes.length === 0 ? 0 : 1;
}

/** The snapshot in the file, or why it is not one. */
async function readSnapshot(file: string): Promise<Snapshot | string> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		return (error as Error).message;
	}
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return 'not JSON (make it with nstui snapshot --json)';
	}
	const snapshot = value as Partial<Snapshot> | null;
	if (
		snapshot?.version !== 1 ||
		typeof snapshot.takenAt !== 'string' ||
		!Array.isArray(snapshot.namespaces)
	)
		return 'not a snapshot of nstui snapshot --json (version 1)';
	return snapshot as Snapshot;
}
