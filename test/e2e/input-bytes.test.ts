// What a real terminal sends (tmux), read so that it cannot be misread: Esc and
// a letter apart are Esc and the letter, in one write they are Alt-letter; a
// mouse report, a focus event and a bracketed paste in the panes run no key; a
// paste into a prompt lands in it. No Enter or y is ever sent: nothing can run.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {after, test} from 'node:test';
import {setTimeout as delay} from 'node:timers/promises';
import {builtCli, endToEndSkip, TmuxSession} from '../helpers/tmux.js';

const tmux = new TmuxSession(`nstui-e2e-input-${process.pid}`);
after(() => tmux.kill());

/** Bytes in one write to the pane, as a terminal sends one key's sequence. */
const write = (bytes: string) =>
	void execFileSync('tmux', [
		'send-keys',
		'-t',
		tmux.name,
		'-H',
		...Buffer.from(bytes).toString('hex').match(/../g)!,
	]);
/** What tmux pastes, bracketed only because nstui asked for bracketed paste. */
const paste = (text: string) => {
	execFileSync('tmux', ['set-buffer', '-b', tmux.name, text]);
	execFileSync('tmux', ['paste-buffer', '-p', '-d', '-b', tmux.name, '-t', tmux.name]);
};
/** A form or picker open: its title line. */
const anyForm = /Enter runs it|Enter next|Esc cancels/;
const recipes = /Recipe {2}\(1\/3/;

/** `l` opens the log only in the panes: typed into a form or picker that a misread key opened, it would not. */
async function stillInThePanes(what: string) {
	tmux.press('l');
	const screen = await tmux.waitFor(`the command log after ${what}`, text =>
		/Command log/.test(text),
	);
	assert.doesNotMatch(screen, anyForm, what);
	tmux.press('l');
	await tmux.waitFor('the panes again', text => /1 Namespaces/.test(text));
}

test(
	'Esc then L apart is Esc and L; in one write it is Alt-L; mouse, focus and a paste in the panes run nothing; a paste into a prompt lands in it',
	{skip: endToEndSkip},
	async () => {
		tmux.start({width: 120, height: 40});
		tmux.typeLine(`node ${builtCli} --interval 60`);
		await tmux.waitFor('the UI', text => /1 Namespaces/.test(text));
		// Keys sent before nstui reads its terminal would reach it in one read: wait until it answers one.
		await stillInThePanes('the start');
		// The operator's pace: Esc, then L 50 ms later (more than the 25 ms escape time).
		tmux.press('Escape');
		await delay(50);
		tmux.press('L');
		await tmux.waitFor('the recipes', text => recipes.test(text));
		tmux.press('Escape');
		await tmux.waitFor('the recipes closed', text => !recipes.test(text));
		// Esc and L in one write: Alt-L, which is no key of the panes.
		write('\u001BL');
		await stillInThePanes('Esc L in one write');
		// X10 and SGR mouse reports (the X10 one holds an M: masquerade), focus in and out.
		write('\u001B[M MM');
		write('\u001B[<0;77;7M\u001B[<0;77;7m');
		write('\u001B[I\u001B[O');
		await stillInThePanes('mouse reports and focus events');
		paste('nd');
		await tmux.waitFor('the paste refused', text => /paste refused/.test(text));
		await stillInThePanes('a paste of nd');
		// Into a prompt (n: the new namespace's name) the paste is typed in, not run.
		tmux.press('n');
		await tmux.waitFor('the prompt', text => /Name of the new namespace/.test(text));
		paste('nstui-e2e-pasted');
		await tmux.waitFor('the pasted name in the prompt', text => /› nstui-e2e-pasted/.test(text));
		tmux.press('C-u');
		tmux.press('Escape');
		await tmux.waitFor('the prompt closed', text => !/Name of the new namespace/.test(text));
		tmux.press('q');
	},
);
