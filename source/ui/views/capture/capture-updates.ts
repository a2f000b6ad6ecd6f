// What the capture view's keys do: pause, clear, filter the lines, scroll,
// write the pcap (a prompt with a default path in nstui's own directory, a
// confirmation before a file that exists is overwritten), stop and go back.
import {clearLines, setFilter, togglePause, visibleLines} from '../../../model/capture-view.js';
import {defaultPcapPath, validatePcapPath} from '../../../model/capture.js';
import type {LineEdit} from '../../../model/line-edit.js';
import {pathKind, stateDirectory} from '../../../system/safe-file.js';
import {showMessage} from '../../app/state-updates.js';
import type {TuiStore} from '../../app/tui-store.js';
import {openForm} from '../../dialogs/dialog-state.js';
import {closeFullView, updateFullView} from '../full-view-updates.js';
import type {CaptureViewStateFull} from '../full-view-state.js';
import {shownCapture, stopCapture} from './capture-session.js';

export const captureOf = (store: TuiStore): CaptureViewStateFull | null => {
	const view = store.getState().fullView;
	return view?.kind === 'capture' ? view : null;
};

export const pauseCapture = (store: TuiStore) =>
	updateFullView(store, 'capture', view => ({lines: togglePause(view.lines), top: null}));

export const clearCapture = (store: TuiStore) =>
	updateFullView(store, 'capture', view => ({lines: clearLines(view.lines), top: null}));

/** Esc, q: the capture stops (what arrived stays for w) and the view closes. */
export function stopAndClose(store: TuiStore): void {
	stopCapture();
	closeFullView(store);
}

export const startCaptureFilter = (store: TuiStore) =>
	updateFullView(store, 'capture', view => ({
		editingFilter: true,
		filterCursor: 0,
		lines: setFilter(view.lines, ''),
		top: null,
	}));
export const setCaptureFilter = (store: TuiStore, line: LineEdit) =>
	updateFullView(store, 'capture', view => ({
		lines: setFilter(view.lines, line.text),
		filterCursor: line.cursor,
	}));
export const commitCaptureFilter = (store: TuiStore) =>
	updateFullView(store, 'capture', () => ({editingFilter: false}));
export const clearCaptureFilter = (store: TuiStore) =>
	updateFullView(store, 'capture', view => ({
		editingFilter: false,
		lines: setFilter(view.lines, ''),
	}));

/** Scrolls by `to` (a first line), or back to following the newest when it reaches the end. */
export function scrollCapture(store: TuiStore, top: number, height: number): void {
	updateFullView(store, 'capture', view => {
		const last = Math.max(visibleLines(view.lines).length - height, 0);
		return {top: top >= last ? null : Math.max(top, 0)};
	});
}

/** w: asks where (a default path naming the namespace and interface), writes, and says where. */
export function writeCapture(store: TuiStore): void {
	const view = captureOf(store);
	const capture = shownCapture();
	if (!view || !capture) return showMessage(store, {text: 'no capture to write', kind: 'error'});
	// Set by the confirmation: a regular file there, and the operator said y to overwriting it.
	let overwrite = false;
	openForm(store, {
		title: `Write the capture on ${view.interface} as pcap`,
		fields: [
			{
				kind: 'text',
				name: 'path',
				label: 'File',
				initial: defaultPcapPath(stateDirectory(), view.namespaceLabel, view.interface, new Date()),
				validate: text => {
					const valid = validatePcapPath(text);
					return valid.ok ? null : valid.reason;
				},
			},
		],
		confirm: answers => {
			const file = answers['path']!.trim();
			overwrite = pathKind(file) === 'file';
			return overwrite
				? {
						title: `Overwrite ${file}?`,
						lines: [`${file} exists: what is in it now is replaced by this capture.`],
					}
				: null;
		},
		run: async answers => {
			const written = await capture.writePcap(answers['path']!, {overwrite});
			return {ok: written.ok, message: written.message, command: null, commandLine: null};
		},
	});
}
