// `r`: a route in the selected namespace, typed in one line as for ip route:
// `default via GW`, `DST via GW [dev DEV]`, `DST dev DEV`.
import {routeHint, routeSuggestion} from '../../../model/gateway-hint.js';
import {validateRouteSpec} from '../../../model/route-spec.js';
import type {RouteDestination} from '../../../model/validate.js';
import * as actions from '../../../system/actions/index.js';
import {actionForm, type ActionForm} from '../dialog-state.js';
import {selectCreated} from '../../panes/select-created.js';
import type {TuiStore} from '../../app/tui-store.js';
import {labelOf, noNamespace, selected, targetOf, type Unavailable} from './selection.js';

/** The destination as ip -j prints it: a host route without its /32 or /128. */
function shownDestination(destination: RouteDestination): string {
	if (destination.kind === 'default') return 'default';
	const {address, prefixlen, family} = destination;
	return prefixlen === (family === 'inet' ? 32 : 128) ? address : `${address}/${prefixlen}`;
}

export function routeForm(store: TuiStore): ActionForm | Unavailable {
	const {namespace, namespaces} = selected(store);
	if (!namespace) return noNamespace;
	const way = targetOf(namespace);
	if (typeof way === 'string') return way;
	const {target} = way;
	const devices = namespace.interfaces.map(link => link.name);
	const route = (text: string) => validateRouteSpec(text, devices);
	const hint = routeHint(namespace, namespaces);
	const suggestion = routeSuggestion(hint);
	return actionForm({
		title: `New route in ${labelOf(namespace)}`,
		fields: [
			{
				kind: 'text',
				name: 'route',
				label: 'Route, as for ip route: default via GW, DST via GW, DST dev DEV',
				placeholder: hint,
				...(suggestion === null ? {} : {suggestion}),
				validate: text => {
					const checked = route(text);
					return checked.ok ? null : checked.reason;
				},
			},
		],
		run: answers => {
			const checked = route(answers.route);
			if (!checked.ok)
				return Promise.resolve({
					ok: false,
					message: checked.reason,
					command: null,
					commandLine: null,
				});
			return actions.addRoute({namespace: target, ...checked.value.spec});
		},
		select: (answers, store) => {
			const checked = route(answers.route);
			if (checked.ok)
				selectCreated(store, {
					namespace: namespace.inode,
					route: shownDestination(checked.value.destination),
				});
		},
	});
}
