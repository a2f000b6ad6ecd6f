// Issue 25: prompts edit like a shell (every readline key, Tab takes the
// suggestion, ↑ recalls), Esc steps back in a form, pickers move with ↑↓ and
// Ctrl-N/P while letters narrow them, and what the terminal sends is never
// misread: mouse reports, focus events and pastes run no key, Esc and a letter
// are Alt only when they come at once, a key for a screen that is gone is dropped.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {dialogHeight} from '../../source/ui/dialogs/DialogHost.js';
import {openForm, type ActionForm, type FormModal} from '../../source/ui/dialogs/dialog-state.js';
import {keys, labSnapshot, renderTui} from './tui-harness.js';

afterEach(() => cleanup());

const ctrl = (letter: string) => String.fromCharCode(letter.charCodeAt(0) - 96);
const alt = (letter: string) => `\u001B${letter}`;
const home = '\u001B[H';
const end = '\u001B[F';
const del = '\u001B[3~';
const ctrlLeft = '\u001B[1;5D';
const ctrlRight = '\u001B[1;5C';
const paste = (text: string) => `\u001B[200~${text}\u001B[201~`;

type Tui = Awaited<ReturnType<typeof renderTui>>;
const form = (tui: Tui) => {
	const modal = tui.store.getState().modal;
	return modal?.kind === 'form' ? modal : null;
};
/** The prompt's text with the cursor as `|`. */
const line = (tui: Tui) => {
	const input = form(tui)?.input;
	return input ? `${input.text.slice(0, input.cursor)}|${input.text.slice(input.cursor)}` : null;
};

async function withNamespace(name: string) {
	const tui = await renderTui({snapshot: labSnapshot(), suspend: null});
	await tui.press('/', name, keys.enter);
	await tui.waitForFrame('the namespace selected', frame => frame.includes(`›${name}`));
	return tui;
}

test('every readline key edits a prompt: Home/End, Delete, Ctrl-A/E/B/F/D/H/U/K/W/Y, Alt-B/F/D, Ctrl-←/→', async () => {
	const tui = await renderTui({snapshot: labSnapshot()});
	await tui.press('n');
	await tui.waitForFrame('the prompt', frame => frame.includes('Name of the new namespace'));
	await tui.press('web one-two');
	const steps: Array<[string, string]> = [
		[home, '|web one-two'],
		[end, 'web one-two|'],
		[ctrl('a'), '|web one-two'],
		[del, '|eb one-two'],
		[ctrl('d'), '|b one-two'],
		[ctrl('e'), 'b one-two|'],
		[ctrl('b'), 'b one-tw|o'],
		[ctrl('h'), 'b one-t|o'],
		[keys.backspace, 'b one-|o'],
		[ctrl('f'), 'b one-o|'],
		[alt('b'), 'b one-|o'],
		[alt('b'), 'b |one-o'],
		[ctrlLeft, '|b one-o'],
		[alt('f'), 'b| one-o'],
		[ctrlRight, 'b one|-o'],
		[alt('d'), 'b one|'],
		[ctrl('y'), 'b one-o|'],
		[ctrl('w'), 'b |'],
		[ctrl('y'), 'b one-o|'],
		[ctrl('a'), '|b one-o'],
		[ctrl('k'), '|'],
		[ctrl('y'), 'b one-o|'],
		[alt('\u007F'), 'b one-|'],
		[ctrl('u'), '|'],
	];
	for (const [key, expected] of steps) {
		await tui.press(key);
		assert.equal(line(tui), expected, `after ${JSON.stringify(key)}`);
	}
	await tui.press('lab-new');
	await tui.waitForFrame('the text on screen', frame => frame.includes('› lab-new'));
});

test("Tab or → at the end takes the gateway r proposes; a prefix typed is completed; ping's suggestion too", async () => {
	const tui = await withNamespace('nsx-ns1');
	await tui.press('r');
	await tui.waitForFrame(
		'the suggestion, dim',
		frame => frame.includes('default via 192.168.1.2') && frame.includes('Tab takes it'),
	);
	await tui.press(keys.tab);
	assert.equal(line(tui), 'default via 192.168.1.2|');
	await tui.press(ctrl('u'), 'def');
	await tui.waitForFrame('the rest of it after the text and the cursor', frame =>
		/› def.ault via 192\.168\.1\.2/.test(frame),
	);
	await tui.press('\u001B[C');
	assert.equal(line(tui), 'default via 192.168.1.2|');
	// Not at the end, → only moves.
	await tui.press(ctrl('u'), 'def', ctrl('a'), '\u001B[C');
	assert.equal(line(tui), 'd|ef');
	await tui.press(keys.escape, 'p');
	await tui.waitForFrame('the ping prompt', frame => frame.includes('Address to ping'));
	await tui.press(keys.tab);
	assert.equal(line(tui), '192.168.1.2|', "the other end of nsx-ns1's veth");
});

