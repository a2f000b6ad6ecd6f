// The keys that change the system. Each names the form it opens; the forms
// (fields, checks, what runs) are in dialogs/forms/.
import type {ActionHost} from '../app/action-host.js';
import {shellInSelectedNamespace} from '../app/exec-shell.js';
import {showMessage} from '../app/state-updates.js';
import type {TuiStore} from '../app/tui-store.js';
import {openForm, type ActionForm} from '../dialogs/dialog-state.js';
import {deleteForm} from '../dialogs/forms/delete-forms.js';
import {
	addressForm,
	linkStateForm,
	masterForm,
	moveForm,
	vethForm,
} from '../dialogs/forms/link-forms.js';
import {
	attachNameForm,
	forwardingForm,
	masqueradeForm,
	newBridgeForm,
	newNamespaceForm,
	newVrfForm,
	pingForm,
} from '../dialogs/forms/namespace-forms.js';
import {recipeForm} from '../dialogs/forms/recipe-form.js';
import {routeForm} from '../dialogs/forms/route-form.js';
import {captureForm, termsharkOnSelected} from '../views/capture/capture-form.js';
import {submitForm} from '../dialogs/forms/submit-form.js';
import type {PaneId} from '../panes/registry.js';
import type {KeyContext, KeyEntry, KeyTable} from './key-table.js';

type FormBuilder = (store: TuiStore) => ActionForm | string;

/** Opens the form, runs a form without fields at once, or says why the action does not apply here. */
export function startAction(host: ActionHost, build: FormBuilder): void {
	const form = build(host.store);
	if (typeof form === 'string') showMessage(host.store, {text: form, kind: 'error'});
	else if (form.fields.length === 0) submitForm(host, form, {});
	else openForm(host.store, form);
}

type ActionKey = {
	key: string;
	description: string;
	hint?: string;
	panes?: readonly PaneId[];
	run(context: KeyContext): void;
};

const action = ({key, description, hint, panes, run}: ActionKey): KeyEntry => ({
	keys: [key],
	description,
	changesSystem: true,
	run,
	...(hint ? {hint} : {}),
	...(panes
		? {
				unavailable: ({store}: KeyContext) =>
					panes.includes(store.getState().focus)
						? null
						: `${key} does nothing in this pane (${description})`,
			}
		: {}),
});

const form = (build: FormBuilder) => (context: KeyContext) => startAction(context.host, build);

/** `b`: a new bridge from the Namespaces pane, an interface's master from the Interfaces pane. */
const bridgeOrMaster: FormBuilder = store =>
	store.getState().focus === 'interfaces' ? masterForm(store) : newBridgeForm(store);

export const actionTable: KeyTable = {
	title: 'Actions',
	entries: [
		action({key: 'n', description: 'new namespace', hint: 'new', run: form(newNamespaceForm)}),
		action({
			key: 'd',
			description: 'delete: namespace, interface or address, route (by pane)',
			hint: 'delete',
			panes: ['namespaces', 'interfaces', 'routes'],
			run: form(deleteForm),
		}),
		action({
			key: 's',
			description: 'shell in the namespace (of the process)',
			hint: 'shell',
			run: context => void shellInSelectedNamespace(context.host),
		}),
		action({
			key: 'm',
			description: 'move the interface to another namespace',
			hint: 'move',
			run: form(moveForm),
		}),
		action({key: 'v', description: 'new veth pair', run: form(vethForm)}),
		action({
			key: 'a',
			description: 'add an address to the interface',
			hint: 'addr',
			run: form(addressForm),
		}),
		action({
			key: 'u',
			description: 'interface up / down',
			hint: 'up/down',
			run: form(linkStateForm),
		}),
		action({key: 'r', description: 'add a route', hint: 'add', run: form(routeForm)}),
		action({key: 'f', description: 'IPv4 forwarding on / off', run: form(forwardingForm)}),
		action({key: 'N', description: 'name an unnamed namespace', run: form(attachNameForm)}),
		action({
			key: 'b',
			description: 'new bridge; on an interface: set / clear master',
			panes: ['namespaces', 'interfaces'],
			run: form(bridgeOrMaster),
		}),
		action({key: 'V', description: 'new VRF with a routing table', run: form(newVrfForm)}),
		action({
			key: 'M',
			description: 'masquerade (NAT) rule: add / remove',
			run: form(masqueradeForm),
		}),
		action({key: 'p', description: 'ping from the namespace (popup)', run: form(pingForm)}),
		action({
			key: 'L',
			description: 'recipes: build / tear down a seed topology',
			run: form(recipeForm),
		}),
		// They only listen: allowed in a read-only session (tcpdump itself needs root).
		{
			keys: ['c'],
			description:
				'capture packets on the interface, live (asks for a BPF filter; w writes a pcap)',
			hint: 'capture',
			unavailable: ({store}) =>
				store.getState().focus === 'interfaces'
					? null
					: 'c captures on an interface: select one in the Interfaces pane (2)',
			run: form(captureForm),
		},
		{
			keys: ['W'],
			description: 'termshark on the interface, inside its namespace (where installed)',
			unavailable: ({store}) =>
				store.getState().focus === 'interfaces'
					? null
					: 'W runs termshark on an interface: select one in the Interfaces pane (2)',
			run: context => void termsharkOnSelected(context.host),
		},
	],
};
