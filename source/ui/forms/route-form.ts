// `r`: a route in the selected namespace: `default via GW`, `DST via GW`, `DST dev DEV`.
import {validateGateway, validateRouteDestination} from '../../model/validate.js';
import * as actions from '../../system/actions/index.js';
import type {ActionForm, Answers} from '../modal-state.js';
import {selectCreated} from '../select-created.js';
import type {TuiStore} from '../tui-store.js';
import {labelOf, noNamespace, selected, targetOf, type Unavailable} from './selection.js';

/** The destination as ip -j prints it: a host route without its /32 or /128. */
function shownDestination(text: string): string {
	const destination = validateRouteDestination(text);
	if (!destination.ok || destination.value.kind === 'default') return 'default';
	const {address, prefixlen, family} = destination.value;
	return prefixlen === (family === 'inet' ? 32 : 128) ? address : `${address}/${prefixlen}`;
}

export function routeForm(store: TuiStore): ActionForm | Unavailable {
	const {namespace} = selected(store);
	if (!namespace) return noNamespace;
	const target = targetOf(namespace);
	if (typeof target === 'string') return target;
	const devices = namespace.interfaces.map(link => ({label: `dev ${link.name}`, value: link.name}));
	const familyOf = (answers: Answers) => {
		const destination = validateRouteDestination(answers['destination'] ?? '');
		return destination.ok && destination.value.kind === 'prefix' ? destination.value.family : undefined;
	};
	return {
		title: `New route in ${labelOf(namespace)}`,
		fields: [
			{
				kind: 'text',
				name: 'destination',
				label: 'Destination: "default" or a prefix',
				placeholder: 'default',
				validate: text => {
					const destination = validateRouteDestination(text);
					return destination.ok ? null : destination.reason;
				},
			},
			{
				kind: 'text',
				name: 'gateway',
				label: 'Gateway (via); empty for none',
				placeholder: 'e.g. 192.168.1.254',
				validate: (text, answers) => {
					if (text.trim() === '') return null;
					const gateway = validateGateway(text, familyOf(answers));
					return gateway.ok ? null : gateway.reason;
				},
			},
			{
				kind: 'pick',
				name: 'device',
				label: 'Interface (dev)',
				// Without a gateway the route needs an interface; with one, the kernel can pick it.
				choices: answers => (answers['gateway']?.trim() ? [{label: 'any (the kernel picks it from the gateway)', value: ''}, ...devices] : devices),
			},
		],
		run: answers => actions.addRoute({namespace: target, destination: answers['destination']!, gateway: answers['gateway'], device: answers['device']}),
		select: (answers, store) => selectCreated(store, {namespace: namespace.inode, route: shownDestination(answers['destination']!), focus: 'routes'}),
	};
}
