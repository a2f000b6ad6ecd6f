// The built nstui in a real terminal (tmux): c on an interface asks for a BPF
// filter, ICMP lines stream while pings run between test namespaces, w writes
// a pcap that tcpdump -r reads back, Esc stops tcpdump; an interface whose
// name holds a terminal escape is captured from without the terminal acting on it.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {setTimeout as delay} from 'node:timers/promises';
import {findProgram} from '../../source/system/programs.js';
import {Lab, ip, sh} from '../helpers/lab.js';
import {processesWhoseCmdline} from '../helpers/processes.js';
import {builtCli, endToEndSkip, TmuxSession} from '../helpers/tmux.js';

const skip =
	endToEndSkip || (findProgram('tcpdump') ? false : 'needs tcpdump (apt-get install tcpdump)');
const lab = new Lab('e2e-capture');
const tmux = new TmuxSession(`nstui-e2e-capture-${process.pid}`);
const hostile = 'c\u001b[2Jx';
const dir = mkdtempSync(path.join(tmpdir(), `${lab.prefix}-`));
let ns2 = '';

before(() => {
	if (skip) return;
	const made = lab.direct();
	ns2 = made.ns2;
	ip('-n', made.ns1, 'link', 'add', 'pl9', 'type', 'veth', 'peer', 'name', hostile, 'netns', ns2);
	ip('-n', made.ns1, 'addr', 'add', '192.168.9.1/24', 'dev', 'pl9');
	ip('-n', ns2, 'addr', 'add', '192.168.9.2/24', 'dev', hostile);
	ip('-n', made.ns1, 'link', 'set', 'pl9', 'up');
	ip('-n', ns2, 'link', 'set', hostile, 'up');
	for (const address of ['192.168.1.2', '192.168.9.2'])
		lab.processes.push(
			spawn('ip', ['netns', 'exec', made.ns1, 'ping', '-q', '-i', '0.02', '-c', '5000', address], {
				stdio: 'ignore',
			}),
		);
});

after(async () => {
	tmux.kill();
	await lab.teardown();
	rmSync(dir, {recursive: true, force: true});
});

/** The Namespaces pane's filter as its title shows it, or null when there is none. */
const namespaceFilter = (screen: string) =>
	/1 Namespaces {2}\S+(?: of \d+)? {2}\/(.*?)\s{2}/.exec(screen)?.[1] ?? null;

/** Selects ns2 in the Namespaces pane, then the interface whose row matches `row` in the Interfaces pane. */
async function selectInterface(row: RegExp) {
	tmux.press('1');
	// A filter from before is cleared first, and only then `/` typed: an Escape
	// with a key right behind it (in one write, or within 25 ms) reads as Alt-key.
	if (namespaceFilter(tmux.screen()) !== null) {
		tmux.press('Escape');
		await tmux.waitFor('the filter cleared', text => namespaceFilter(text) === null);
	}
	tmux.press('/');
	tmux.type(ns2);
	tmux.press('Enter');
	await tmux.waitFor('ns2 alone', text => text.includes('1/1 of') && text.includes('veth1'));
	tmux.press('2', 'g');
	for (let tries = 0; tries < 8 && !row.test(tmux.screen()); tries++) {
		await delay(200);
		if (!row.test(tmux.screen())) tmux.press('j');
	}
	await tmux.waitFor(`the row ${row}`, text => row.test(text));
}

test(
	'c in tmux: a BPF filter first, ICMP lines live, w writes a pcap, Esc stops tcpdump; a hostile interface name too',
	{skip},
	async () => {
		tmux.start({width: 140, height: 40});
		tmux.typeLine(`node ${builtCli} --interval 1`);
		await tmux.waitFor('the UI', text => /1 Namespaces/.test(text));
		await delay(300);
		await selectInterface(/›veth1 /);
		tmux.press('c');
		await tmux.waitFor('the filter prompt', text => text.includes('BPF filter'));
		tmux.type('icmp');
		tmux.press('Enter');
		await tmux.waitFor(
			'ICMP lines',
			text =>
				/Capture on veth1 in /.test(text) &&
				/IP 192\.168\.1\.1 > 192\.168\.1\.2: ICMP echo request/.test(text),
			15_000,
		);
		const file = path.join(dir, 'tmux.pcap');
		tmux.press('w');
		await tmux.waitFor("the path prompt, a default in root's own directory", text =>
			/\.local\/state\/nstui\/nstui-.*veth1-\d{8}-\d{6}\.pcap/.test(text),
		);
		tmux.press('C-u');
		tmux.type(file);
		tmux.press('Enter');
		await tmux.waitFor('where it went', text => text.includes(`packets written to ${file}`));
		assert.ok(
			sh('tcpdump', '-nn', '-r', file)
				.trim()
				.split('\n')
				.every(line => /ICMP echo (request|reply)/.test(line)),
		);
		tmux.press('Escape');
		await tmux.waitFor('the panes again', text => /1 Namespaces/.test(text));
		for (
			let tries = 0;
			tries < 50 && processesWhoseCmdline('tcpdump\0-i\0veth1').length > 0;
			tries++
		)
			await delay(100);
		assert.deepEqual(processesWhoseCmdline('tcpdump\0-i\0veth1'), []);

		// The interface whose name would clear the screen: captured from, its name shown as an escape.
		await selectInterface(/›c\\e\[2Jx /);
		tmux.press('c');
		await tmux.waitFor('the filter prompt', text => text.includes('BPF filter'));
		tmux.press('Enter');
		const capture = await tmux.waitFor(
			'lines on the hostile interface',
			text =>
				/Capture on c\\e\[2Jx in /.test(text) &&
				/192\.168\.9\.1 > 192\.168\.9\.2: ICMP echo request/.test(text),
			15_000,
		);
		assert.match(capture, /nstui ·/, 'the header is there: the screen was not cleared');
		tmux.press('q');
		await tmux.waitFor('the panes again', text => /1 Namespaces/.test(text));
		tmux.press('q');
		await tmux.waitFor('the shell', text => !/1 Namespaces/.test(text));
		for (let tries = 0; tries < 50 && processesWhoseCmdline('tcpdump\0-i\0c').length > 0; tries++)
			await delay(100);
		assert.deepEqual(processesWhoseCmdline(`tcpdump\0-i\0${hostile}`), []);
	},
);
