// Friction #1: actions on the namespace nstui itself runs in (the host's, for a
// user) work like any other's. Run for real, nstui runs inside a test namespace
// (ip netns exec), so "its own namespace" is one this test made and removes:
// nothing here changes the host's network. Ping goes only between the test's
// own two namespaces.
import assert from 'node:assert/strict';
import {needsPrograms} from '../helpers/ci-packages.js';
import {statSync} from 'node:fs';
import {after, before, describe, test} from 'node:test';
import {setTimeout as delay} from 'node:timers/promises';
import {builtCli, endToEndSkip, TmuxSession} from '../helpers/tmux.js';
import {ip, ipJson, Lab, sh} from '../helpers/lab.js';

/** Polls a real effect (checked with ip or sysctl) until it holds. */
async function until(what: string, check: () => boolean, timeoutMs = 10_000) {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
		await delay(100);
	}
}

const skip = endToEndSkip || needsPrograms('ping', 'sysctl');

describe('actions on the namespace nstui runs in', {skip}, () => {
	const lab = new Lab('own');
	const term = new TmuxSession(`nstui-own-${process.pid}`);
	const tag = String(process.pid % 100000);
	const here = `${lab.prefix}-run`;
	const linkHere = `oh${tag}`;
	let inode = 0;

	before(() => {
		lab.ns('run');
		const peer = lab.ns('peer');
		ip(
			'-n',
			here,
			'link',
			'add',
			linkHere,
			'type',
			'veth',
			'peer',
			'name',
			`op${tag}`,
			'netns',
			peer,
		);
		ip('-n', here, 'addr', 'add', '10.88.0.1/24', 'dev', linkHere);
		ip('-n', peer, 'addr', 'add', '10.88.0.2/24', 'dev', `op${tag}`);
		ip('-n', here, 'link', 'set', linkHere, 'up');
		ip('-n', peer, 'link', 'set', `op${tag}`, 'up');
		inode = statSync(`/run/netns/${here}`).ino;
		term.start({width: 160, height: 45});
		term.typeLine(`ip netns exec ${here} ${process.execPath} ${builtCli} --interval 1`);
	});
	after(async () => {
		term.kill();
		await lab.teardown();
	});

	// No Esc before other keys: arriving together they would read as Alt-key. `/` starts a new filter anyway.
	const selectHere = async () => {
		term.press('1', '/');
		term.type(here);
		term.press('Enter');
		await term.waitFor('its namespace selected', text => text.includes(`›${here}`));
	};
	/** In the shell nstui opened: which namespace it is in, then back to nstui. */
	const shellIsHere = async () => {
		await term.waitFor('the shell', text => !/1 Namespaces/.test(text));
		term.typeLine('readlink /proc/self/ns/net');
		await term.waitFor('the shell to be in the namespace', text => text.includes(`net:[${inode}]`));
		term.typeLine('exit');
		await term.waitFor('nstui again', text => /1 Namespaces/.test(text));
	};

	test('f turns forwarding on there, instead of a status bar that says only "current"', async () => {
		await term.waitFor('the panes', text => /1 Namespaces/.test(text) && text.includes(here));
		await selectHere();
		term.press('f');
		// Where PID 1's namespace cannot be read (ip netns exec in some sandboxes) nstui takes its own
		// namespace for the host's, and then asks before it turns forwarding on there.
		const forwardingOn = () =>
			sh('ip', 'netns', 'exec', here, 'sysctl', '-n', 'net.ipv4.ip_forward').trim() === '1';
		const screen = await term.waitFor(
			'the question or forwarding on',
			text => text.includes('y confirms') || forwardingOn(),
		);
		if (screen.includes('y confirms')) term.press('y');
		await until(
			'forwarding on in it',
			() => sh('ip', 'netns', 'exec', here, 'sysctl', '-n', 'net.ipv4.ip_forward').trim() === '1',
		);
	});

	test('2, then a adds an address to one of its interfaces, and p pings from it', async () => {
		await selectHere();
		term.press('2', '/');
		term.type(linkHere);
		term.press('Enter');
		await term.waitFor('the interface selected', text => text.includes(`›${linkHere}`));
		term.press('a');
		await term.waitFor('the address prompt', text => /Address with prefix length/.test(text));
		term.typeLine('10.89.0.1/24');
		await until('the address', () =>
			ipJson<{addr_info: {local: string}[]}[]>(
				'-n',
				here,
				'addr',
				'show',
				'dev',
				linkHere,
			)[0]!.addr_info.some(info => info.local === '10.89.0.1'),
		);
		term.press('p');
		await term.waitFor('the ping prompt', text => /Address to ping/.test(text));
		term.typeLine('10.88.0.2');
		await term.waitFor(
			'ping to end',
			text => /3 packets transmitted, 3 received/.test(text) && /Esc, Enter or q closes/.test(text),
			20_000,
		);
		term.press('Escape');
		await term.waitFor('the popup to close', text => !/Esc, Enter or q closes/.test(text));
	});

	test('s opens a shell inside it, from the Namespaces pane and from one of its processes', async () => {
		await selectHere();
		term.press('s');
		await shellIsHere();
		await selectHere();
		term.press('4');
		await term.waitFor('its processes', text => /4 Processes\s+1\//.test(text));
		term.press('s');
		await shellIsHere();
	});

	test('deleting the host namespace stays refused', async () => {
		// An empty filter shows every namespace again; g goes to the first, the host's.
		term.press('1', '/', 'Enter', 'g', 'd');
		await term.waitFor('the refusal', text => /the host's namespace cannot be deleted/.test(text));
		term.press('q');
		await term.waitFor('the shell', text => !/1 Namespaces/.test(text));
	});
});
