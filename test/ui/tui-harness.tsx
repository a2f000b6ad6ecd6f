// Renders the TUI with ink-testing-library at a chosen terminal size, from a
// store fed with fixture snapshots, and types keys into it.
import {readFileSync} from 'node:fs';
import {setTimeout as delay} from 'node:timers/promises';
import {render} from 'ink-testing-library';
import type {Snapshot} from '../../source/model/snapshot.js';
import {App, type AppProps} from '../../source/ui/app/App.js';
import {keyInputOf} from '../../source/ui/keys/key-input.js';
import type {DetailsReader} from '../../source/ui/views/details/details-reader.js';
import type {Poller} from '../../source/ui/app/poller.js';
import {refreshSucceeded} from '../../source/ui/app/state-updates.js';
import {createTuiStore, type TuiState, type TuiStore} from '../../source/ui/app/tui-store.js';

export const keys = {
	tab: '\t',
	shiftTab: '\u001B[Z',
	up: '\u001B[A',
	down: '\u001B[B',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	enter: '\r',
	escape: '\u001B',
	backspace: '\u007F',
	ctrlR: '\u0012',
	ctrlC: '\u0003',
	space: ' ',
};

export function labSnapshot(): Snapshot {
	return JSON.parse(
		readFileSync(new URL('../fixtures/lab-snapshot.json', import.meta.url), 'utf8'),
	) as Snapshot;
}

export type TuiHarnessOptions = {
	snapshot?: Snapshot;
	store?: TuiStore;
	poller?: Poller;
	columns?: number;
	rows?: number;
	readOnly?: string | null;
	/** Neighbours and iptables rules for the details and topology views; the system's when left out. */
	reader?: DetailsReader;
	/** Hands the terminal to a shell; the action keys' tests pass a stand-in. */
	suspend?: AppProps['suspend'];
	activity?: AppProps['activity'];
};

const ansi = /\u001B\[[0-9;?]*[A-Za-z]/g;

export async function renderTui(options: TuiHarnessOptions = {}) {
	const store = options.store ?? createTuiStore();
	if (options.snapshot)
		refreshSucceeded(store, {snapshot: options.snapshot, warnings: []}, Date.now());
	const app = render(
		<App
			store={store}
			poller={options.poller}
			hostname="testhost"
			intervalMs={2000}
			readOnly={options.readOnly ?? null}
			reader={options.reader}
			suspend={options.suspend}
			activity={options.activity}
		/>,
	);
	const frame = () => (app.lastFrame() ?? '').replace(ansi, '');
	/** Resolves once `check` holds, polling each 10 ms; fails naming `what` after `timeoutMs`. */
	const until = async (what: string, check: () => boolean, timeoutMs = 3000) => {
		const deadline = Date.now() + timeoutMs;
		while (!check()) {
			if (Date.now() > deadline)
				throw new Error(`timed out waiting for ${what}; the frame was:\n${frame()}`);
			await delay(10);
		}
	};
	/** The state a frame was last drawn for: a key's effect is on screen once the frame after it is. */
	let drawnFor = store.getState();
	const write = app.stdout.write;
	app.stdout.write = (text: string) => {
		drawnFor = store.getState();
		write(text);
	};
	await until('the first frame', () => app.frames.length > 0, 15_000);
	Object.defineProperty(app.stdout, 'columns', {value: options.columns ?? 120, configurable: true});
	Object.defineProperty(app.stdout, 'rows', {value: options.rows ?? 40, configurable: true});
	app.stdout.emit('resize');
	// The keys read the size of the last frame: wait for the frame at the new size.
	await until(
		'the frame at the chosen size',
		() => {
			const lines = frame().split('\n');
			// The frame is a line shorter than the terminal, and the header spans its width.
			return (
				lines.length === (options.rows ?? 40) - 1 &&
				[...lines[0]!].length === (options.columns ?? 120)
			);
			// A frame of a live host with 1,000 namespaces takes a while on a busy machine.
		},
		15_000,
	);
	/** Waits for what the store holds to be on screen (no fixed sleep: the frame is drawn when React commits). */
	const drawn = async () => {
		// A lone Esc is told apart from the start of a sequence once its escape time passed.
		await new Promise(resolve => setImmediate(resolve));
		await until('the keys read', () => keyInputOf(app.stdin)?.waiting() !== true);
		await until('the frame after the key', () => drawnFor === store.getState());
	};
	return {
		...app,
		store,
		frame,
		lines: () => frame().split('\n'),
		/** Types each key (a string of several arrives as one read, as over SSH), and waits until its effect is drawn. */
		async press(...sequence: string[]) {
			for (const key of sequence) {
				app.stdin.write(key);
				await drawn();
			}
		},
		/** Waits until what the store holds is drawn (after a change that did not come from a key). */
		settle: drawn,
		/** Waits until the store passes `check` (work that ends later: a read) and that is drawn. */
		async settledWhen(what: string, check: (state: TuiState) => boolean) {
			await until(what, () => check(store.getState()) && drawnFor === store.getState());
		},
		/** Waits until the details view has read what it shows, and that is drawn. */
		async detailsRead() {
			await until('the details read', () => {
				const view = store.getState().fullView;
				return view?.kind === 'details' && view.status === 'read' && drawnFor === store.getState();
			});
		},
		/** Waits until the topology view has read the NAT rules of every namespace with a bridge, and that is drawn. */
		async natRead() {
			await until('the NAT rules read', () => {
				const view = store.getState().fullView;
				return (
					view?.kind === 'topology' &&
					view.nat !== null &&
					![...view.nat.values()].some(note => note.state === 'reading') &&
					drawnFor === store.getState()
				);
			});
		},
		/** Waits until the frame passes `check`, and returns it; fails naming `what` with the last frame. */
		async waitForFrame(
			what: string,
			check: (frame: string) => boolean,
			timeoutMs = 3000,
		): Promise<string> {
			await until(what, () => check(frame()), timeoutMs);
			return frame();
		},
	};
}

/** The namespace the Namespaces pane has selected (its row starts the line with ›). */
export const selectedNamespace = (lines: string[]) =>
	lines
		.find(line => line.startsWith('›'))
		?.slice(1)
		.split(/\s+/)[0];

/** The line of the frame that contains `text`, or undefined. */
export function lineWith(lines: string[], text: string): string | undefined {
	return lines.find(line => line.includes(text));
}

/**
 * The row lines of the pane whose title starts with `title` (e.g. `1 Namespaces`),
 * from its column on: the lines under its title and column header, up to the
 * next row of panes or the status bar. Panes are sized by what they hold, so
 * tests find them by title, never by line number.
 */
export function paneRows(lines: string[], title: string): string[] {
	const top = lines.findIndex(line => line.includes(` ${title} `));
	if (top === -1) return [];
	const column = lines[top]!.indexOf(` ${title} `);
	const rows: string[] = [];
	for (let index = top + 2; index < lines.length - 2; index++) {
		const text = lines[index]!.slice(column);
		if (/^ \d [A-Z]/.test(text) || /^[╭╰│]/.test(text)) break;
		rows.push(text);
	}
	return rows;
}
