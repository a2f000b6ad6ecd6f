// The capture view's keys, and those of its line filter while it is typed.
// Esc and q stop the capture and go back; Ctrl-C quits from anywhere.
import type {KeyContext, KeyTable} from '../../keys/key-table.js';
import {lineTable} from '../../keys/line-keys.js';
import {helpKey} from '../../keys/pane-keys.js';
import {movedIndex, scrollTable} from '../../keys/scroll-keys.js';
import {visibleLines} from '../../../model/capture-view.js';
import {
	captureOf,
	clearCapture,
	clearCaptureFilter,
	commitCaptureFilter,
	pauseCapture,
	scrollCapture,
	setCaptureFilter,
	startCaptureFilter,
	stopAndClose,
	writeCapture,
} from './capture-updates.js';

/** Title, column of status, and the key line under the lines. */
export const captureChrome = 2;

function scroll(context: KeyContext, move: Parameters<typeof movedIndex>[1]) {
	const view = captureOf(context.store);
	if (!view) return;
	const height = Math.max(context.layout().bodyHeight - captureChrome, 1);
	const count = visibleLines(view.lines).length;
	const last = Math.max(count - height, 0);
	const top = view.top ?? last;
	// Lines, not rows: a page moves the first line on screen by a screenful.
	scrollCapture(context.store, movedIndex(top, move, last + 1, height), height);
}

export const captureTables: readonly KeyTable[] = [
	{
		title: 'In a capture (c)',
		entries: [
			{
				keys: ['p', ' '],
				description: 'pause / resume the lines (the capture goes on; what comes is held)',
				hint: 'pause',
				run: ({store}) => pauseCapture(store),
			},
			{
				keys: ['x'],
				description: 'clear the lines on screen (the pcap keeps them)',
				hint: 'clear',
				run: ({store}) => clearCapture(store),
			},
			{
				keys: ['/'],
				description: 'filter the lines by a substring',
				hint: 'filter',
				run: ({store}) => startCaptureFilter(store),
			},
			{
				keys: ['w'],
				description: 'write what was captured as a pcap file (asks where)',
				hint: 'write pcap',
				run: ({store}) => writeCapture(store),
			},
			{
				keys: ['escape', 'q'],
				description: 'stop the capture and go back',
				hint: 'stop',
				run: ({store}) => stopAndClose(store),
			},
			helpKey,
		],
	},
	scrollTable(scroll, {what: 'line', title: 'Scrolling (G: follow the newest)'}),
];

export const captureFilterTables: readonly KeyTable[] = [
	{
		title: "The capture's line filter",
		entries: [
			{
				keys: ['return'],
				description: 'keep the filter',
				hint: 'keep',
				run: ({store}) => commitCaptureFilter(store),
			},
			{
				keys: ['escape'],
				description: 'clear the filter',
				hint: 'clear',
				run: ({store}) => clearCaptureFilter(store),
			},
		],
	},
	lineTable({
		get: ({store}) => {
			const view = captureOf(store);
			return view
				? {text: view.lines.filter, cursor: Math.min(view.filterCursor, view.lines.filter.length)}
				: null;
		},
		set: ({store}, line) => setCaptureFilter(store, line),
	}),
];
