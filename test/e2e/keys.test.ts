// Keys in a real terminal (tmux), as they come over SSH or from a key held
// down: several in one write. Each acts once, and every line typed edits the
// way readline does (#13 friction 3). Read-only: it only reads four namespaces
// of its own, for find to have results.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {Lab} from '../helpers/lab.js';
import {builtCli, endToEndSkip, TmuxSession} from '../helpers/tmux.js';

const tmux = new TmuxSession(`nstui-e2e-keys-${process.pid}`);
const lab = new Lab('e2e-keys');

before(() => {
	if (endToEndSkip) return;
	for (let count = 0; count < 4; count++) lab.ns();
});

after(async () => {
	tmux.kill();
	await lab.teardown();
});

/** The Namespaces pane's filter as its title shows it while it is typed (the cursor is `_`). */
const filterShown = (screen: string) =>
	/1 Namespaces {2}\S+(?: of \d+)? {2}\/(.*?)\s{2}/.exec(screen)?.[1] ?? null;

test(
	'Backspaces sent together each delete one character; Ctrl-W, Ctrl-A, Ctrl-E, Alt-Backspace and Ctrl-U edit the filter',
	{skip: endToEndSkip},
	async () => {
		tmux.start({width: 120, height: 40});
		tmux.typeLine(`node ${builtCli} --read-only --interval 60`);
		await tmux.waitFor('the UI', text => /1 Namespaces/.test(text));
		tmux.press('/');
		tmux.type('zz-ab cdefg');
		await tmux.waitFor('the filter typed', text => filterShown(text) === 'zz-ab cdefg_');
		// One send-keys: the three arrive in one write.
		tmux.press('BSpace', 'BSpace', 'BSpace');
		const screen = await tmux.waitFor(
			'three characters deleted',
			text => filterShown(text) === 'zz-ab cd_',
		);
		assert.doesNotMatch(screen, /\^\?|\u007F/, 'no Backspace typed in as a character');
		tmux.press('C-w');
		await tmux.waitFor('the word cut', text => filterShown(text) === 'zz-ab _');
		tmux.press('C-a');
		tmux.type('x');
		await tmux.waitFor(
			'x typed at the start',
			text => filterShown(text)?.startsWith('x_zz-ab') === true,
		);
		tmux.press('C-e', 'M-BSpace');
		await tmux.waitFor('Alt-Backspace cut the word ab', text => filterShown(text) === 'xzz-_');
		tmux.press('C-u');
		await tmux.waitFor('Ctrl-U emptied it', text => filterShown(text) === '_');
		tmux.press('Escape');
		// Closed before the next test types: an Escape with a key right behind it reads as Alt-key.
		await tmux.waitFor('the filter closed', text => filterShown(text) === null);
	},
);

test('Down Down sent together in find moves two results', {skip: endToEndSkip}, async () => {
	tmux.press('F');
	await tmux.waitFor('find', text => /Find anything/.test(text));
	tmux.type(lab.prefix);
	await tmux.waitFor('the results', text => / Find anything {2}1\/\d+/.test(text));
	tmux.press('Down', 'Down');
	await tmux.waitFor('the third result chosen', text => / Find anything {2}3\/\d+/.test(text));
	tmux.press('Escape');
	await tmux.waitFor('the panes', text => /1 Namespaces/.test(text));
	tmux.press('q');
	assert.equal(await tmux.lastExitCode('KEYS'), 0);
});
