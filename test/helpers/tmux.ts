// A real terminal for end-to-end tests: a tmux session running a shell, driven
// with send-keys and read with capture-pane.
import assert from 'node:assert/strict';
import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import {fileURLToPath} from 'node:url';
import {missingProgramsReason} from './ci-packages.js';
import {needsRoot} from './root.js';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const builtCli = path.join(projectRoot, 'dist/cli.js');
export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

/** Why an end-to-end test cannot run here, or false. */
export const endToEndSkip: string | false =
	needsRoot ||
	(!hasTmux
		? missingProgramsReason(['tmux'])
		: !existsSync(builtCli)
			? 'needs the build: run `npm run build` first (npm test does)'
			: false);

const tmux = (...args: string[]) => execFileSync('tmux', args, {encoding: 'utf8'});

export class TmuxSession {
	constructor(readonly name: string) {}

	/** A bash with no rc files, and a prompt the test can recognise. */
	start({
		width = 120,
		height = 40,
		env = '',
	}: {width?: number; height?: number; env?: string} = {}) {
		tmux(
			'new-session',
			'-d',
			'-x',
			String(width),
			'-y',
			String(height),
			'-s',
			this.name,
			`env CI=true TERM=xterm-256color PS1="e2e$ " ${env} /bin/bash --norc --noprofile`,
		);
	}

	screen = () => tmux('capture-pane', '-p', '-t', this.name);
	press = (...keys: string[]) => void tmux('send-keys', '-t', this.name, ...keys);
	type = (text: string) => void tmux('send-keys', '-t', this.name, '-l', text);
	typeLine = (text: string) => {
		this.type(text);
		this.press('Enter');
	};
	alternateScreenOn = () =>
		tmux('display-message', '-p', '-t', this.name, '#{alternate_on}').trim() === '1';
	resize = (width: number, height: number) =>
		void tmux('resize-window', '-t', this.name, '-x', String(width), '-y', String(height));

	async waitFor(
		what: string,
		check: (text: string) => boolean,
		timeoutMs = 10_000,
	): Promise<string> {
		const deadline = Date.now() + timeoutMs;
		let text = '';
		while (Date.now() < deadline) {
			text = this.screen();
			if (check(text)) return text;
			await delay(100);
		}
		assert.fail(`timed out waiting for ${what}; the screen was:\n${text}`);
	}

	/** The PID of the program the pane's shell is running, found by its command line. */
	childPid(pattern: RegExp): number | null {
		const shell = tmux('display-message', '-p', '-t', this.name, '#{pane_pid}').trim();
		const children = readFileSync(`/proc/${shell}/task/${shell}/children`, 'utf8')
			.trim()
			.split(/\s+/)
			.filter(Boolean);
		return (
			children
				.map(Number)
				.find(child => pattern.test(readFileSync(`/proc/${child}/cmdline`, 'utf8'))) ?? null
		);
	}

	/** The shell's exit status of the last command, printed on request. */
	async lastExitCode(marker: string): Promise<number> {
		this.typeLine(`echo ${marker}=$?`);
		const text = await this.waitFor(`${marker}`, screen =>
			new RegExp(`^${marker}=\\d+$`, 'm').test(screen),
		);
		return Number(new RegExp(`^${marker}=(\\d+)$`, 'm').exec(text)![1]);
	}

	kill = () => void spawnSync('tmux', ['kill-session', '-t', this.name], {stdio: 'ignore'});
}

/** Descendants of `pid` (children, their children, ...), read from /proc. */
export function descendantsOf(pid: number): number[] {
	const found: number[] = [];
	const visit = (parent: number) => {
		let children: string[] = [];
		try {
			children = readFileSync(`/proc/${parent}/task/${parent}/children`, 'utf8')
				.trim()
				.split(/\s+/)
				.filter(Boolean);
		} catch {}
		for (const child of children.map(Number)) {
			found.push(child);
			visit(child);
		}
	};
	visit(pid);
	return found;
}
