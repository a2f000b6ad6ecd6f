// Starts the full-screen UI: alternate screen, live updates, and a terminal put
// back as it was on every way out (q, Ctrl-C, SIGTERM, SIGHUP, SIGINT, a crash).
import {shownLines} from '../../model/shown-text.js';
import {render, type Instance} from 'ink';
import os from 'node:os';
import v8 from 'node:v8';
import {deriveView} from '../panes/derive-view.js';
import {App} from './App.js';
import {InputActivity} from './input-activity.js';
import {ExtrasReader} from './extras.js';
import {FrameStream} from './frame-stream.js';
import {createLiveLoad} from './live-load.js';
import {createPoller, type RefreshKind} from './poller.js';
import {takeTerminal} from './terminal-screen.js';
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
	if (!Number.isFinite(options.intervalSeconds) || options.intervalSeconds < 0.1) {
		stderr.write('nstui: --interval takes a number of seconds, at least 0.1\n');
		return 2;
	}
	if (!stdin.isTTY || !stdout.isTTY) {
		stderr.write(
			'nstui: the terminal UI needs a terminal on stdin and stdout; for scripts use `nstui snapshot --json`\n',
		);
		return 2;
	}

	const intervalMs = Math.round(options.intervalSeconds * 1000);
	// V8 doubles its young generation up to 32 MB when much survives a
	// collection, as the first full read of a big host does, and gives it back
	// only when its memory reducer runs, maybe half a minute later: ~40 MB of
	// resident memory for nothing on a host with 1,000 namespaces. Keep it at
	// the size it has after loading. (A flag that V8 reads each time it would
	// grow the space; a command-line flag would also work but makes node compile
	// its built-in modules without their code cache, see cli.tsx.)
	v8.setFlagsFromString('--semi-space-growth-factor=1');
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
	const readOnly = readOnlyReason(options.readOnly);
	const screen = takeTerminal(stdout, stdin);
	let instance: Instance | undefined;

	const shutDown = () => {
		poller.stop();
		try {
			instance?.unmount();
		} catch {
			// Unmounting writes a last frame; with the terminal gone that may fail.
		}
		screen.restore();
	};
	// While a shell has the terminal, Ctrl-C is the shell's (runInteractive ignores it too).
	let shellRunning = false;
	const onSignal = (signal: NodeJS.Signals) => {
		if (signal === 'SIGINT' && shellRunning) return;
		// After SIGHUP the terminal may be gone, and writing to it fails asynchronously.
		stdout.on('error', () => {});
		shutDown();
		process.exit(128 + (os.constants.signals[signal] ?? 0));
	};
	const onCrash = (error: unknown) => {
		shutDown();
		stderr.write(
			`nstui: unexpected error: ${shownLines(error instanceof Error ? (error.stack ?? error.message) : String(error)).join('\n')}\n`,
		);
		process.exit(1);
	};
	for (const signal of exitSignals) process.on(signal, onSignal);
	process.on('uncaughtException', onCrash);
	process.on('unhandledRejection', onCrash);

	// The shell action asks for the terminal: the UI unmounts (ending the loop's
	// wait below), the work runs, and the UI is rendered again from the same store.
	type HandOver = {work: () => Promise<void>; done: () => void};
	let handOver: HandOver | null = null;
	const suspend = (work: () => Promise<void>) =>
		new Promise<void>(done => {
			handOver = {work, done};
			poller.stop();
			// Not from inside the key handler that asked.
			setImmediate(() => instance?.unmount());
		});

	try {
		let frames: FrameStream | undefined;
		const redraw = () => frames?.redraw();
		for (;;) {
			const mounted = (frames = new FrameStream(stdout));
			instance = render(
				<ThemeContext.Provider value={themeFromEnvironment()}>
					<App
						store={store}
						poller={poller}
						hostname={os.hostname()}
						intervalMs={intervalMs}
						readOnly={readOnly}
						suspend={suspend}
						activity={activity}
						redraw={redraw}
					/>
				</ThemeContext.Provider>,
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
				await instance.waitUntilExit();
			} finally {
				mounted.close();
				frames = undefined;
			}
			// Set by suspend() from a callback: TypeScript cannot see it change.
			const lent = handOver as HandOver | null;
			handOver = null;
			if (!lent) return 0;
			// Without the pause Node goes on reading the tty, and the UI hangs once the shell exits.
			await new Promise(resolve => setImmediate(resolve));
			screen.lend();
			stdin.pause();
			shellRunning = true;
			try {
				await lent.work();
			} finally {
				shellRunning = false;
				screen.takeBack();
				lent.done();
			}
		}
	} catch (error) {
		shutDown();
		stderr.write(
			`nstui: ${shownLines(error instanceof Error ? (error.stack ?? error.message) : String(error)).join('\n')}\n`,
		);
		return 1;
	} finally {
		shutDown();
		for (const signal of exitSignals) process.off(signal, onSignal);
		process.off('uncaughtException', onCrash);
		process.off('unhandledRejection', onCrash);
	}
}
