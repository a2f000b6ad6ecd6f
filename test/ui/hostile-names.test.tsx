// Names, command lines, messages and rules that carry terminal escapes reach the
// screen only as visible escapes, in every view, and the rows stay aligned.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import stringWidth from 'string-width';
import type {Snapshot} from '../../source/model/snapshot.js';
import {commandLog} from '../../source/system/command-log.js';
import {showMessage} from '../../source/ui/app/state-updates.js';
import {fakeReader} from '../fixtures/details-reader.js';
import {link, namespace, wire} from '../fixtures/synthetic-snapshots.js';
import {keys, renderTui} from './tui-harness.js';

afterEach(() => cleanup());

const red = 'evil\u001b[31mRED\u001b[0m';
const clear = 'e\u001b[2Jx';
const title = 'q\u001b]0;T\u0007';
const clipboard = 'st\u001b]52;c;ZXZpbA==\u001b\\';
const mixed = 'b\bc\rd\u007fe\u009bf\u202eg\udcff';
const newline = 'two\nlines';

function hostileSnapshot(): Snapshot {
	const host = namespace(1, null, {
		root: true,
		processes: [{pid: 1, comm: 'init', cmdline: '/sbin/init', user: 'root'}],
	});
	const a = namespace(2, newline, {
		processes: [{pid: 40, comm: 'sleep', cmdline: `${red} --title ${title}`, user: 'root'}],
		routes: [
			{
				family: 'inet',
				dst: '10.9.0.0/24',
				gateway: null,
				dev: clear,
				table: 'main',
				protocol: 'kernel',
				scope: 'link',
				metric: null,
			},
		],
	});
	const b = namespace(3, red, {error: `ip: ${title} failed`});
	const c = namespace(4, null, {processes: [{pid: 41, comm: clipboard, cmdline: '', user: mixed}]});
	wire(a, clear, b, title, {aAddress: '10.9.0.1/24', aMaster: mixed});
	a.interfaces.push(link(9, mixed, 'bridge'));
	return {version: 1, takenAt: new Date().toISOString(), namespaces: [host, a, b, c]};
}

const sgr = /\u001b\[[0-9;]*m/g;
// Anything a terminal acts on, but the line breaks between rows.
const live = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e\udc80-\udcff]/u;

function assertSafe(frame: string, columns: number, where: string) {
	const text = frame.replace(sgr, '');
	assert.doesNotMatch(
		text,
		live,
		`${where}: a control character reached the screen:\n${JSON.stringify(text)}`,
	);
	assert.ok(!frame.includes('\u001b[31mRED'), `${where}: the name's own colour reached the screen`);
	for (const line of text.split('\n'))
		assert.ok(
			stringWidth(line) <= columns,
			`${where}: a line is ${stringWidth(line)} wide:\n${line}`,
		);
}

test('hostile names in every pane, the topology, find, details, the log and the status bar: escapes shown, nothing live', async () => {
	const columns = 120;
	const reader = fakeReader({
		neighbours: {
			[newline]: [
				{
					address: '10.9.0.2',
					dev: clear,
					lladdr: 'aa:bb:cc:dd:ee:ff',
					state: `REACHABLE${title}`,
					router: false,
				},
			],
		},
		firewalls: {
			[newline]: {
				rules: [
					{table: 'filter', chain: 'INPUT', spec: `-m comment --comment "${clipboard}" -j ACCEPT`},
				],
				policies: [],
			},
		},
	});
	const log = commandLog;
	log.record(
		{
			command: ['ip', 'link', 'del', 'dev', clear],
			exitCode: 1,
			stdout: '',
			stderr: `Cannot find device "${clear}"\n${title}`,
			timedOut: false,
			missing: false,
			ok: false,
			durationMs: 1,
		},
		new Date(),
	);
	const tui = await renderTui({snapshot: hostileSnapshot(), columns, rows: 40, reader});
	const check = (where: string) => assertSafe(tui.lastFrame() ?? '', columns, where);

	check('first frame');
	for (const step of ['namespace 2', 'namespace 3', 'namespace 4']) {
		await tui.press('j');
		check(step);
	}
	await tui.press('g', 'j');
	const panes = tui.frame();
	assert.match(panes, /two\\nlines/, 'the newline is shown as \\n, on one row');
	assert.match(panes, /e\\e\[2Jx/);
	assert.match(panes, /evil\\e\[31mRED\\e\[0m/);
	await tui.press('*');
	check('all processes');
	assert.match(tui.frame(), /st\\e\]52;c;ZXZpbA==\\e\\/);

	await tui.press('t');
	check('topology');
	assert.match(tui.frame(), /b\\x08c\\rd\\x7fe\\u009bf\\u202eg\\xff/);
	assert.match(
		tui.frame(),
		/e\\e\[2Jx +veth +10\.9\.0\.1\/24 +─+ q\\e\]0;T\\x07 \[evil\\e\[31mRED\\e\[0m\]/,
	);
	await tui.press('q', 'F', ...'RED');
	await tui.settle();
	check('find');
	assert.match(tui.frame(), /evil\\e\[31mRED/);
	await tui.press(keys.escape, 'i');
	await tui.detailsRead();
	check('details');
	assert.match(tui.frame(), /--comment "st\\e\]52;c;ZXZpbA==\\e\\"/);
	assert.match(tui.frame(), /REACHABLEq\\e\]0;T\\x07/);
	await tui.press('q', 'l');
	check('command log');
	assert.match(tui.frame(), /Cannot find device "e\\e\[2Jx"/);
	await tui.press('q');
	showMessage(tui.store, {text: `could not delete ${red}:\n${title}`, kind: 'error'});
	await tui.settle();
	check('status bar');
	assert.match(tui.frame(), /could not delete evil\\e\[31mRED\\e\[0m:\\nq\\e\]0;T\\x07/);
});
