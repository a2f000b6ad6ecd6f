// `d`: delete what the focused pane has selected (a namespace, an interface or
// one of its addresses, a route), always after a confirmation naming what goes with it.
import {
	describeAddressDeletion,
	describeInterfaceDeletion,
	describeNamespaceDeletion,
} from '../../../model/consequences.js';
import {formatRoute} from '../../../model/format-snapshot.js';
import * as actions from '../../../system/actions/index.js';
import {actionForm, type ActionForm} from '../dialog-state.js';
import type {TuiStore} from '../../app/tui-store.js';
import {cutOffLines, withDanger} from './cut-off.js';
import {pickField} from './fields.js';
import {
	labelOf,
	noInterface,
	noNamespace,
	selected,
	targetOf,
	type Unavailable,
} from './selection.js';

export function deleteForm(store: TuiStore): ActionForm | Unavailable {
	const focus = store.getState().focus;
	if (focus === 'namespaces') return deleteNamespaceForm(store);
	if (focus === 'interfaces') return deleteInterfaceForm(store);
	if (focus === 'routes') return deleteRouteForm(store);
	return "d deletes in the Namespaces, Interfaces and Routes panes; a process is not nstui's to end";
}

function deleteNamespaceForm(store: TuiStore): ActionForm | Unavailable {
	const {namespace, namespaces} = selected(store);
	if (!namespace) return noNamespace;
	if (namespace.root) return "the host's namespace cannot be deleted";
	const name = namespace.name;
	if (name === null)
		return `${labelOf(namespace)} has no name for ip netns del; it goes when its last process ends`;
	return actionForm({
		title: `Delete namespace ${name}`,
		fields: [],
		confirm: () => describeNamespaceDeletion(namespace, namespaces),
		run: () => actions.deleteNamespace({name}),
	});
}

/** An interface with addresses asks first which to delete: the interface, or one of its addresses. */
function deleteInterfaceForm(store: TuiStore): ActionForm | Unavailable {
	const {namespace, link, namespaces} = selected(store);
	if (!namespace) return noNamespace;
	if (!link) return noInterface;
	const way = targetOf(namespace);
	if (typeof way === 'string') return way;
	const {target} = way;
	const addresses = link.addresses.map(address => `${address.address}/${address.prefixlen}`);
	const interfaceChoice = {label: `the interface ${link.name}`, value: ''};
	return actionForm({
		title: `Delete in ${labelOf(namespace)}`,
		fields:
			addresses.length === 0
				? []
				: [
						pickField('address', `Delete ${link.name} or one of its addresses`, [
							interfaceChoice,
							...addresses.map(address => ({label: `address ${address}`, value: address})),
						]),
					],
		confirm: answers => {
			const consequences = answers.address
				? describeAddressDeletion(namespace, link, answers.address)
				: describeInterfaceDeletion(namespace, link, namespaces);
			const danger = cutOffLines(
				store,
				namespace,
				answers.address
					? {kind: 'delete-address', link, address: answers.address}
					: {kind: 'delete-link', link},
			);
			return withDanger(consequences, danger, consequences.title);
		},
		run: answers =>
			answers.address
				? actions.deleteAddress({namespace: target, device: link.name, address: answers.address})
				: actions.deleteInterface({namespace: target, device: link.name}),
	});
}

function deleteRouteForm(store: TuiStore): ActionForm | Unavailable {
	const {namespace, route} = selected(store);
	if (!namespace) return noNamespace;
	if (!route) return 'select a route first (Routes pane, 3)';
	const way = targetOf(namespace);
	if (typeof way === 'string') return way;
	const {target} = way;
	const text = formatRoute(route);
	const lines = [
		route.dst === 'default'
			? `Traffic with no more specific route has no way out of ${labelOf(namespace)} any more.`
			: `Traffic to ${route.dst} no longer goes ${route.gateway ? `via ${route.gateway}` : `out of ${route.dev ?? 'this route'}`}.`,
	];
	if (route.protocol === 'kernel')
		lines.push(
			'The kernel made this route for an address; it comes back when that address is added again.',
		);
	return actionForm({
		title: `Delete route ${text}`,
		fields: [],
		confirm: () =>
			withDanger(
				{title: `Delete route ${text} in ${labelOf(namespace)}?`, lines},
				cutOffLines(store, namespace, {kind: 'delete-route', device: route.dev, route: route.dst}),
				text,
			),
		run: () => actions.deleteRoute({namespace: target, route}),
	});
}
