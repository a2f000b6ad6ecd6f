// Starts the full-screen UI: alternate screen, live updates, and a terminal put
// back as it was on every way out (q, Ctrl-C, SIGTERM, SIGHUP, SIGINT, a crash).
import {shownLines} from '../../model/shown-text.js';
import {render, type Instance} from 'ink';
import type {ReactNode} from 'react';
import os from 'node:os';
import v8 from 'node:v8';
import {deriveView} from '../panes/derive-view.js';
import {App} from './App.js';
import {InputActivity} from './input-activity.js';
import {ExtrasReader} from './extras.js';
import {FrameStream} from './frame-stream.js';
import {createLiveLoad} from './live-load.js';
import {createPoller, type RefreshKind} from './poller.js';
import {takeTerminal, type TerminalScreen} from './terminal-screen.js';
import {ThemeContext, themeFromEnvironment} from './theme.js';
import {createTimelineRecorder} from './timeline-recorder.js';
import {createTuiStore} from './tui-store.js';
import {findSshSession} from '../../system/ssh-session.js';
import {parentPids} from '../../system/procfs.js';

export type TuiOptions = {
	intervalSeconds: number;
	readOnly: boolean;
};

/** Why the session cannot change anything, or null when it can. */
export function readOnlyReason(
	readOnly: boolean,
	uid: number | undefined = process.getuid?.(),
): string | null {
	if (uid !== undefined && uid !== 0)
		return `not running as root (uid ${uid}), so nstui cannot change namespaces`;
	if (readOnly) return 'started with --read-only';
	return null;
}

const exitSignals = ['SIGTERM', 'SIGHUP', 'SIGINT'] as const;

export async function runTui(options: TuiOptions): Promise<number> {
	const {stdin, stdout, stderr} = process;
	const refusal = whyNotStart(options, stdin, stdout);
	if (refusal) {
		stderr.write(`nstui: ${refusal}\n`);
		return 2;
	}
	const intervalMs = Math.round(options.intervalSeconds * 1000);
	keepYoungGenerationAtLoadSize();
	const {store, poller, activity} = startLiveUpdates(intervalMs);
	const readOnly = readOnlyReason(options.readOnly);
	const screen = takeTerminal(stdout, stdin);
	const mount = new Mount(stdout);
	const shutDown = () => {
		poller.stop();
		mount.unmount();
		screen.restore();
	};
	const hands = new HandOver(poller, mount);
	const releaseExits = onEveryExit(shutDown, () => hands.shellRunning);

	try {
		for (;;) {
			await mount.runUntilUnmounted(redraw => (
				<ThemeContext.Provider value={themeFromEnvironment()}>
					<App
						store={store}
						poller={poller}
						hostname={os.hostname()}
						intervalMs={intervalMs}
						readOnly={readOnly}
						suspend={hands.suspend}
						activity={activity}
						redraw={redraw}
					/>
				</ThemeContext.Provider>
			));
			if (!(await hands.lendIfAsked(screen, stdin))) return 0;
		}
	} catch (error) {
		shutDown();
		stderr.write(`nstui: ${shownError(error)}\n`);
		return 1;
	} finally {
		shutDown();
		releaseExits();
	}
}

function whyNotStart(
	options: TuiOptions,
	stdin: NodeJS.ReadStream,
	stdout: NodeJS.WriteStream,
): string | null {
	if (!Number.isFinite(options.intervalSeconds) || options.intervalSeconds < 0.1)
		return '--interval takes a number of seconds, at least 0.1';
	if (!stdin.isTTY || !stdout.isTTY)
		return 'the terminal UI needs a terminal on stdin and stdout; for scripts use `nstui snapshot --json`';
	return null;
}

// V8 doubles its young generation up to 32 MB when much survives a
// collection, as the first full read of a big host does, and gives it back
// only when its memory reducer runs, maybe half a minute later: ~40 MB of
// resident memory for nothing on a host with 1,000 namespaces. Keep it at
// the size it has after loading. (A flag that V8 reads each time it would
// grow the space; a command-line flag would also work but makes node compile
// its built-in modules without their code cache, see cli.tsx.)
function keepYoungGenerationAtLoadSize() {
	v8.setFlagsFromString('--semi-space-growth-factor=1');
}

