// The keys that change the system (and the command log), as key-map entries.
// Each names the form it opens; the forms (fields, checks, what runs) are in forms/.
import type {Key} from 'ink';
import type {ActionHost} from '../app/action-host.js';
import {shellInSelectedNamespace} from '../app/exec-shell.js';
import {deleteForm} from '../dialogs/forms/delete-forms.js';
import {addressForm, linkStateForm, masterForm, moveForm, vethForm} from '../dialogs/forms/link-forms.js';
import {attachNameForm, forwardingForm, masqueradeForm, newBridgeForm, newNamespaceForm, newVrfForm, pingForm} from '../dialogs/forms/namespace-forms.js';
import {recipeForm} from '../dialogs/forms/recipe-form.js';
import {routeForm} from '../dialogs/forms/route-form.js';
import type {KeyBinding, KeyContext} from './pane-keys.js';
import {openForm, type ActionForm} from '../dialogs/dialog-state.js';
import {submitForm} from '../dialogs/forms/submit-form.js';
import {showMessage} from '../app/state-updates.js';
import type {PaneId, TuiStore} from '../app/tui-store.js';

const plainKey = (char: string) => (input: string, key: Key) => input === char && !key.ctrl && !key.meta;

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
	panes?: readonly PaneId[];
	hint?: Partial<Record<PaneId, string>>;
	run(context: KeyContext): void;
};

const action = ({key, description, panes, hint, run}: ActionKey): KeyBinding => ({
	keys: key,
	description,
	group: 'Actions',
	changesSystem: true,
	matches: plainKey(key),
	run,
	...(panes ? {panes} : {}),
	...(hint ? {hint} : {}),
});

const form = (build: FormBuilder) => (context: KeyContext) => startAction(context.host, build);

/** `b`: a new bridge from the Namespaces pane, an interface's master from the Interfaces pane. */
const bridgeOrMaster: FormBuilder = store => (store.getState().focus === 'interfaces' ? masterForm(store) : newBridgeForm(store));

export const actionBindings: readonly KeyBinding[] = [
	action({key: 'n', description: 'new namespace', hint: {namespaces: 'n new'}, run: form(newNamespaceForm)}),
	action({
		key: 'd',
		description: 'delete: namespace, interface or address, route (by pane)',
		panes: ['namespaces', 'interfaces', 'routes'],
		hint: {namespaces: 'd delete', interfaces: 'd delete', routes: 'd delete'},
		run: form(deleteForm),
	}),
	action({key: 's', description: 'shell in the namespace (of the process)', hint: {namespaces: 's shell', processes: 's shell'}, run: context => void shellInSelectedNamespace(context.host)}),
	action({key: 'm', description: 'move the interface to another namespace', hint: {interfaces: 'm move'}, run: form(moveForm)}),
	action({key: 'v', description: 'new veth pair', run: form(vethForm)}),
	action({key: 'a', description: 'add an address to the interface', hint: {interfaces: 'a addr'}, run: form(addressForm)}),
	action({key: 'u', description: 'interface up / down', hint: {interfaces: 'u up/down'}, run: form(linkStateForm)}),
	action({key: 'r', description: 'add a route', hint: {routes: 'r add'}, run: form(routeForm)}),
	action({key: 'f', description: 'IPv4 forwarding on / off', run: form(forwardingForm)}),
	action({key: 'N', description: 'name an unnamed namespace', run: form(attachNameForm)}),
	action({key: 'b', description: 'new bridge; on an interface: set / clear master', panes: ['namespaces', 'interfaces'], run: form(bridgeOrMaster)}),
	action({key: 'V', description: 'new VRF with a routing table', run: form(newVrfForm)}),
	action({key: 'M', description: 'masquerade (NAT) rule: add / remove', run: form(masqueradeForm)}),
	action({key: 'p', description: 'ping from the namespace (popup)', run: form(pingForm)}),
	action({key: 'L', description: 'recipes: build / tear down a seed topology', run: form(recipeForm)}),
	{
		keys: 'l',
		description: 'command log: what nstui ran',
		group: 'View',
		hint: 'l log',
		matches: plainKey('l'),
		run: ({store}) => store.update({overlay: {kind: 'log'}}),
	},
];
