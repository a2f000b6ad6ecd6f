// c on an interface: asks for an optional BPF filter (tcpdump checks it on Enter,
// and a filter it refuses stays in the prompt with tcpdump's reason), then opens
// the live capture view. W: termshark there instead.
import {filterFromText, validateCaptureFilter} from '../../../model/capture.js';
import {openTermshark, termsharkMissing} from '../../../system/actions/index.js';
import {checkCaptureFilter} from '../../../system/capture.js';
import type {ActionHost} from '../../app/action-host.js';
import {showMessage} from '../../app/state-updates.js';
import type {TuiStore} from '../../app/tui-store.js';
import type {ActionForm} from '../../dialogs/dialog-state.js';
import {
	labelOf,
	noInterface,
	noNamespace,
	selected,
	targetOf,
	type Unavailable,
} from '../../dialogs/forms/selection.js';
import {startCaptureView} from './capture-session.js';

export function captureForm(store: TuiStore): ActionForm | Unavailable {
	const {namespace, link} = selected(store);
	if (!namespace) return noNamespace;
	if (!link || store.getState().focus !== 'interfaces') return noInterface;
	const way = targetOf(namespace);
	if (typeof way === 'string') return way;
	return {
		title: `Capture on ${link.name} in ${labelOf(namespace)}`,
		fields: [
			{
				kind: 'text',
				name: 'filter',
				label: 'BPF filter (Enter alone: every packet)',
				placeholder: 'e.g. icmp or port 53',
				validate: text => {
					const valid = validateCaptureFilter(filterFromText(text));
					return valid.ok ? null : valid.reason;
				},
				// tcpdump -d compiles it against the interface: a filter it refuses keeps the prompt open.
				check: async text => {
					const checked = await checkCaptureFilter({
						namespace: way.target,
						interface: link.name,
						filter: filterFromText(text),
					});
					return checked.ok ? null : checked.message;
				},
			},
		],
		run: answers =>
			startCaptureView(store, namespace, way.target, link.name, answers['filter'] ?? ''),
	};
}

/** W: termshark on the selected interface, with the terminal, back to the same screen after. */
export async function termsharkOnSelected(host: ActionHost): Promise<void> {
	const {store} = host;
	const {namespace, link} = selected(store);
	if (!namespace) return showMessage(store, {text: noNamespace, kind: 'error'});
	if (!link) return showMessage(store, {text: noInterface, kind: 'error'});
	const missing = termsharkMissing();
	if (missing) return showMessage(store, {text: missing, kind: 'error'});
	const way = targetOf(namespace);
	if (typeof way === 'string') return showMessage(store, {text: way, kind: 'error'});
	if (!host.suspend)
		return showMessage(store, {text: 'no terminal to hand to termshark', kind: 'error'});
	let message = 'termshark did not start';
	let ok = false;
	await host.suspend(async () => {
		const result = await openTermshark({
			namespace: way.target,
			interface: link.name,
			label: labelOf(namespace),
		});
		({message, ok} = result);
	});
	showMessage(store, {text: message, kind: ok ? 'info' : 'error'});
}