test('Esc steps back one step in the 4-step v form, with the answer given there; Esc on the first closes it', async () => {
	const tui = await withNamespace('nsx-ns1');
	await tui.press('v');
	await tui.waitForFrame('step 1', frame => frame.includes('(1/4;'));
	await tui.press(keys.enter, 'vA', keys.enter);
	await tui.waitForFrame('step 3', frame => frame.includes('(3/4;'));
	await tui.press(keys.down, keys.enter);
	await tui.waitForFrame('step 4', frame => frame.includes('(4/4;') && frame.includes('Esc back'));
	const nsB = form(tui)!.answers['nsB'];
	await tui.press('vB', keys.escape);
	await tui.waitForFrame('step 3 again', frame => frame.includes('(3/4;'));
	assert.equal(form(tui)!.highlighted, 1, 'the choice made there is highlighted');
	assert.equal(form(tui)!.answers['nsB'], undefined);
	await tui.press(keys.enter);
	assert.equal(form(tui)!.answers['nsB'], nsB);
	await tui.press(keys.escape, keys.escape);
	await tui.waitForFrame('step 2 again', frame => frame.includes('(2/4;'));
	assert.equal(line(tui), 'vA|', 'the name typed there');
	await tui.press(keys.escape);
	await tui.waitForFrame(
		'step 1 again',
		frame => frame.includes('(1/4;') && frame.includes('Esc cancels'),
	);
	await tui.press(keys.escape);
	assert.equal(tui.store.getState().modal, null);
	assert.match(tui.frame(), /New veth pair: cancelled, nothing ran/);
});

test('↑ recalls earlier entries of the same prompt, ↓ comes back to what was typed', async () => {
	const tui = await withNamespace('nsx-ns1');
	for (const name of ['vA', 'vB']) {
		await tui.press('v', keys.enter, name, keys.enter);
		await tui.waitForFrame('step 3', frame => frame.includes('(3/4;'));
		await tui.press(keys.escape, keys.escape, keys.escape);
		assert.equal(tui.store.getState().modal, null);
	}
	await tui.press('v', keys.enter, 'x');
	await tui.press(keys.up);
	assert.equal(line(tui), 'vB|');
	await tui.press(ctrl('p'));
	assert.equal(line(tui), 'vA|');
	await tui.press(keys.up);
	assert.equal(line(tui), 'vA|', 'no older entry');
	await tui.press(keys.down, ctrl('n'));
	assert.equal(line(tui), 'x|');
	// Another prompt has its own history.
	await tui.press(keys.escape, keys.escape, 'n', keys.up);
	assert.equal(line(tui), '|');
});

test('pickers: ↑↓ and Ctrl-N/P move, j and k narrow, the box shrinks to what is left', async () => {
	const tui = await withNamespace('nsx-ns1');
	await tui.press('v');
	await tui.waitForFrame('the picker', frame => frame.includes('Namespace of end A'));
	const highlighted = () => form(tui)!.highlighted;
	await tui.press(ctrl('n'), ctrl('n'));
	assert.equal(highlighted(), 2);
	await tui.press(ctrl('p'), keys.up);
	assert.equal(highlighted(), 0);
	const tall = dialogHeight(form(tui)!, 120);
	await tui.press('nsx-r');
	await tui.waitForFrame('one left', frame => frame.includes('1 of '));
	const short = dialogHeight(form(tui)!, 120);
	assert.ok(short < tall, `${short} < ${tall}`);
	const box = tui.lines().filter(row => /^[╭│╰]/.test(row));
	assert.equal(box.length, short, 'drawn as tall as it needs');
	await tui.press(ctrl('u'), 'j');
	assert.equal(form(tui)!.input.text, 'j', 'j is typed, not a move');
	await tui.press(ctrl('u'), 'k');
	assert.equal(form(tui)!.input.text, 'k');
});

test('mouse reports and focus events in the panes run nothing; a paste there is refused, not typed', async () => {
	const tui = await renderTui({snapshot: labSnapshot()});
	const before = tui.store.getState();
	// X10 (its M once opened the masquerade form), SGR, urxvt, focus in and out.
	await tui.press(
		'\u001B[M MM',
		'\u001B[<0;77;7M\u001B[<0;77;7m',
		'\u001B[32;5;9M',
		'\u001B[I',
		'\u001B[O',
	);
	const after = tui.store.getState();
	assert.equal(after.modal, null);
	assert.equal(after.selection, before.selection);
	assert.equal(after.focus, before.focus);
	await tui.press(paste('nd'));
	assert.equal(tui.store.getState().modal, null, 'n did not open the new namespace form');
	assert.match(tui.frame(), /paste refused/);
});

