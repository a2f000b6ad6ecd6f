// nstui in a real terminal while things go wrong: ip hangs, fails, prints
// partial JSON or is missing; namespaces churn; signals and odd terminal sizes;
// no root; no terminal. The UI must stay responsive, recover, leave no child
// processes behind, and give the terminal back.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {
	chmodSync,
	existsSync,
	mkdtempSync,
	readdirSync,
	renameSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {after, describe, test} from 'node:test';
import {setTimeout as delay} from 'node:timers/promises';
import {builtCli, descendantsOf, endToEndSkip, TmuxSession} from '../helpers/tmux.js';
import {cmdlineOf, processesWhoseCmdline} from '../helpers/processes.js';
import {ip, uniquePrefix} from '../helpers/lab.js';

const skip = endToEndSkip;

const which = (program: string) =>
	spawnSync('sh', ['-c', `command -v ${program}`], {encoding: 'utf8'}).stdout.trim();
/** What is running below nstui other than its kept helpers (the namespace readers and the watcher). */
const leftoverChildren = (pid: number) =>
	descendantsOf(pid).filter(
		child => !/^nstui (namespace reader|namespace watcher|nsid reader)/.test(cmdlineOf(child)),
	);

/** The leftovers once a refresh running now has had up to 2 s to end. */
async function settledLeftovers(pid: number): Promise<number[]> {
	let children = leftoverChildren(pid);
	for (let i = 0; i < 40 && children.length > 0; i++) {
		await delay(50);
		children = leftoverChildren(pid);
	}
	return children;
}

describe('a misbehaving ip (stand-in first on PATH)', {skip}, () => {
	const work = mkdtempSync(path.join(tmpdir(), 'nstui-faults-'));
	const bin = path.join(work, 'bin');
	const modeFile = path.join(work, 'mode');
	const name = uniquePrefix('fault');
	const term = new TmuxSession(`nstui-faults-${process.pid}`);
	const setMode = (mode: string) => writeFileSync(modeFile, mode);
	// Other runs of this test on the machine hang their own stand-ins: ours sleep for a time of their own.
	const hangSeconds = String(601 + (process.pid % 1000));

	after(() => {
		term.kill();
		spawnSync('ip', ['netns', 'del', name], {stdio: 'ignore'});
		rmSync(work, {recursive: true, force: true});
	});

	test(
		'stays responsive while ip hangs, shows failures, and recovers each time',
		{timeout: 120_000},
		async () => {
			ip('netns', 'add', name);
			spawnSync('mkdir', [bin]);
			// The stand-in reads what to do from a file, so one nstui run sees every fault in turn.
			writeFileSync(
				path.join(bin, 'ip'),
				`#!/bin/sh
case "$(/bin/cat ${modeFile})" in
hang) exec ${which('sleep')} ${hangSeconds} ;;
partial) printf '['; echo 'RTNETLINK answers: Operation not permitted' >&2; exit 2 ;;
*) exec ${which('ip')} "$@" ;;
esac
`,
			);
			chmodSync(path.join(bin, 'ip'), 0o755);
			for (const tool of ['nsenter', 'xargs']) symlinkSync(which(tool), path.join(bin, tool));
			setMode('hang');

			term.start({env: `PATH=${bin}`});
			term.typeLine(`${process.execPath} ${builtCli} --interval 1`);
			await term.waitFor('the UI while ip hangs', screen => /refresh slow/.test(screen));
			const pid = term.childPid(/nstui|cli\.js/);
			assert.ok(pid, 'nstui runs');

			term.press('?');
			await term.waitFor(
				'the help overlay, drawn while a refresh hangs',
				screen => /quit/i.test(screen) && /help/i.test(screen),
			);
			term.press('?');

			setMode('real');
			await term.waitFor(
				'data once ip answers again',
				screen => screen.includes(name) && !/refresh slow/.test(screen),
				20_000,
			);
			assert.deepEqual(
				processesWhoseCmdline(new RegExp(`^\\S*sleep\u0000${hangSeconds}\u0000`)),
				[],
				'the hung stand-ins were killed',
			);

			setMode('partial');
			await term.waitFor(
				'the failure note',
				screen => /Operation not permitted/.test(screen),
				15_000,
			);
			setMode('real');
			await term.waitFor(
				'recovery from partial JSON',
				screen => !/Operation not permitted/.test(screen) && screen.includes(name),
				15_000,
			);

			renameSync(path.join(bin, 'ip'), path.join(bin, 'ip.away'));
			await term.waitFor('the missing-ip note', screen => /iproute2/.test(screen), 15_000);
			renameSync(path.join(bin, 'ip.away'), path.join(bin, 'ip'));
			await term.waitFor(
				'recovery once ip is back',
				screen => !/iproute2/.test(screen) && screen.includes(name),
				15_000,
			);

			// Between refreshes nstui has no children left over (but its kept readers, which need perl: not on this PATH).
			const children = await settledLeftovers(pid);
			assert.deepEqual(children, [], 'no child processes are left');

			term.press('q');
			await term.waitFor('the shell', screen => !/1 Namespaces/.test(screen));
			assert.equal(await term.lastExitCode('EXIT'), 0);
			assert.equal(term.alternateScreenOn(), false);
		},
	);
});

