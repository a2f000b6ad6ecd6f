import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
	bytesPerSecondText,
	linkRates,
	packetsPerSecondText,
	parseLinkStats,
	problemsText,
	RateHistory,
	rateText,
	sparkline,
	type LinkCounters,
	parseProcNetDev,
} from '../../source/model/link-rates.js';

const link = (
	ifindex: number,
	name: string,
	bytes: number,
	packets: number,
	extra: Partial<LinkCounters> = {},
): LinkCounters => ({
	ifindex,
	name,
	rxBytes: bytes,
	rxPackets: packets,
	rxErrors: 0,
	rxDropped: 0,
	txBytes: bytes * 2,
	txPackets: packets * 2,
	txErrors: 0,
	txDropped: 0,
	...extra,
});

test('parseLinkStats reads the stats64 counters of ip -s -j link and skips links without them', () => {
	const json = [
		{
			ifindex: 1,
			ifname: 'lo',
			stats64: {
				rx: {bytes: 6560, packets: 59, errors: 0, dropped: 1},
				tx: {bytes: 7000, packets: 60, errors: 2, dropped: 0},
			},
		},
		{ifindex: 2, ifname: 'no-stats'},
		{ifname: 'no-index', stats64: {rx: {}, tx: {}}},
	];
	assert.deepEqual(parseLinkStats(json), [
		{
			ifindex: 1,
			name: 'lo',
			rxBytes: 6560,
			rxPackets: 59,
			rxErrors: 0,
			rxDropped: 1,
			txBytes: 7000,
			txPackets: 60,
			txErrors: 2,
			txDropped: 0,
		},
	]);
	assert.deepEqual(parseLinkStats({not: 'a list'}), []);
});

test('rates are the deltas per second, by ifindex', () => {
	const rates = linkRates(
		{at: 1000, links: [link(2, 'veth0', 1000, 10)]},
		{at: 3000, links: [link(2, 'veth0', 5000, 30)]},
	);
	const rate = rates.get(2)!;
	assert.deepEqual(
		[
			rate.rxBytesPerSecond,
			rate.txBytesPerSecond,
			rate.rxPacketsPerSecond,
			rate.txPacketsPerSecond,
		],
		[2000, 4000, 10, 20],
	);
});

test('no rate for a link that is new, renamed under the same index, or whose counters went down; none for no time', () => {
	const before = {at: 0, links: [link(2, 'a', 100, 1), link(3, 'b', 100, 1), link(4, 'c', 500, 5)]};
	const after = {
		at: 1000,
		links: [
			link(2, 'a', 200, 2),
			link(3, 'renamed', 200, 2),
			link(4, 'c', 100, 1),
			link(5, 'new', 1, 1),
		],
	};
	assert.deepEqual([...linkRates(before, after).keys()], [2]);
	assert.equal(linkRates(after, after).size, 0);
});

test('human units', () => {
	assert.equal(bytesPerSecondText(0), '0 B/s');
	assert.equal(bytesPerSecondText(950), '950 B/s');
	assert.equal(bytesPerSecondText(999.6), '1.0 kB/s');
	assert.equal(bytesPerSecondText(1234), '1.2 kB/s');
	assert.equal(bytesPerSecondText(12_345), '12 kB/s');
	assert.equal(bytesPerSecondText(3_400_000), '3.4 MB/s');
	assert.equal(bytesPerSecondText(1e9), '1.0 GB/s');
	assert.equal(packetsPerSecondText(120), '120 p/s');
	assert.equal(packetsPerSecondText(1500), '1.5k p/s');
	assert.equal(packetsPerSecondText(0.4), '0 p/s');
});

test('errors and drops are named only when not zero', () => {
	const quiet = {rxErrors: 0, txErrors: 0, rxDropped: 0, txDropped: 0};
	assert.equal(problemsText(quiet), '');
	assert.equal(problemsText({...quiet, rxDropped: 3}), '  drop 3/0');
	assert.equal(problemsText({...quiet, txErrors: 1, rxDropped: 2}), '  err 0/1 drop 2/0');
	const rate = linkRates(
		{at: 0, links: [link(2, 'x', 0, 0)]},
		{at: 1000, links: [link(2, 'x', 1500, 3, {rxDropped: 4})]},
	).get(2)!;
	assert.equal(rateText(rate), 'rx 1.5 kB/s 3 p/s  tx 3.0 kB/s 6 p/s  drop 4/0');
});

test('sparkline: scaled to the largest, zero is blank, any traffic at least the lowest block', () => {
	assert.equal(sparkline([0, 1, 2, 4, 8]), ' ▁▂▄█');
	assert.equal(sparkline([0, 0, 0]), '   ');
	assert.equal(sparkline([1000, 1]), '█▁');
	assert.equal(sparkline([5], 4), '   █');
	assert.equal(sparkline([1, 2, 3, 4, 5, 6], 3), '▆▇█');
});

test('sparkline is always as wide as asked and only block characters or spaces', () => {
	fc.assert(
		fc.property(
			fc.array(fc.double({min: 0, max: 1e12, noNaN: true})),
			fc.integer({min: 1, max: 40}),
			(values, width) => {
				const line = sparkline(values, width);
				return [...line].length === width && /^[ ▁▂▃▄▅▆▇█]*$/u.test(line);
			},
		),
	);
});

test('RateHistory keeps the last N values a key, and forgets keys no longer kept', () => {
	const history = new RateHistory(3);
	for (const value of [1, 2, 3, 4]) history.add('ns:2', value);
	history.add('ns:3', 9);
	assert.deepEqual(history.get('ns:2'), [2, 3, 4]);
	history.retain(new Set(['ns:3']));
	assert.deepEqual(history.get('ns:2'), []);
	assert.deepEqual(history.get('ns:3'), [9]);
});

test('/proc/net/dev: the counters by the snapshot ifindex of each name; names it does not know are left out', () => {
	const text = [
		'Inter-|   Receive                                                |  Transmit',
		' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed',
		'    lo:     840      10    0    0    0     0          0         0      840      10    0    0    0     0       0          0',
		'eth0-web: 18446744073709551 42 1 2 0 0 0 0 9000 41 3 4 0 0 0 0',
		'  new0:       1       1    0    0    0     0          0         0        1       1    0    0    0     0       0          0',
	].join('\n');
	const links = parseProcNetDev(
		text,
		new Map([
			['lo', 1],
			['eth0-web', 7],
		]),
	);
	assert.deepEqual(links, [
		{
			ifindex: 1,
			name: 'lo',
			rxBytes: 840,
			rxPackets: 10,
			rxErrors: 0,
			rxDropped: 0,
			txBytes: 840,
			txPackets: 10,
			txErrors: 0,
			txDropped: 0,
		},
		{
			ifindex: 7,
			name: 'eth0-web',
			rxBytes: 18446744073709552,
			rxPackets: 42,
			rxErrors: 1,
			rxDropped: 2,
			txBytes: 9000,
			txPackets: 41,
			txErrors: 3,
			txDropped: 4,
		},
	]);
});
