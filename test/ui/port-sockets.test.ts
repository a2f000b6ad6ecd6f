// Find's :PORT in the TUI: every namespace's sockets read once for the term,
// and still found after a refresh has replaced the snapshot.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {test} from 'node:test';
import {findAnything} from '../../source/model/find.js';
import {parseInetTable} from '../../source/model/sockets.js';
import type {Snapshot} from '../../source/model/snapshot.js';
import type {SocketSource} from '../../source/system/sockets.js';
import {refreshSucceeded} from '../../source/ui/app/state-updates.js';
import {createTuiStore} from '../../source/ui/app/tui-store.js';
import {readSocketsForPort, snapshotForFind} from '../../source/ui/views/find/port-sockets.js';

const snapshot = () =>
	JSON.parse(
		readFileSync(new URL('../fixtures/lab-snapshot.json', import.meta.url), 'utf8'),
	) as Snapshot;
const listener = parseInetTable(
	'sl\n   0: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 77 1\n',
	'tcp',
)[0]!;

test(':PORT reads every namespace once, finds the listener, and keeps finding it after a refresh', async () => {
	const store = createTuiStore();
	refreshSucceeded(store, {snapshot: snapshot(), warnings: []}, Date.now());
	const asked: number[][] = [];
	const read = async (namespaces: readonly SocketSource[]) => {
		asked.push(namespaces.map(ns => ns.inode));
		return namespaces.map(ns => ({
			inode: ns.inode,
			sockets:
				ns.inode === 4026532591
					? [{...listener, processes: [{pid: 2410, comm: 'nginx', user: 'root', fd: 6}]}]
					: [],
			error: null,
			via: 'reader' as const,
		}));
	};
	assert.equal(readSocketsForPort(store, 'nginx', read), null, 'not a port: nothing read');
	await readSocketsForPort(store, ':8080', read, null);
	assert.equal(asked.length, 1);
	assert.equal(asked[0]!.length, 10);
	const found = () => findAnything(snapshotForFind(store.getState().snapshot, ':8080')!, ':8080');
	assert.deepEqual(
		found().map(result => [result.namespaceLabel, result.match, result.pid]),
		[['nsx-web', 'socket', 2410]],
	);
	// A refresh replaces the snapshot: what was read still answers, by inode.
	refreshSucceeded(store, {snapshot: snapshot(), warnings: []}, Date.now());
	assert.deepEqual(
		found().map(result => result.namespaceLabel),
		['nsx-web'],
	);
	// Any other term searches the snapshot as it is.
	assert.equal(snapshotForFind(store.getState().snapshot, 'nginx'), store.getState().snapshot);
});
