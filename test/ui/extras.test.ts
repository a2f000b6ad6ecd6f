// What the extras reader reads after each refresh: the counters of the host and
// the selected namespace only, and sockets only while the Sockets pane is in front.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {test} from 'node:test';
import type {Snapshot} from '../../source/model/snapshot.js';
import {ExtrasReader} from '../../source/ui/app/extras.js';
import {refreshSucceeded} from '../../source/ui/app/state-updates.js';
import {createTuiStore} from '../../source/ui/app/tui-store.js';
import {focusPane, selectNamespace} from '../../source/ui/panes/pane-updates.js';
import {noteRateRoom} from '../../source/ui/panes/interfaces/rate-room.js';
import {RateTracker} from '../../source/system/rates.js';
import type {SocketSource} from '../../source/system/sockets.js';

const snapshot = () =>
	JSON.parse(
		readFileSync(new URL('../fixtures/lab-snapshot.json', import.meta.url), 'utf8'),
	) as Snapshot;

function setUp() {
	const store = createTuiStore();
	refreshSucceeded(store, {snapshot: snapshot(), warnings: []}, Date.now());
	const asked: string[][] = [];
	const socketsOf: number[] = [];
	let at = 0;
	const tracker = new RateTracker(30, async places => {
		asked.push(places.map(place => place.path));
		at += 1000;
		return places.map(() => ({
			stats: {
				at,
				links: [
					{
						ifindex: 2,
						name: 'x',
						rxBytes: at,
						rxPackets: 1,
						rxErrors: 0,
						rxDropped: 0,
						txBytes: 0,
						txPackets: 0,
						txErrors: 0,
						txDropped: 0,
					},
				],
			},
			error: null,
		}));
	});
	const readSockets = async (ns: SocketSource) => {
		socketsOf.push(ns.inode);
		return {inode: ns.inode, sockets: [], error: null, via: 'reader' as const};
	};
	return {store, asked, socketsOf, extras: new ExtrasReader(store, {tracker, readSockets})};
}

test('rates for the host and the selected namespace only; sockets only while their pane is in front', async () => {
	const {store, asked, socketsOf, extras} = setUp();
	await extras.read();
	// The host is selected: one namespace's counters, and no sockets (Processes is in front).
	assert.equal(asked.at(-1)!.length, 1);
	assert.deepEqual(socketsOf, []);
	assert.equal(store.getState().traffic?.rates.size, 0, 'the first reading is only the baseline');
	selectNamespace(store, 4026532591);
	await extras.read();
	assert.deepEqual(asked.at(-1), [asked[0]![0], '/run/netns/nsx-web']);
	assert.deepEqual(socketsOf, []);
	focusPane(store, 'sockets');
	await extras.read();
	assert.deepEqual(socketsOf, [4026532591]);
	assert.equal(store.getState().sockets?.inode, 4026532591);
	// Rates once a namespace has two readings, with the history for the sparklines.
	assert.equal(store.getState().traffic?.rates.get(4026532591)?.get(2)?.rxBytesPerSecond, 1000);
	assert.deepEqual(store.getState().traffic?.history.get('4026532591:2'), [1000]);
	// A view over the panes: the Sockets pane is not on screen, so not read.
	store.update({fullView: {kind: 'traffic', selected: 0}});
	await extras.read();
	assert.deepEqual(socketsOf, [4026532591]);
});

test('paused: nothing is read', async () => {
	const {store, asked, extras} = setUp();
	store.update({paused: true});
	await extras.read();
	assert.deepEqual(asked, []);
});

test('follow(): moving the selection reads again, without waiting for a refresh', async () => {
	const {store, asked, extras} = setUp();
	const stop = extras.follow();
	selectNamespace(store, 4026532660);
	for (
		let tries = 0;
		tries < 50 && !asked.some(paths => paths.includes('/run/netns/nsx-db'));
		tries++
	)
		await new Promise(resolve => setTimeout(resolve, 10));
	assert.ok(asked.some(paths => paths.includes('/run/netns/nsx-db')));
	stop();
});

