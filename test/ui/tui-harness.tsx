// Renders the TUI with ink-testing-library at a chosen terminal size, from a
// store fed with fixture snapshots, and types keys into it.
import {readFileSync} from 'node:fs';
import {setTimeout as delay} from 'node:timers/promises';
import {render} from 'ink-testing-library';
import type {Snapshot} from '../../source/model/snapshot.js';
import {App, type AppProps} from '../../source/ui/app/App.js';
import type {DetailsReader} from '../../source/ui/views/details/details-reader.js';
import type {Poller} from '../../source/ui/app/poller.js';
import {refreshSucceeded} from '../../source/ui/app/state-updates.js';
import {createTuiStore, type TuiStore} from '../../source/ui/app/tui-store.js';

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
	return JSON.parse(readFileSync(new URL('../fixtures/lab-snapshot.json', import.meta.url), 'utf8')) as Snapshot;
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
	if (options.snapshot) refreshSucceeded(store, {snapshot: options.snapshot, warnings: []}, Date.now());
	const app = render(
		<App store={store} poller={options.poller} hostname="testhost" intervalMs={2000} readOnly={options.readOnly ?? null} reader={options.reader} suspend={options.suspend} activity={options.activity} />,
	);
	await delay(10);
	Object.defineProperty(app.stdout, 'columns', {value: options.columns ?? 120, configurable: true});
	Object.defineProperty(app.stdout, 'rows', {value: options.rows ?? 40, configurable: true});
	app.stdout.emit('resize');
	const frame = () => (app.lastFrame() ?? '').replace(ansi, '');
	// On a busy machine the frame at the new size may come later, and the key handlers that know that size
	// (React effects) after it: keys pressed before would page by the old size.
	for (let waited = 0; waited < 2000 && frame().split('\n').length < (options.rows ?? 40) - 1; waited += 10) await delay(10);
	await delay(50);
	return {
		...app,
		store,
		frame,
		lines: () => frame().split('\n'),
		/** Types each key, letting the UI settle after each. */
		async press(...sequence: string[]) {
			for (const key of sequence) {
				app.stdin.write(key);
				await delay(15);
			}
		},
		async settle(ms = 20) {
			await delay(ms);
		},
		/** Waits until the frame passes `check`, and returns it; fails naming `what` with the last frame. */
		async waitForFrame(what: string, check: (frame: string) => boolean, timeoutMs = 3000): Promise<string> {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const text = frame();
				if (check(text)) return text;
				if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the frame was:\n${text}`);
				await delay(10);
			}
		},
	};
}

/** The namespace the Namespaces pane has selected (its row starts the line with ›). */
export const selectedNamespace = (lines: string[]) => lines.find(line => line.startsWith('›'))?.slice(1).split(/\s+/)[0];

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
