// The built nstui in a real terminal (tmux), on namespaces, interfaces and a
// process whose names ask the terminal for colours, a cleared screen and a new
// window title: the terminal must do none of it, and the rows stay aligned.
import assert from 'node:assert/strict';
import {execFileSync, spawn, type ChildProcess} from 'node:child_process';
import {existsSync} from 'node:fs';
import {after, before, test} from 'node:test';
import {setTimeout as delay} from 'node:timers/promises';
import {builtCli, endToEndSkip, TmuxSession} from '../helpers/tmux.js';
import {uniquePrefix} from '../helpers/lab.js';

const prefix = uniquePrefix('e2e-hostile');
const plain = `${prefix}-x`;
const newline = `${prefix}-nl\nsecond`;
const clear = 'e\u001b[2Jx';
const title = 'q\u001b]0;OWNED\u0007';
const red = 'RED\u001b[31mred';
const tmux = new TmuxSession(`nstui-e2e-hostile-${process.pid}`);
let sleeper: ChildProcess | undefined;

const ip = (...args: string[]) => execFileSync('ip', args, {stdio: ['ignore', 'ignore', 'pipe']});
const paneTitle = () =>
	execFileSync('tmux', ['display-message', '-p', '-t', tmux.name, '#{pane_title}'], {
		encoding: 'utf8',
	}).trim();
const coloured = () =>
	execFileSync('tmux', ['capture-pane', '-e', '-p', '-t', tmux.name], {encoding: 'utf8'});

before(() => {
	if (endToEndSkip) return;
	ip('netns', 'add', plain);
	ip('netns', 'add', newline);
	ip('-n', plain, 'link', 'add', clear, 'type', 'veth', 'peer', 'name', title, 'netns', newline);
	ip('-n', plain, 'link', 'add', red, 'type', 'veth', 'peer', 'name', 'plain0');
	sleeper = spawn(
		'ip',
		[
			'netns',
			'exec',
			plain,
			'bash',
			'-c',
			'exec -a "$1" sleep 600',
			'bash',
			`evil\u001b[31mRED\u001b[0m\u001b]2;OWNED\u001b\\`,
		],
		{stdio: 'ignore'},
	);
});

after(() => {
	tmux.kill();
	sleeper?.kill('SIGKILL');
	for (const name of [plain, newline])
		if (existsSync(`/run/netns/${name}`)) ip('netns', 'del', name);
});

test(
	'hostile names in tmux: no colour, clear or title reaches the terminal; escapes shown and marked; rows aligned',
	{skip: endToEndSkip},
	async () => {
		tmux.start({width: 160, height: 40});
		execFileSync('tmux', ['select-pane', '-t', tmux.name, '-T', 'before-nstui']);
		tmux.typeLine(`node ${builtCli} --interval 1`);
		await tmux.waitFor('the UI', text => /1 Namespaces/.test(text));
		await delay(300);
		tmux.press('/');
		tmux.type(prefix);
		tmux.press('Enter');
		await tmux.waitFor(
			'both namespaces, read',
			text => text.includes('1/2 of') && /-x +\d+ +1 +4 -/.test(text),
		);
		tmux.press('j');
		const panes = await tmux.waitFor(
			'the interfaces of the second namespace',
			text => text.includes('e\\e[2Jx') && text.includes('RED\\e[31mred'),
		);
		tmux.press('g', '4', '*');
		const all = await tmux.waitFor('the process', text =>
			/evil\\e\[31mRED\\e\[0m\\e\]2;OWNED\\e\\/.test(text),
		);

		for (const screen of [panes, all]) {
			const lines = screen.split('\n');
			assert.ok(lines.length <= 41);
			// Each namespace row's inode sits under INODE, and the right-hand pane's title where it always is.
			const header = lines.find(line => line.includes(' INODE '))!;
			for (const row of lines.filter(line => /^[ ›]nstui-e2e-hostile/.test(line))) {
				assert.equal(
					row.search(/ 40\d{8} /) + 1,
					header.indexOf('INODE'),
					`a row moved:\n${screen}`,
				);
			}
			assert.equal(
				lines.find(line => line.includes('1 Namespaces'))!.indexOf('2 Interfaces'),
				header.indexOf('NAME', 2),
				`the panes moved:\n${screen}`,
			);
		}
		assert.match(tmux.screen(), /nstui ·/, 'the header is there: the screen was not cleared');
		assert.equal(paneTitle(), 'before-nstui', 'the window title is unchanged');
		const raw = coloured();
		assert.doesNotMatch(
			raw,
			/\u001b\[(?:[0-9;]*;)?31m[^\u001b]*RED\\e/,
			'the name did not paint itself red',
		);
		// The escapes are marked: a background or inverse just before "\e".
		assert.match(raw, /\u001b\[[0-9;]*(?:45|7)[0-9;]*m\\e/);

		tmux.press('q');
		await tmux.waitFor('the shell', text => !/1 Namespaces/.test(text));
	},
);
