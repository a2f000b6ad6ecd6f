// What nstui writes to the terminal (issue 24): the byte stream an SSH link
// carries, read with `tmux pipe-pane`, per key and per change shown, and in an
// idle minute; htop's bytes per down arrow in the same run, same window size,
// as the comparison.
//   node --import tsx bench/terminal-bytes.ts   on its own: a lab of 200 namespaces
//   NSTUI_BENCH_IDLE_SECONDS                    the idle window; default 60
import {execFileSync, spawnSync} from 'node:child_process';
import {rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import {pathToFileURL} from 'node:url';
import {BenchLab} from './lab.js';
import {median, printTable, waitForQuietMachine, type Row} from './measure.js';

const columns = 160;
const lines = 50;
const tmux = (...args: string[]) => execFileSync('tmux', args, {encoding: 'utf8'});

/** A program in a tmux window of its own, everything it writes appended to a file. */
class Recorded {
	readonly file: string;
	constructor(
		readonly session: string,
		command: string,
	) {
		this.file = path.join(tmpdir(), `${session}.bytes`);
		rmSync(this.file, {force: true});
		tmux(
			'new-session',
			'-d',
			'-x',
			String(columns),
			'-y',
			String(lines),
			'-s',
			session,
			`env -u CI TERM=xterm-256color ${command}`,
		);
		tmux('pipe-pane', '-o', '-t', session, `cat >> ${this.file}`);
	}

	screen = () => tmux('capture-pane', '-p', '-t', this.session);
	/** The screen with its colours and attributes, as escape sequences: what a whole frame takes. */
	styled = () => tmux('capture-pane', '-p', '-e', '-t', this.session);
	keys = (...keys: string[]) => void tmux('send-keys', '-t', this.session, ...keys);
	type = (text: string) => void tmux('send-keys', '-t', this.session, '-l', text);
	bytes = () => {
		try {
			return statSync(this.file).size;
		} catch {
			return 0;
		}
	};

	async until(check: (text: string) => boolean, what: string, timeoutMs = 20_000) {
		const deadline = performance.now() + timeoutMs;
		for (;;) {
			const text = this.screen();
			if (check(text)) return text;
			if (performance.now() > deadline)
				throw new Error(`${this.session} did not show ${what} in time:\n${text}`);
			await delay(10);
		}
	}

	/** Waits until nothing has been written for quietMs. */
	async quiet(quietMs = 400, timeoutMs = 20_000) {
		const deadline = performance.now() + timeoutMs;
		let size = this.bytes();
		let since = performance.now();
		while (performance.now() - since < quietMs) {
			if (performance.now() > deadline) return;
			await delay(25);
			const now = this.bytes();
			if (now !== size) [size, since] = [now, performance.now()];
		}
	}

	/** The bytes written for `act`, once `shown` holds and the writing has stopped. */
	/** `shown` is also told how many bytes came since `act`. */
	async bytesFor(
		act: () => void,
		shown: (text: string, written: number) => boolean,
		what: string,
		timeoutMs?: number,
	) {
		await this.quiet();
		const before = this.bytes();
		act();
		await this.until(text => shown(text, this.bytes() - before), what, timeoutMs);
		await this.quiet();
		return this.bytes() - before;
	}

	end() {
		try {
			tmux('kill-session', '-t', this.session);
		} catch {}
		rmSync(this.file, {force: true});
	}
}

/** The row the selection marker is on in the Namespaces pane. */
const selectedRow = (text: string) => text.split('\n').findIndex(line => line.startsWith('›'));

const filterKept = (text: string, filter: string) =>
	text.includes(`/${filter}`) && !text.includes(`/${filter}_`);

/** Median bytes of `times` presses of `key`, each waited for until `changed(before, after)`. */
async function perKey(
	program: Recorded,
	times: number,
	act: () => void,
	changed: (before: string, after: string) => boolean,
	what: string,
	undo?: (after: string) => Promise<void>,
) {
	const sizes: number[] = [];
	for (let i = 0; i < times; i++) {
		const before = program.screen();
		sizes.push(await program.bytesFor(act, after => changed(before, after), what));
		await undo?.(program.screen());
	}
	return median(sizes);
}

export async function measureTerminalBytes(lab: BenchLab, idleSeconds: number): Promise<Row[]> {
	await waitForQuietMachine();
	const nstui = new Recorded(`nstui-bench-bytes-${process.pid}`, 'dist/cli.js');
	// htop redraws its meters every 1.5 s: for its key presses it is told to wait 10 s instead.
	const htop = new Recorded(`nstui-bench-htop-${process.pid}`, 'htop -d 100');
	const htopIdling = new Recorded(`nstui-bench-htop-idle-${process.pid}`, 'htop');
	try {
		await nstui.until(
			text => selectedRow(text) > 0 && / namespaces /.test(text),
			'its first frame',
		);
		// Only the lab's namespaces: others may come and go on the machine meanwhile.
		nstui.keys('/');
		nstui.type(lab.prefix);
		nstui.keys('Enter');
		await nstui.until(text => filterKept(text, lab.prefix), 'the filtered list');
		await nstui.quiet(2000);
		const frame = await nstui.bytesFor(
			() => nstui.keys('C-l'),
			(_text, written) => written > 0,
			'the whole frame again (Ctrl-L)',
		);
		const j = await perKey(
			nstui,
			10,
			() => nstui.keys('j'),
			(before, after) => selectedRow(after) !== selectedRow(before),
			'the selection one row down',
		);
		// The focus shows only in colour.
		const tab: number[] = [];
		for (let i = 0; i < 4; i++) {
			const before = nstui.styled();
			tab.push(
				await nstui.bytesFor(
					() => nstui.keys('Tab'),
					() => nstui.styled() !== before,
					'the focus on the next pane',
				),
			);
		}
		nstui.keys('1');
		await nstui.quiet();
		// `/` starts a new filter (the lab's prefix is typed again after).
		const slash = await perKey(
			nstui,
			4,
			() => nstui.keys('/'),
			(_before, after) => /\/_/.test(after),
			'the filter line',
			async () => {
				nstui.type(lab.prefix);
				nstui.keys('Enter');
				await nstui.until(text => filterKept(text, lab.prefix), 'the filter kept');
			},
		);
		const help = await perKey(
			nstui,
			4,
			() => nstui.keys('?'),
			(_before, after) => /closes this help/.test(after),
			'the help',
			async () => {
				nstui.keys('q');
				await nstui.until(text => /1 Namespaces/.test(text), 'the panes again');
			},
		);
		// A change shown: a namespace appears (the list's title counts it) and goes again.
		const changes: number[] = [];
		const counted = (text: string) => Number(/1 Namespaces +\d+\/(\d+)/.exec(text)?.[1]);
		for (let i = 0; i < 4; i++) {
			const name = `${lab.prefix}-new${i}`;
			const before = counted(nstui.screen());
			changes.push(
				await nstui.bytesFor(
					() => execFileSync('ip', ['netns', 'add', name]),
					text => counted(text) > before,
					`${name} appearing`,
					60_000,
				),
			);
			changes.push(
				await nstui.bytesFor(
					() => execFileSync('ip', ['netns', 'del', name]),
					text => counted(text) === before,
					`${name} going`,
					60_000,
				),
			);
		}

		await htop.until(text => /Tasks:/.test(text), 'htop');
		await htop.quiet(300);
		const down = await perKey(
			htop,
			10,
			() => htop.keys('Down'),
			(before, after) => before !== after,
			'htop moving down',
		);

		// Both idle in the same minute. What nstui shows may still change (others' namespaces on a
		// shared machine, a refresh that is slow under load): the screen is read each second to say so.
		await nstui.quiet(2000);
		const nstuiBefore = nstui.bytes();
		const htopBefore = htopIdling.bytes();
		let shown = nstui.styled();
		let changedScreens = 0;
		for (let second = 0; second < idleSeconds; second++) {
			await delay(1000);
			const now = nstui.styled();
			if (now !== shown) changedScreens++;
			shown = now;
		}
		const idle = nstui.bytes() - nstuiBefore;
		const htopIdle = htopIdling.bytes() - htopBefore;
		console.log(
			`(terminal bytes: in the idle window nstui's screen changed in ${changedScreens} of ${idleSeconds} one-second samples)`,
		);

		const htopDown = `htop: ${down} B per down arrow, same run`;
		const row = (what: string, bytes: number, target: number | null, against = htopDown): Row => ({
			what: `terminal bytes, ${what}, ${columns}x${lines}, ${lab.names.length} namespaces`,
			nstui: bytes,
			comparison: null,
			against,
			target,
			unit: 'B',
		});
		return [
			row('one j on the Namespaces pane (median of 10)', j, 1000),
			row('one Tab (median of 4)', median(tab), null),
			row('/ (the filter line opens)', slash, null),
			row('? (the help opens)', help, null),
			row('a change shown (a namespace appears or goes, median of 8)', median(changes), null),
			row('the whole screen drawn again (Ctrl-L), for scale', frame, null),
			row(
				`idle for ${idleSeconds} s, nothing on screen changing`,
				idle,
				0,
				`htop: ${htopIdle} B in the same ${idleSeconds} s`,
			),
		];
	} finally {
		nstui.end();
		htop.end();
		htopIdling.end();
		for (let i = 0; i < 4; i++)
			spawnSync('ip', ['netns', 'del', `${lab.prefix}-new${i}`], {stdio: 'ignore'});
	}
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const lab = new BenchLab(`nstui-bench-${process.pid}`);
	try {
		await lab.up(200, 200);
		printTable(await measureTerminalBytes(lab, Number(process.env.NSTUI_BENCH_IDLE_SECONDS ?? 60)));
	} finally {
		await lab.down();
	}
}