test('a paste goes into the prompt being edited, line breaks as spaces, never as Enter', async () => {
	const tui = await renderTui({snapshot: labSnapshot()});
	await tui.press('n');
	await tui.waitForFrame('the prompt', frame => frame.includes('Name of the new namespace'));
	await tui.press('x', paste('lab-p\r'), 'y');
	assert.equal(line(tui), 'xlab-py|');
	assert.equal(form(tui)?.step, 0, 'the form is still asking');
	await tui.press('/');
	await tui.press(ctrl('u'), paste('ns1\nns2'));
	assert.equal(line(tui), 'ns1 ns2|');
});

test('Esc then L read apart is Esc and L (the recipes open); in one read it is Alt-L, which does nothing', async () => {
	const tui = await renderTui({snapshot: labSnapshot()});
	await tui.press('/', 'nsx', keys.enter);
	await tui.press(keys.escape, 'L');
	await tui.waitForFrame('the recipe form', frame => frame.includes('Recipe  (1/'));
	assert.equal(tui.store.getState().filters.namespaces, '', 'Esc cleared the filter');
	await tui.press(keys.escape);
	assert.equal(tui.store.getState().modal, null);
	await tui.press('\u001BL');
	assert.equal(tui.store.getState().modal, null);
});

test('a key typed for a form that closed before it was read is dropped, and the status bar says so', async () => {
	const tui = await renderTui({snapshot: labSnapshot()});
	await tui.press('n');
	await tui.waitForFrame('the prompt', frame => frame.includes('Name of the new namespace'));
	// The form goes away by itself, and a key comes before that is drawn.
	tui.store.update({modal: null});
	tui.stdin.write('d');
	await tui.settle();
	assert.equal(tui.store.getState().modal, null, 'd did not ask to delete anything');
	assert.match(tui.frame(), /dropped d: typed for the form "New namespace", which closed/);
	// Once the panes are on screen, keys act again.
	await tui.press('j');
	await tui.waitForFrame('the next namespace selected', frame => frame.includes('›nsx-a'));
});

function checkedForm(check: () => Promise<string | null>): ActionForm {
	return {
		title: 'Checked',
		fields: [
			{
				kind: 'text',
				name: 'value',
				label: 'A value checked by the system',
				validate: () => null,
				check,
			},
		],
		run: () => Promise.resolve({ok: true, message: 'ran', command: null, commandLine: null}),
	};
}

test('keys typed while a check runs wait for it: kept for the prompt it leaves open, dropped when the form closed', async () => {
	const tui = await renderTui({snapshot: labSnapshot()});
	let answer: (problem: string | null) => void = () => {};
	const check = () => new Promise<string | null>(resolve => (answer = resolve));
	openForm(tui.store, checkedForm(check));
	await tui.settle();
	await tui.press('bad', keys.enter);
	await tui.waitForFrame('checking', frame => frame.includes('checking…'));
	tui.stdin.write('x');
	assert.equal(form(tui)!.input.text, 'bad', 'the key waits');
	answer('the system says no');
	// The refusal keeps the prompt open, so the waiting x lands in it (and, being an edit, clears the reason).
	await tui.settledWhen('the key typed in', () => form(tui)?.input.text === 'badx');
	assert.equal(tui.store.getState().modal?.kind, 'form', 'the refused form stays open');
	await tui.press(keys.enter);
	tui.stdin.write('d');
	answer(null);
	await tui.settledWhen(
		'the form run',
		() =>
			tui.store.getState().message?.text === 'ran' ||
			/dropped/.test(tui.store.getState().message?.text ?? ''),
	);
	await tui.settle();
	assert.equal(tui.store.getState().modal, null, 'd did not ask to delete anything');
	assert.match(tui.frame(), /dropped d/);
});

test('an action the system refuses leaves its prompt open with the text and the reason', async () => {
	const tui = await renderTui({snapshot: labSnapshot()});
	openForm(tui.store, {
		title: 'Refused',
		fields: [
			{kind: 'text', name: 'value', label: 'A value the system refuses', validate: () => null},
		],
		run: () =>
			Promise.resolve({
				ok: false,
				message: 'Error: that exists already',
				command: null,
				commandLine: null,
			}),
	} satisfies ActionForm);
	await tui.settle();
	await tui.press('10.9.9.9/24', keys.enter);
	await tui.settledWhen(
		'the prompt again',
		state => (state.modal as FormModal | null)?.problem !== null && state.modal !== null,
	);
	assert.equal(line(tui), '10.9.9.9/24|');
	await tui.waitForFrame('the reason under it', frame =>
		frame.includes('Error: that exists already'),
	);
});