describe('namespaces created and deleted fast by someone else', {skip}, () => {
	const term = new TmuxSession(`nstui-churn-${process.pid}`);
	const prefix = uniquePrefix('churn');
	after(() => {
		term.kill();
		for (const entry of readdirSync('/run/netns'))
			if (entry.startsWith(prefix)) spawnSync('ip', ['netns', 'del', entry], {stdio: 'ignore'});
	});

	test(
		'50 namespaces a second for 30 s: no crash, no stuck refresh, no leftover children',
		{timeout: 120_000},
		async () => {
			term.start();
			term.typeLine(`node ${builtCli} --interval 0.5`);
			await term.waitFor('the UI', screen => /1 Namespaces/.test(screen));
			const pid = term.childPid(/nstui|cli\.js/)!;

			// Each tick adds 5 and deletes the 5 from the tick before: 50 created and 50 deleted a second.
			const started = Date.now();
			let tick = 0;
			while (Date.now() - started < 30_000) {
				const batch = Array.from({length: 5}, (_, i) => `netns add ${prefix}-${tick}-${i}`);
				const previous =
					tick > 0 ? Array.from({length: 5}, (_, i) => `netns del ${prefix}-${tick - 1}-${i}`) : [];
				spawnSync('ip', ['-force', '-b', '-'], {
					input: [...batch, ...previous].join('\n') + '\n',
					stdio: ['pipe', 'ignore', 'ignore'],
				});
				tick++;
				await delay(Math.max(0, started + tick * 100 - Date.now()));
			}
			spawnSync('ip', ['-force', '-b', '-'], {
				input:
					Array.from({length: 5}, (_, i) => `netns del ${prefix}-${tick - 1}-${i}`).join('\n') +
					'\n',
			});

			assert.ok(existsSync(`/proc/${pid}`), 'nstui is still running');
			// Settled: a refresh after the churn shows none of the churned namespaces and is not stuck.
			await term.waitFor(
				'a settled screen',
				screen => !screen.includes(prefix) && !/refresh slow|loading/i.test(screen),
				15_000,
			);
			const children = await settledLeftovers(pid);
			assert.deepEqual(children, [], 'nothing but the kept namespace readers and watcher, idle');
			term.press('q');
			await term.waitFor('the shell', screen => !/1 Namespaces/.test(screen));
			assert.equal(await term.lastExitCode('EXIT'), 0);
		},
	);
});

