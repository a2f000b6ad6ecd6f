// `w`: what discovery could not read (processes' namespaces, a namespace, a
// left-over /run/netns entry), listed in a popup. The header counts them; the
// status bar stays free for the last result.
import {wrapText} from '../../../model/text-cells.js';
import {showMessage} from '../../app/state-updates.js';
import type {TuiStore} from '../../app/tui-store.js';

/** Wide enough for an 80-column terminal inside the popup's frame. */
const lineWidth = 74;

export function showWarnings(store: TuiStore): void {
	const {warnings} = store.getState();
	if (warnings.length === 0)
		return showMessage(store, {text: 'no warnings: everything was read', kind: 'info'});
	const lines = warnings.flatMap(warning => wrapText(`• ${warning}`, lineWidth, '  '));
	store.update({
		modal: {
			kind: 'popup',
			title: `Warnings (${warnings.length})`,
			lines,
			running: false,
			top: null,
		},
	});
}
