// Every pane, in focus order (Tab, and their number keys). To add a pane: a
// folder panes/<pane>/ with its entry (see pane-spec.ts and docs/architecture.md),
// and one line here.
import type {PaneSpec} from './pane-spec.js';
import {interfacesPane} from './interfaces/interfaces-pane.js';
import {namespacesPane} from './namespaces/namespaces-pane.js';
import {processesPane} from './processes/processes-pane.js';
import {routesPane} from './routes/routes-pane.js';
import {socketsPane} from './sockets/sockets-pane.js';

export const paneRegistry = [
	namespacesPane,
	interfacesPane,
	routesPane,
	processesPane,
	socketsPane,
] as const;

export type PaneId = (typeof paneRegistry)[number]['id'];

export type RowOf<Id extends PaneId> =
	Extract<(typeof paneRegistry)[number], {id: Id}> extends PaneSpec<Id, infer Row> ? Row : never;

export const paneIds: readonly PaneId[] = paneRegistry.map(pane => pane.id);

export const paneSpec = (id: PaneId) => paneRegistry.find(pane => pane.id === id)!;

/** A record with one entry per pane. */
export const perPane = <Value>(value: (id: PaneId) => Value): Record<PaneId, Value> =>
	Object.fromEntries(paneIds.map(id => [id, value(id)])) as Record<PaneId, Value>;
