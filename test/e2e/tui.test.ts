// The real built nstui in a real terminal (tmux), against namespaces this test
// creates under its own prefix and removes again, also when a check fails.
import assert from 'node:assert/strict';
import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {after, afterEach, before, describe, test} from 'node:test';
import {setTimeout as delay} from 'node:timers/promises';
import {builtCli, endToEndSkip, projectRoot, TmuxSession} from '../helpers/tmux.js';

const root = projectRoot;
const cli = builtCli;
const skip = endToEndSkip;

const prefix = `nstui-e2e-${process.pid}-`;
const nsA = `${prefix}a`;
const nsB = `${prefix}b`;
const nsLate = `${prefix}late`;
const vethA = `e2e${process.pid}a`;
const vethB = `e2e${process.pid}b`;
const session = `nstui-e2e-${process.pid}`;
const sttyBefore = path.join(tmpdir(), `nstui-e2e-${process.pid}-stty-before`);
const sttyAfter = path.join(tmpdir(), `nstui-e2e-${process.pid}-stty-after`);
const logFile = path.join(tmpdir(), `nstui-e2e-${process.pid}-commands.log`);
const nsNew = `${prefix}new`;
const moved = `mv${process.pid}`;
const movedPeer = `pe${process.pid}`;

const ip = (...args: string[]) => execFileSync('ip', args, {stdio: ['ignore', 'ignore', 'pipe']});
const tmux = new TmuxSession(session);
const {screen, press, type, typeLine, alternateScreenOn} = tmux;
const waitFor = (what: string, check: (text: string) => boolean, timeoutMs = 8000) =>
	tmux.waitFor(what, check, timeoutMs);

/** The PID of nstui, the child of the shell in the tmux pane (meow sets the process title, so it reads `nstui`). */
function nstuiPid(): number {
	const pid = tmux.childPid(/nstui|dist\/cli\.js/);
	assert.ok(pid, 'nstui is not running in the pane');
	return pid;
}

function cleanUp() {
	tmux.kill();
	for (const name of existsSync('/run/netns') ? readdirSync('/run/netns') : []) {
		if (name.startsWith(prefix)) spawnSync('ip', ['netns', 'del', name], {stdio: 'ignore'});
	}
	rmSync(sttyBefore, {force: true});
	rmSync(sttyAfter, {force: true});
	rmSync(logFile, {force: true});
}

async function startNstui(...extraArgs: string[]) {
	typeLine([`node ${cli} --interval 1`, ...extraArgs].join(' '));
	await waitFor('the UI', text => /1 Namespaces/.test(text) && / namespaces /.test(text));
	assert.ok(alternateScreenOn(), 'nstui runs in the alternate screen');
	// The first frame is drawn just before ink puts the tty in raw mode: keys sent
	// in between are cooked (Enter becomes a newline) and echoed over the UI.
	await delay(300);
	// Only this test's namespaces: the machine may have many others.
	press('/');
	typeLine(prefix);
}

/** Back in the shell, with the screen it had and the tty settings it had. */
async function assertTerminalRestored(marker: string) {
	await waitFor('the shell after nstui', text => !/1 Namespaces/.test(text));
	assert.equal(alternateScreenOn(), false);
	typeLine(
		`stty -g > ${sttyAfter}; cmp -s ${sttyBefore} ${sttyAfter} && echo ${marker}-OK || echo ${marker}-DIFFERENT`,
	);
	const answer = new RegExp(`^${marker}-(OK|DIFFERENT)$`, 'm');
	const text = await waitFor(`${marker} in the shell`, output => answer.test(output));
	assert.match(text, new RegExp(`^${marker}-OK$`, 'm'));
	// What was on the primary screen before nstui started is still there.
	assert.match(text, /nstui-e2e-shell-ready/);
}

