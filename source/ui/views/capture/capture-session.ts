// The one live capture the TUI runs (c on an interface): started from the
// filter prompt, its lines gathered and put into the store ten times a second
// at most (not a redraw per packet), stopped by Esc/q, and ended when nstui
// exits (tcpdump runs in a process group of its own and would outlive it).
import {addLines, initialCaptureView} from '../../../model/capture-view.js';
import {filterFromText} from '../../../model/capture.js';
import type {NamespaceTarget} from '../../../model/namespace-target.js';
import type {Namespace} from '../../../model/snapshot.js';
import {namespaceLabel} from '../../../model/snapshot.js';
import type {ActionResult} from '../../../system/actions/index.js';
import {Capture} from '../../../system/capture.js';
import type {TuiStore} from '../../app/tui-store.js';
import {updateFullView} from '../full-view-updates.js';

/** The capture the view shows, running or ended (its pcap is what `w` writes). */
let current: Capture | null = null;
let exitHooked = false;

const flushEveryMs = 100;

export const shownCapture = () => current;

/** Checks the filter (tcpdump -d) and starts the capture; the view opens only when it started. */
export async function startCaptureView(
	store: TuiStore,
	ns: Namespace,
	target: NamespaceTarget,
	device: string,
	filterText: string,
): Promise<ActionResult> {
	stopCapture();
	const filter = filterFromText(filterText);
	let pending: string[] = [];
	let timer: NodeJS.Timeout | null = null;
	const flush = () => {
		timer = null;
		const lines = pending;
		pending = [];
		updateFullView(store, 'capture', view => ({lines: addLines(view.lines, lines)}));
	};
	const started = await Capture.start(
		{namespace: target, interface: device, filter},
		{
			onLine: line => {
				pending.push(line);
				timer ??= setTimeout(flush, flushEveryMs);
			},
			onEnd: end => {
				if (timer) clearTimeout(timer);
				flush();
				updateFullView(store, 'capture', () => ({running: false, end: end.message}));
			},
		},
	);
	if (!(started instanceof Capture))
		return {ok: false, message: started.message, command: null, commandLine: null};
	current = started;
	if (!exitHooked) {
		exitHooked = true;
		process.once('exit', () => current?.kill());
	}
	store.update({
		fullView: {
			kind: 'capture',
			namespace: ns.inode,
			namespaceLabel: namespaceLabel(ns),
			interface: device,
			bpf: filter.join(' '),
			lines: initialCaptureView(),
			running: true,
			end: null,
			top: null,
			editingFilter: false,
			filterCursor: 0,
		},
	});
	return {
		ok: true,
		message: `capturing on ${device} in ${namespaceLabel(ns)}${filter.length ? ` (${filter.join(' ')})` : ''}: p pause, / filter, w write pcap, Esc stop`,
		command: started.command,
		commandLine: null,
	};
}

/** Stops the running capture, if any; what it captured stays for `w`. */
export function stopCapture(): void {
	current?.stop();
}