/** The store, and the poller that fills it from the live load and then reads the extras of what is on screen. */
function startLiveUpdates(intervalMs: number) {
	const store = createTuiStore();
	// Before any key can change a link: which interfaces carry the operator's SSH session.
	void findSshSession().then(sshSession => store.update({sshSession}));
	const activity = new InputActivity();
	// Events wake the poller that the load belongs to.
	const wake = () => poller.wake();
	const selected = () => deriveView(store.getState()).selectedNamespace?.inode ?? null;
	const live = createLiveLoad(selected, intervalMs, activity, wake);
	// Sockets and rates of what is on screen, after each refresh (once the store has it) and when the selection moves.
	const extras = new ExtrasReader(store);
	extras.follow();
	const record = createTimelineRecorder(store.getState().timeline, seen => parentPids.get(seen));
	const load = async (kind: RefreshKind) => {
		const discovery = await live(kind);
		record(kind, discovery.snapshot);
		setImmediate(() => void extras.read());
		return discovery;
	};
	const poller = createPoller({store, intervalMs, load});
	return {store, poller, activity};
}

/** Signals and crashes put the terminal back before the process ends; returns what takes the handlers off again. */
function onEveryExit(shutDown: () => void, shellRunning: () => boolean): () => void {
	const {stdout, stderr} = process;
	const onSignal = (signal: NodeJS.Signals) => {
		// While a shell has the terminal, Ctrl-C is the shell's (runInteractive ignores it too).
		if (signal === 'SIGINT' && shellRunning()) return;
		// After SIGHUP the terminal may be gone, and writing to it fails asynchronously.
		stdout.on('error', () => {});
		shutDown();
		process.exit(128 + (os.constants.signals[signal] ?? 0));
	};
	const onCrash = (error: unknown) => {
		shutDown();
		stderr.write(`nstui: unexpected error: ${shownError(error)}\n`);
		process.exit(1);
	};
	for (const signal of exitSignals) process.on(signal, onSignal);
	process.on('uncaughtException', onCrash);
	process.on('unhandledRejection', onCrash);
	return () => {
		for (const signal of exitSignals) process.off(signal, onSignal);
		process.off('uncaughtException', onCrash);
		process.off('unhandledRejection', onCrash);
	};
}

/** One rendering of the App at a time, each on its own frame stream. */
class Mount {
	private instance: Instance | undefined;
	private frames: FrameStream | undefined;
	private readonly redraw = () => this.frames?.redraw();

	constructor(private readonly stdout: NodeJS.WriteStream) {}

	async runUntilUnmounted(app: (redraw: () => void) => ReactNode): Promise<void> {
		const mounted = (this.frames = new FrameStream(this.stdout));
		this.instance = render(
			app(this.redraw),
			// Debug mode: each render is one write of the whole frame to `frames`, which writes only the
			// cells that changed (frame-stream.ts); and no frame waits for a throttle.
			{
				stdout: mounted as unknown as NodeJS.WriteStream,
				debug: true,
				patchConsole: false,
				exitOnCtrlC: false,
			},
		);
		try {
			await this.instance.waitUntilExit();
		} finally {
			mounted.close();
			this.frames = undefined;
		}
	}

	unmount() {
		try {
			this.instance?.unmount();
		} catch {
			// Unmounting writes a last frame; with the terminal gone that may fail.
		}
	}
}

type Lent = {work: () => Promise<void>; done: () => void};

/**
 * The shell action asks for the terminal: the UI unmounts (ending the wait in
 * runTui's loop), the work runs, and the UI is rendered again from the same store.
 */
class HandOver {
	shellRunning = false;
	private lent: Lent | null = null;

	constructor(
		private readonly poller: {stop(): void},
		private readonly mount: Mount,
	) {}

	readonly suspend = (work: () => Promise<void>) =>
		new Promise<void>(done => {
			this.lent = {work, done};
			this.poller.stop();
			// Not from inside the key handler that asked.
			setImmediate(() => this.mount.unmount());
		});

	/** Runs the work that asked for the terminal; false when nothing asked (the UI quit). */
	async lendIfAsked(screen: TerminalScreen, stdin: NodeJS.ReadStream): Promise<boolean> {
		const lent = this.lent;
		this.lent = null;
		if (!lent) return false;
		// Without the pause Node goes on reading the tty, and the UI hangs once the shell exits.
		await new Promise(resolve => setImmediate(resolve));
		screen.lend();
		stdin.pause();
		this.shellRunning = true;
		try {
			await lent.work();
		} finally {
			this.shellRunning = false;
			screen.takeBack();
			lent.done();
		}
		return true;
	}
}

function shownError(error: unknown): string {
	return shownLines(error instanceof Error ? (error.stack ?? error.message) : String(error)).join(
		'\n',
	);
}