describe('terminal faults', {skip}, () => {
	const term = new TmuxSession(`nstui-term-${process.pid}`);
	after(() => term.kill());

	test('a resize to 20x5 and back keeps it running and drawing', async () => {
		term.start();
		term.typeLine(`node ${builtCli} --interval 1`);
		await term.waitFor('the UI', screen => /1 Namespaces/.test(screen));
		term.resize(20, 5);
		await delay(500);
		term.resize(120, 40);
		await term.waitFor(
			'the panes again at 120x40',
			screen => /1 Namespaces/.test(screen) && /4 Processes/.test(screen),
		);
	});

	test('SIGINT restores the terminal and exits 130', async () => {
		const pid = term.childPid(/nstui|cli\.js/)!;
		process.kill(pid, 'SIGINT');
		await term.waitFor('the shell', screen => !/1 Namespaces/.test(screen));
		assert.equal(term.alternateScreenOn(), false);
		assert.equal(await term.lastExitCode('EXIT'), 130);
		term.typeLine('stty -a | grep -o -- "-\\?echo " | head -1');
		await term.waitFor('echo is on', screen => /^echo\s*$/m.test(screen));
	});
	test('an exception thrown inside a render restores the terminal and exits 1 with the error', async () => {
		// Injected from outside, with no hook in nstui: after the first frames the
		// header's clock starts to throw, so the next refresh's render fails.
		const hook = path.join(mkdtempSync(path.join(tmpdir(), 'nstui-crash-')), 'crash.mjs');
		writeFileSync(
			hook,
			"setTimeout(() => { Date.prototype.toTimeString = () => { throw new Error('injected render fault'); }; }, 1500).unref();\n",
		);
		term.typeLine(`node --import ${hook} ${builtCli} --interval 0.5`);
		await term.waitFor('the UI', screen => /1 Namespaces/.test(screen));
		const text = await term.waitFor(
			'the shell after the crash',
			screen => !/1 Namespaces/.test(screen) && /injected render fault/.test(screen),
		);
		assert.equal(term.alternateScreenOn(), false);
		assert.equal(await term.lastExitCode('CRASH'), 1);
		assert.doesNotMatch(text, /\u001b\[/);
		rmSync(path.dirname(hook), {recursive: true, force: true});
	});
});

describe('without root or without a terminal', () => {
	const term = new TmuxSession(`nstui-nobody-${process.pid}`);
	after(() => term.kill());
	const canRunAsNobody =
		skip ||
		(spawnSync('runuser', ['-u', 'nobody', '--', 'true']).status === 0
			? false
			: 'needs runuser and the user nobody');

	test(
		'as nobody: read-only with a banner, shows what it can, and refuses actions',
		{skip: canRunAsNobody},
		async () => {
			term.start();
			term.typeLine(`runuser -u nobody -- ${process.execPath} ${builtCli} --interval 1`);
			await term.waitFor(
				'the read-only banner and the host namespace',
				text => /not running as root/.test(text) && /<host>/.test(text),
			);
			term.press('n');
			await term.waitFor('the refusal', text =>
				/read-only|not available|unavailable|cannot/i.test(text),
			);
			term.press('q');
			await term.waitFor('the shell', text => !/1 Namespaces/.test(text));
		},
	);

	test(
		'as nobody: the namespace nstui runs in is read without entering it: its interfaces and routes, not "!" (#2)',
		{skip: canRunAsNobody},
		async t => {
			const host = JSON.parse(
				spawnSync('ip', ['-j', 'link', 'show'], {encoding: 'utf8'}).stdout,
			) as {ifname: string}[];
			const term = new TmuxSession(`nstui-nobody-read-${process.pid}`);
			t.after(() => term.kill());
			term.start({width: 160, height: 40});
			term.typeLine(`runuser -u nobody -- ${process.execPath} ${builtCli} --interval 1`);
			const screen = await term.waitFor(
				'the host namespace read, with its interfaces',
				text => /›<host>\s+\d+\s+\d+\s+[1-9]\d* /.test(text) && /›lo\s+loopback/.test(text),
			);
			assert.doesNotMatch(screen, /!<host>/, 'the host is not marked unreadable');
			assert.match(
				screen,
				new RegExp(`›<host>\\s+\\d+\\s+\\d+\\s+${host.length} `),
				'as many interfaces as ip -j link shows',
			);
			const routes = JSON.parse(
				spawnSync('ip', ['-j', 'route', 'show'], {encoding: 'utf8'}).stdout,
			) as unknown[];
			if (routes.length > 0) assert.doesNotMatch(screen, /no routes/, 'its routes are shown');
			term.press('q');
			await term.waitFor('the shell', text => !/1 Namespaces/.test(text));
		},
	);

	test(
		'with no terminal: one line pointing to nstui snapshot, exit 2',
		{skip: existsSync(builtCli) ? false : 'needs the build'},
		() => {
			const result = spawnSync(process.execPath, [builtCli], {
				stdio: ['ignore', 'pipe', 'pipe'],
				encoding: 'utf8',
			});
			assert.equal(result.status, 2);
			assert.equal(result.stdout, '');
			assert.equal(result.stderr.trim().split('\n').length, 1);
			assert.match(result.stderr, /nstui snapshot/);
		},
	);
});
