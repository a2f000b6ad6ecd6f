// Pane 3: the routes of the selected namespace, as `ip route` writes them.
import {routeRows} from '../../../model/pane-rows.js';
import {definePane} from '../pane-spec.js';
import {cached} from '../row-cache.js';
import {RoutesPane} from './RoutesPane.js';

const rowsOf = cached(routeRows);

export const routesPane = definePane({
	id: 'routes',
	key: '3',
	title: 'Routes',
	rows: ({selectedNamespace}) => (selectedNamespace ? rowsOf(selectedNamespace) : []),
	followsNamespace: () => true,
	place: {row: 'lower', width: total => Math.floor(total / 2)},
	keys: [],
	hints: ['d', 'r'],
	Component: RoutesPane,
});
