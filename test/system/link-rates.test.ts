// Rates from real counters: a bounded ping flood between test namespaces shows
// on both veth ends and in the traffic view's rows (a namespace standing in for
// the host, which the tests never change).
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {linkRates, type LinkRate, type LinkStats} from '../../source/model/link-rates.js';
import {trafficRows} from '../../source/model/traffic.js';
import {discover} from '../../source/system/discovery/discoverer.js';
import {readLinkStats, readLinkStatsAt} from '../../source/system/link-stats.js';
import {historyKey, RateTracker} from '../../source/system/rates.js';
import {startedCount} from '../../source/system/run.js';
import {statSync} from 'node:fs';
import {Lab, ip, needsRootAnd} from '../helpers/lab.js';

const statsOf = async (names: string[]): Promise<LinkStats[]> =>
	(await readLinkStatsAt(names.map(name => `/run/netns/${name}`))).map(reading => {
		assert.equal(reading.error, null);
		return reading.stats!;
	});

describe('interface rates', {skip: needsRootAnd('ping')}, () => {
	const lab = new Lab('rates');
	let names: {host: string; web: string; db: string};
	before(() => {
		names = lab.bridge();
	});
	after(() => lab.teardown());

	test('the counters read are those ip -s -j link prints', async () => {
		const [web] = await statsOf([names.web]);
		assert.ok(web!.links.some(link => link.name === 'lo'));
		const theirs = JSON.parse(
			ip('-n', names.web, '-s', '-j', 'link', 'show', 'dev', 'eth0-web'),
		)[0];
		const ours = web!.links.find(link => link.name === 'eth0-web')!;
		assert.equal(ours.ifindex, theirs.ifindex);
		// Read first, so never more than ip's; a link just up may still send a few IPv6 neighbour discoveries meanwhile.
		for (const [mine, its] of [
			[ours.rxPackets, theirs.stats64.rx.packets],
			[ours.txPackets, theirs.stats64.tx.packets],
			[ours.txBytes, theirs.stats64.tx.bytes],
		] as const) {
			assert.ok(mine <= its && its - mine <= 1000, `${mine} vs ${its}`);
		}
	});

	test('a namespace with a process in it is read from its /proc/PID/net/dev, with the counters ip prints, and without starting a program', async () => {
		const pid = await lab.sleeperPid(names.web);
		const {snapshot} = await discover();
		const web = snapshot.namespaces.find(ns => ns.name === names.web)!;
		assert.ok(web.processes.some(process => process.pid === pid));
		const startedBefore = startedCount.processes;
		const [reading] = await readLinkStats([
			{inode: web.inode, path: `/run/netns/${names.web}`, namespace: web},
		]);
		assert.equal(startedCount.processes, startedBefore, 'no program started');
		assert.equal(reading!.error, null);
		const theirs = JSON.parse(
			ip('-n', names.web, '-s', '-j', 'link', 'show', 'dev', 'eth0-web'),
		)[0];
		const ours = reading!.stats!.links.find(link => link.name === 'eth0-web')!;
		assert.equal(ours.ifindex, theirs.ifindex);
		for (const [mine, its] of [
			[ours.rxPackets, theirs.stats64.rx.packets],
			[ours.txPackets, theirs.stats64.tx.packets],
			[ours.txBytes, theirs.stats64.tx.bytes],
		] as const) {
			assert.ok(mine <= its && its - mine <= 1000, `${mine} vs ${its}`);
		}
	});

	test('ping -i 0.01 -c 300 from web to db: non-zero rates on both veth ends and in the traffic rows', async () => {
		const order = [names.web, names.db, names.host];
		const before = await statsOf(order);
		const pinger = spawn(
			'ip',
			['netns', 'exec', names.web, 'ping', '-q', '-i', '0.01', '-c', '300', '192.168.15.6'],
			{stdio: 'ignore'},
		);
		lab.processes.push(pinger);
		await new Promise(resolve => setTimeout(resolve, 1500));
		const after = await statsOf(order);
		const rates = order.map((_, index) => linkRates(before[index]!, after[index]!));
		const byName = (index: number, name: string): LinkRate =>
			[...rates[index]!.values()].find(rate => rate.name === name)!;
		const webEnd = byName(0, 'eth0-web');
		const dbEnd = byName(1, 'eth0-db');
		// 84-byte echo requests, ~100 a second (fewer when the machine is loaded): only "more than nothing" is asserted.
		assert.ok(
			webEnd.txPacketsPerSecond > 10 && webEnd.rxPacketsPerSecond > 10,
			JSON.stringify(webEnd),
		);
		assert.ok(
			dbEnd.rxBytesPerSecond > 1000 && dbEnd.txBytesPerSecond > 1000,
			JSON.stringify(dbEnd),
		);
		assert.ok(byName(2, 'veth-web-br').rxBytesPerSecond > 1000);

		const {snapshot} = await discover();
		const hub = snapshot.namespaces.find(ns => ns.name === names.host)!;
		const ratesByNamespace = new Map([[hub.inode, rates[2]!]]);
		const rows = trafficRows(snapshot, hub.inode, ratesByNamespace);
		// The host stand-in's two bridge ports (its bridge itself and lo are not listed), each with its peer's namespace.
		assert.deepEqual(rows.map(row => row.interface).sort(), ['veth-db-br', 'veth-web-br']);
		assert.ok(
			rows.every(
				row => row.rate !== null && row.rate.rxBytesPerSecond + row.rate.txBytesPerSecond > 1000,
			),
		);
		assert.deepEqual(rows.map(row => row.peer?.label).sort(), [names.db, names.web].sort());
		// Adding a namespace to the view lists its interfaces too.
		const web = snapshot.namespaces.find(ns => ns.name === names.web)!;
		const withWeb = trafficRows(
			snapshot,
			hub.inode,
			new Map([...ratesByNamespace, [web.inode, rates[0]!]]),
			[web.inode],
		);
		assert.ok(
			withWeb.some(
				row =>
					row.namespace === web.inode &&
					row.interface === 'eth0-web' &&
					row.peer?.label === names.host,
			),
		);
	});

	test('the tracker: a baseline first, then rates and a history per interface; a namespace no longer asked for is forgotten', async () => {
		const place = (name: string) => ({
			inode: statSync(`/run/netns/${name}`).ino,
			path: `/run/netns/${name}`,
		});
		const tracker = new RateTracker(5);
		const [web, db] = [place(names.web), place(names.db)];
		assert.equal((await tracker.refresh([web, db])).size, 0);
		const pinger = spawn(
			'ip',
			['netns', 'exec', names.web, 'ping', '-q', '-i', '0.01', '-c', '300', '192.168.15.6'],
			{stdio: 'ignore'},
		);
		lab.processes.push(pinger);
		let rates = new Map();
		for (let round = 0; round < 3; round++) {
			await new Promise(resolve => setTimeout(resolve, 400));
			rates = await tracker.refresh([web, db]);
		}
		const index = JSON.parse(ip('-n', names.web, '-j', 'link', 'show', 'dev', 'eth0-web'))[0]
			.ifindex as number;
		assert.ok(rates.get(web.inode)!.get(index)!.txPacketsPerSecond > 10);
		assert.equal(tracker.history.get(historyKey(web.inode, index)).length, 3);
		assert.ok(tracker.history.get(historyKey(web.inode, index)).every(value => value > 0));
		await tracker.refresh([db]);
		assert.deepEqual(tracker.history.get(historyKey(web.inode, index)), []);
		const gone = await tracker.refresh([{inode: 1, path: `/run/netns/${lab.prefix}-never`}]);
		assert.equal(gone.size, 0);
		assert.match(tracker.errors.get(1) ?? '', /never/);
	});
});
