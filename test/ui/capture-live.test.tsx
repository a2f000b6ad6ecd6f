// Issue 16 in the TUI against real namespaces: c on an interface asks for a
// filter and streams tcpdump's lines while pings run, w writes a pcap that
// tcpdump -r reads back, a bad filter is refused with tcpdump's own message;
// the Sockets pane and the rates come from the extras reader (what run-tui runs
// after each refresh).
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {ExtrasReader} from '../../source/ui/app/extras.js';
import {Lab, needsRootAnd, sh} from '../helpers/lab.js';
import {processesWhoseCmdline} from '../helpers/processes.js';
import {renderLive} from './live-harness.js';
import {keys, lineWith, paneRows} from './tui-harness.js';

const port = 18321;

describe(
	'capture, sockets and rates in the TUI',
	{skip: needsRootAnd('tcpdump', 'ping', 'python3')},
	() => {
		const lab = new Lab('uicapture');
		const dir = mkdtempSync(path.join(tmpdir(), `${lab.prefix}-`));
		let ns1: string;
		let ns2: string;
		before(async () => {
			({ns1, ns2} = lab.direct());
			lab.processes.push(
				spawn(
					'ip',
					['netns', 'exec', ns1, 'ping', '-q', '-i', '0.01', '-c', '6000', '192.168.1.2'],
					{stdio: 'ignore'},
				),
			);
			lab.processes.push(
				spawn(
					'ip',
					[
						'netns',
						'exec',
						ns2,
						'python3',
						'-m',
						'http.server',
						'--bind',
						'192.168.1.2',
						String(port),
					],
					{stdio: 'ignore'},
				),
			);
		});
		after(async () => {
			cleanup();
			await lab.teardown();
			rmSync(dir, {recursive: true, force: true});
		});

		test('c: the filter asked first, ICMP lines while pings run, w writes a pcap tcpdump -r reads, Esc stops tcpdump', async () => {
			const tui = await renderLive();
			await tui.selectNamespace(ns2);
			await tui.selectInterface('veth1');
			await tui.press('c');
			await tui.answer('icmp');
			await tui.until('the capture view', () => /Capture on veth1 in /.test(tui.frame()));
			await tui.until('ICMP lines', () =>
				/IP 192\.168\.1\.1 > 192\.168\.1\.2: ICMP echo request/.test(tui.frame()),
			);
			await tui.press('p');
			await tui.until('paused', () => /paused \(\d+ held\)/.test(tui.frame()));
			const file = path.join(dir, 'from-the-tui.pcap');
			await tui.press('w');
			await tui.until("the path prompt with a default in root's own directory, not /tmp", () =>
				/\.local\/state\/nstui\/nstui-.*veth1-\d{8}-\d{6}\.pcap/.test(tui.frame()),
			);
			await tui.press('\u0015'); // Ctrl-U: the default goes
			await tui.answer(file);
			await tui.until('the file written', () => /packets written to/.test(tui.message()));
			// The same file again: asked first, written only after y.
			await tui.until('the capture view again', () => /Capture on veth1/.test(tui.frame()));
			const before = statSync(file).size;
			await tui.press('w');
			await tui.press('\u0015');
			await tui.answer(file);
			await tui.until('asked before overwriting', () => tui.frame().includes(`Overwrite ${file}?`));
			assert.equal(statSync(file).size, before, 'nothing written before y');
			await tui.press('y');
			await tui.until('written again', () => /packets written to/.test(tui.message()));
			const readBack = sh('tcpdump', '-nn', '-r', file).trim().split('\n');
			assert.ok(
				readBack.length > 0 && readBack.every(line => /ICMP echo (request|reply)/.test(line)),
				readBack.slice(0, 3).join('\n'),
			);
			// Back in the capture view after the prompt; Esc stops the capture and goes back to the panes.
			await tui.until('the capture view again', () => /Capture on veth1/.test(tui.frame()));
			await tui.press(keys.escape);
			await tui.until('the panes', () => tui.store.getState().fullView === null);
			await tui.until(
				'tcpdump gone',
				() => processesWhoseCmdline('tcpdump\0-i\0veth1').length === 0,
			);
			assert.ok(tui.frame().includes(' 4 Processes '));
		});

		test("a bad filter is refused with tcpdump's own message, the prompt kept open with the text, and no capture view opens", async () => {
			const tui = await renderLive();
			await tui.selectNamespace(ns2);
			await tui.selectInterface('veth1');
			await tui.press('c');
			await tui.answer('icmp and (((');
			await tui.until('the refusal in the prompt', () => /syntax error/.test(tui.frame()));
			const modal = tui.store.getState().modal;
			assert.equal(modal?.kind === 'form' ? modal.input.text : null, 'icmp and (((');
			assert.match(tui.frame(), /› icmp and \(\(\(/);
			assert.equal(tui.store.getState().fullView, null);
			assert.deepEqual(processesWhoseCmdline('tcpdump\0-i\0veth1'), []);
			// Corrected in place, it runs.
			await tui.press('\u0017', '\u0017');
			await tui.until(
				'the text cut back',
				() =>
					(tui.store.getState().modal as {input?: {text: string}} | null)?.input?.text === 'icmp ',
			);
			await tui.press('\u0008', keys.enter);
			await tui.until('the capture view', () => /Capture on veth1 in /.test(tui.frame()));
			await tui.press(keys.escape);
		});

		test("the Sockets pane shows the listener started in the namespace with its pid; the Interfaces pane its veth's rate", async () => {
			const tui = await renderLive();
			await tui.selectNamespace(ns2);
			await tui.press('5');
			const extras = new ExtrasReader(tui.store);
			await tui.until('the listener', async () => {
				await extras.read();
				return tui.frame().includes(`192.168.1.2:${port}`);
			});
			const server = lab.processes[1]!.pid!; // the http.server started before the tests
			assert.match(
				lineWith(paneRows(tui.lines(), '5 Sockets'), `:${port}`)!,
				new RegExp(`tcp\\s+LISTEN.*192\\.168\\.1\\.2:${port}.*python3 \\(${server}\\)`),
			);
			// Its own pings: the first test's may have run out by now.
			lab.processes.push(
				spawn(
					'ip',
					['netns', 'exec', ns1, 'ping', '-q', '-i', '0.01', '-c', '300', '192.168.1.2'],
					{stdio: 'ignore'},
				),
			);
			await new Promise(resolve => setTimeout(resolve, 500));
			await extras.read();
			// The rate columns come where the peer and an address still fit: here with the pane zoomed.
			await tui.press('2');
			await tui.press('z');
			// Read as the TUI does on each tick: rates where the pane had no room for them drew no frame.
			await tui.until('a rate on veth1', async () => {
				await extras.read();
				return /veth1\s+veth\s+UP\s+\d+\s+\d+(\.\d)? kB\/s\s+\d+(\.\d)? kB\/s/.test(tui.frame());
			});
			assert.ok(existsSync(`/run/netns/${ns2}`));
		});

		test("F :PORT reads every namespace's sockets for the search and finds the listener; Enter selects its process", async () => {
			const tui = await renderLive();
			await tui.press('F');
			await tui.until('find', () => tui.store.getState().fullView?.kind === 'find');
			await tui.press(`:${port}`);
			await tui.until(
				'the socket found',
				() =>
					new RegExp(`socket\\s+${ns2}.*tcp LISTEN 192\\.168\\.1\\.2:${port}`).test(tui.frame()),
				20_000,
			);
			await tui.press(keys.enter);
			await tui.until('the holder selected', () => tui.store.getState().focus === 'processes');
			assert.equal(tui.view().selectedNamespace?.name, ns2);
			assert.equal(
				tui.view().processes.rows[tui.view().processes.selected]?.process.pid,
				lab.processes[1]!.pid,
			);
		});
	},
);
