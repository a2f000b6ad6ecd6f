// Names the kernel allows but that look odd must not break the layout.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import stringWidth from 'string-width';
import type {Snapshot} from '../../source/model/snapshot.js';
import {link, namespace} from '../fixtures/synthetic-snapshots.js';
import {keys, renderTui} from './tui-harness.js';

afterEach(() => cleanup());

function oddSnapshot(): Snapshot {
	const longest = 'n'.repeat(255);
	const host = namespace(1, null, {
		root: true,
		processes: [{pid: 1, comm: 'init', cmdline: '/sbin/init', user: 'root'}],
	});
	const dashed = namespace(2, '-made-by-someone-else', {
		interfaces: [
			link(2, 'x'.repeat(15), 'veth', {
				addresses: [
					{family: 'inet6', address: 'fd00:1234:5678:9abc:def0:1234:5678:9abc', prefixlen: 128},
				],
			}),
		],
	});
	const spaced = namespace(3, 'web ns [prod] 名前', {
		processes: [
			{
				pid: 77,
				comm: 'my (odd) ] comm',
				cmdline: 'my (odd) ] comm --flag "quoted arg"\twith tab',
				user: 'a-very-long-user-name',
			},
		],
	});
	const long = namespace(4, longest);
	const unnamed = namespace(5, null, {
		processes: [{pid: 4194304, comm: ') (', cmdline: '', user: '65534'}],
	});
	return {
		version: 1,
		takenAt: new Date().toISOString(),
		namespaces: [host, dashed, spaced, long, unnamed],
	};
}

for (const [columns, rows] of [
	[80, 24],
	[120, 40],
] as const) {
	test(`odd names, ${columns}x${rows}: every line fits, and the rows are there`, async () => {
		const tui = await renderTui({snapshot: oddSnapshot(), columns, rows});
		const check = () => {
			const lines = tui.lines();
			for (const line of lines)
				assert.ok(stringWidth(line) <= columns, `a line is ${stringWidth(line)} wide:\n${line}`);
			assert.ok(lines.length <= rows, `${lines.length} lines for ${rows} rows`);
			return lines.join('\n');
		};
		const screen = check();
		assert.match(screen, /-made-by-some/);
		assert.match(screen, /web ns \[prod\]/);
		await tui.press('j', keys.tab);
		assert.match(check(), /xxxxxxxxxxxxxxx/);
		await tui.press('1', 'j', '4');
		assert.match(check(), /my \(odd\) \]/);
		await tui.press('1', 'G');
		check();
	});
}