test('rates that read as before change nothing in the store, so an idle TUI draws no frame for them; the details view takes every sample', async () => {
	const {store, extras} = setUp();
	await extras.read();
	await extras.read();
	const traffic = store.getState().traffic;
	let notified = 0;
	const stop = store.subscribe(() => notified++);
	await extras.read();
	await extras.read();
	assert.equal(notified, 0);
	assert.equal(store.getState().traffic, traffic);
	stop();
	store.update({
		fullView: {
			kind: 'details',
			namespace: 4026531840,
			neighbours: {status: 'pending'},
			iptables: {status: 'pending'},
			top: 0,
		} as never,
	});
	const samples = () => {
		const traffic = store.getState().traffic!;
		return traffic.history.get(`${[...traffic.rates.keys()][0]}:2`)?.length ?? 0;
	};
	const before = samples();
	await extras.read();
	// The two reads that changed nothing in the store still added their samples to the history.
	assert.equal(samples(), before + 3);
});

test("the host's traffic changes nothing on screen while another namespace is shown, until the traffic view lists it", async () => {
	const store = createTuiStore();
	refreshSucceeded(store, {snapshot: snapshot(), warnings: []}, Date.now());
	const web = 4026532591;
	let at = 0;
	// The host's counters grow every read (an SSH session's own packets); the selected namespace's stand still.
	const tracker = new RateTracker(30, async places => {
		at += 1000;
		return places.map(place => ({
			stats: {
				at,
				links: [
					{
						ifindex: 2,
						name: 'x',
						rxBytes: place.path.includes('nsx-web') ? 5 : at * at,
						rxPackets: 1,
						rxErrors: 0,
						rxDropped: 0,
						txBytes: 0,
						txPackets: 0,
						txErrors: 0,
						txDropped: 0,
					},
				],
			},
			error: null,
		}));
	});
	const extras = new ExtrasReader(store, {tracker});
	selectNamespace(store, web);
	await extras.read();
	await extras.read();
	let notified = 0;
	const stop = store.subscribe(() => notified++);
	await extras.read();
	await extras.read();
	assert.equal(notified, 0, 'no frame for rates that are not on screen');
	store.update({fullView: {kind: 'traffic', selected: 0}});
	notified = 0;
	await extras.read();
	assert.equal(notified, 1, "the traffic view shows the host's rates");
	const hostRates = [...store.getState().traffic!.rates].find(([inode]) => inode !== web)?.[1];
	assert.ok(hostRates && hostRates.get(2)!.rxBytesPerSecond > 0);
	stop();
});

test("the selected namespace's rates draw no frame while the Interfaces pane has no room for them; once it has, the next reading is shown", async () => {
	const store = createTuiStore();
	refreshSucceeded(store, {snapshot: snapshot(), warnings: []}, Date.now());
	let at = 0;
	// Every namespace's rate grows with every read.
	const tracker = new RateTracker(30, async places => {
		at += 1000;
		return places.map(() => ({
			stats: {
				at,
				links: [
					{
						ifindex: 2,
						name: 'x',
						rxBytes: at * at,
						rxPackets: 1,
						rxErrors: 0,
						rxDropped: 0,
						txBytes: 0,
						txPackets: 0,
						txErrors: 0,
						txDropped: 0,
					},
				],
			},
			error: null,
		}));
	});
	const extras = new ExtrasReader(store, {tracker});
	selectNamespace(store, 4026532591);
	await extras.read();
	await extras.read();
	let notified = 0;
	const stop = store.subscribe(() => notified++);
	noteRateRoom(false);
	try {
		await extras.read();
		await extras.read();
		assert.equal(notified, 0);
		noteRateRoom(true);
		await extras.read();
		assert.equal(notified, 1);
	} finally {
		noteRateRoom(true);
		stop();
	}
});