describe('nstui in tmux', {skip}, () => {
	before(() => {
		cleanUp();
		ip('netns', 'add', nsA);
		ip('netns', 'add', nsB);
		ip('link', 'add', vethA, 'netns', nsA, 'type', 'veth', 'peer', 'name', vethB, 'netns', nsB);
		ip('-n', nsA, 'addr', 'add', '10.231.7.1/24', 'dev', vethA);
		ip('-n', nsB, 'addr', 'add', '10.231.7.2/24', 'dev', vethB);
		ip('-n', nsA, 'link', 'set', vethA, 'up');
		ip('-n', nsB, 'link', 'set', vethB, 'up');
		tmux.start({width: 120, height: 40});
		typeLine(`cd ${root}; stty -g > ${sttyBefore}; echo nstui-e2e-shell-ready`);
	});
	after(cleanUp);
	// A failed check must not leave nstui running to eat the next test's keys.
	afterEach(async () => {
		if (!alternateScreenOn()) return;
		press('q');
		await waitFor('nstui to quit', text => !/1 Namespaces/.test(text)).catch(() => {});
	});

	test('shows the namespaces and veth addresses, picks up a namespace added outside, and q restores the terminal', async () => {
		await waitFor('the shell', text => /^nstui-e2e-shell-ready$/m.test(text));
		await startNstui();
		await waitFor(
			'both test namespaces',
			output => output.includes(`›${nsA}`) && output.includes(nsB),
		);
		// A veth reports UP once the kernel has seen both ends up: give it a refresh or two.
		const vethRowA = new RegExp(
			`${vethA}\\s+veth\\s+UP\\s+${vethB}@nstui-e2e\\S*\\s+10\\.231\\.7\\.1/24`,
		);
		await waitFor(`${vethA} with its address and peer`, output => vethRowA.test(output));
		press('j');
		const vethRowB = new RegExp(
			`${vethB}\\s+veth\\s+UP\\s+${vethA}@nstui-e2e\\S*\\s+10\\.231\\.7\\.2/24`,
		);
		await waitFor(
			`${nsB} selected, ${vethB} with its address and peer`,
			output => output.includes(`›${nsB}`) && vethRowB.test(output),
		);

		const added = Date.now();
		ip('netns', 'add', nsLate);
		await waitFor('the namespace added from outside', output => output.includes(nsLate), 5000);
		assert.ok(Date.now() - added < 5000);
		// Still selected by identity: the new row came in above... or below; either way the same namespace.
		assert.match(screen(), new RegExp(`›${nsB}`));

		press('q');
		await assertTerminalRestored('AFTER-Q');
	});

	for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
		test(`${signal} restores the terminal`, async () => {
			await startNstui();
			await waitFor('the test namespaces', output => output.includes(nsA));
			process.kill(nstuiPid(), signal);
			await assertTerminalRestored(`AFTER-${signal}`);
		});
	}
	test('n creates a namespace, m moves an interface into it, s opens a shell inside it and comes back live, d deletes it', async () => {
		ip('-n', nsB, 'link', 'add', moved, 'type', 'veth', 'peer', 'name', movedPeer);
		await startNstui('--log', logFile);
		await waitFor('the test namespaces', output => output.includes(nsA));

		press('n');
		await waitFor('the name prompt', text => text.includes('Name of the new namespace'));
		typeLine(nsNew);
		await waitFor('the new namespace, selected', text => text.includes(`›${nsNew}`));
		assert.ok(readdirSync('/run/netns').includes(nsNew));

		// Select the interface to move: nsB, then its row in the Interfaces pane.
		// Apart: an Escape and a key right after it read as Alt-key.
		press('Escape');
		await delay(300);
		press('/');
		typeLine(nsB);
		await waitFor(`${nsB} selected`, text => text.includes(`›${nsB}`));
		press('2');
		for (let tries = 0; tries < 6 && !screen().includes(`›${moved} `); tries++) {
			press('j');
			await delay(150);
		}
		await waitFor(`${moved} selected`, text => text.includes(`›${moved} `));
		press('m');
		await waitFor('the namespace picker', text => text.includes(`Move ${moved} to namespace`));
		type(nsNew);
		await waitFor(
			'the picker narrowed',
			text => new RegExp(`› ${nsNew}`).test(text) || text.includes(`1 of `),
		);
		press('Enter');
		// A veth asks first: its peer stays behind.
		await waitFor('the confirmation', text => text.includes('y confirms'));
		press('y');
		await waitFor(
			`${moved} in ${nsNew}, selected`,
			text => text.includes(`›${nsNew}`) && text.includes(`›${moved} `),
		);
		assert.equal(spawnSync('ip', ['-n', nsNew, 'link', 'show', moved]).status, 0);

		press('1', 's');
		const inode = statSync(`/run/netns/${nsNew}`).ino;
		await waitFor('the banner', text =>
			text.includes(`nstui: shell in namespace ${nsNew} (net:[${inode}]); exit to return`),
		);
		assert.equal(alternateScreenOn(), false, 'the shell has the normal screen');
		typeLine('readlink /proc/self/ns/net');
		await waitFor('the namespace inside the shell', text =>
			new RegExp(`^net:\\[${inode}\\]$`, 'm').test(text),
		);
		// Ctrl-C stops what runs in the shell, not nstui.
		typeLine('sleep 30');
		await delay(300);
		press('C-c');
		typeLine('echo after-ctrl-c');
		await waitFor('the shell after Ctrl-C', text => /^after-ctrl-c$/m.test(text));
		typeLine('exit');
		await waitFor(
			'the UI back, same selection',
			text => /1 Namespaces/.test(text) && text.includes(`›${nsNew}`),
		);
		assert.ok(alternateScreenOn());
		// Still live: a namespace added outside shows in the list (not by the header's count: other tests' namespaces come and go).
		ip('netns', 'add', `${prefix}after-shell`);
		await waitFor('the refresh after the shell', text => text.includes(`${prefix}aft`));

		press('d');
		await waitFor(
			'the question',
			text => text.includes(`Delete namespace ${nsNew}?`) && text.includes(moved),
		);
		press('y');
		await waitFor('the namespace to go', () => !readdirSync('/run/netns').includes(nsNew));
		// Logged once ip has exited: quit only after the UI has the result.
		await waitFor('the result', text => text.includes(`Namespace ${nsNew} deleted`));
		press('q');
		await assertTerminalRestored('AFTER-ACTIONS');
		const log = readFileSync(logFile, 'utf8');
		assert.match(log, new RegExp(`^ip netns add ${nsNew}$`, 'm'));
		assert.match(log, new RegExp(`^ip -n ${nsB} link set dev ${moved} netns ${nsNew}$`, 'm'));
		assert.match(log, new RegExp(`^ip netns exec ${nsNew} \\S+$`, 'm'));
		assert.match(log, new RegExp(`^ip netns del ${nsNew}$`, 'm'));
	});
});
