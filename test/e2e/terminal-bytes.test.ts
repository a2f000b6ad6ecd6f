// What one key press writes to the terminal (tmux pipe-pane: the bytes an SSH link carries):
// the rows that changed, not the whole frame; rows that did not change are not written again.
import assert from 'node:assert/strict';
import {execFileSync, spawnSync} from 'node:child_process';
import {readFileSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {after, test} from 'node:test';
import {setTimeout as delay} from 'node:timers/promises';
import {builtCli, endToEndSkip, TmuxSession} from '../helpers/tmux.js';

const prefix = `nstui-bytes-${process.pid}-`;
const names = Array.from({length: 20}, (_, i) => `${prefix}${String(i).padStart(2, '0')}`);
const session = new TmuxSession(`nstui-bytes-${process.pid}`);
const file = path.join(tmpdir(), `nstui-bytes-${process.pid}.out`);
const size = () => statSync(file, {throwIfNoEntry: false})?.size ?? 0;

async function writingStopped() {
	// Waits for the condition "no new bytes for a while", not for a fixed time after the key.
	for (let last = -1; last !== size();) {
		last = size();
		await delay(500);
	}
}

after(() => {
	session.kill();
	for (const name of names) spawnSync('ip', ['netns', 'del', name], {stdio: 'ignore'});
	rmSync(file, {force: true});
});

test(
	'one j writes the rows that changed, far less than a frame, and not the unchanged rows',
	{skip: endToEndSkip},
	async () => {
		for (const name of names) execFileSync('ip', ['netns', 'add', name]);
		session.start({width: 160, height: 50});
		session.typeLine(`node ${builtCli} --interval 1`);
		await session.waitFor('the UI', text => /1 Namespaces/.test(text));
		await delay(300);
		session.press('/');
		session.typeLine(prefix);
		await session.waitFor('the list', text => text.includes(`›${names[0]}`));
		execFileSync('tmux', ['pipe-pane', '-o', '-t', session.name, `cat >> ${file}`]);
		await writingStopped();
		const before = size();
		session.press('j');
		await session.waitFor('the selection moved', text => text.includes(`›${names[1]}`));
		await writingStopped();
		const written = readFileSync(file).subarray(before).toString('utf8');
		const frame = execFileSync('tmux', ['capture-pane', '-p', '-e', '-t', session.name], {
			encoding: 'utf8',
		});
		assert.ok(written.length > 0, 'the key wrote something');
		assert.ok(
			written.length * 3 < frame.length,
			`${written.length} bytes for j, ${frame.length} in the frame`,
		);
		for (const unchanged of names.slice(3))
			assert.ok(!written.includes(unchanged), `${unchanged} was written again`);
	},
);
