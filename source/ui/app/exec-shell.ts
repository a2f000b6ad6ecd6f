// `s`: a shell inside the selected namespace (or the selected process's). The
// UI lets go of the terminal, the shell has it until it exits, and the UI comes
// back from the same store: selection, filters and live updates as they were.
import {openShell, type ActionResult} from '../../system/actions/index.js';
import type {ActionHost} from './action-host.js';
import {labelOf, noNamespace, selected, targetOf} from '../dialogs/forms/selection.js';
import {showMessage} from './state-updates.js';

export async function shellInSelectedNamespace(host: ActionHost): Promise<void> {
	const {store} = host;
	const chosen = selected(store);
	const namespace =
		store.getState().focus === 'processes' ? chosen.processNamespace : chosen.namespace;
	if (!namespace) return showMessage(store, {text: noNamespace, kind: 'error'});
	const way = targetOf(namespace);
	if (typeof way === 'string') return showMessage(store, {text: way, kind: 'error'});
	const {target} = way;
	if (!host.suspend)
		return showMessage(store, {text: 'no terminal to hand to a shell', kind: 'error'});
	let result: ActionResult | null = null;
	await host.suspend(async () => {
		result = await openShell({
			namespace: target,
			label: labelOf(namespace),
			inode: namespace.inode,
		});
	});
	const outcome = result as ActionResult | null;
	showMessage(
		store,
		outcome
			? {text: outcome.message, kind: outcome.ok ? 'info' : 'error'}
			: {text: 'the shell did not start', kind: 'error'},
	);
	await host.refreshAfterChange();
}
