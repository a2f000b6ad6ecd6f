// What a pane is, as one entry of the registry (registry.ts): the layout, the
// App, the selection reset, the focus keys, the help and the status bar loop
// over the entries, so adding a pane is one folder and one line there.
import type {ReactNode} from 'react';
import type {RowIdentity} from '../../model/row-identity.js';
import type {Namespace, Snapshot} from '../../model/snapshot.js';
import type {PaneBox} from '../app/layout.js';
import type {TuiState} from '../app/tui-store.js';
import type {KeyEntry} from '../keys/key-table.js';

/** A pane's list after the filter, and which row is selected. */
export type PaneView<Row extends RowIdentity = RowIdentity> = {
	rows: readonly Row[];
	/** Index into rows; -1 when the list is empty. */
	selected: number;
	/** Rows before the filter. */
	total: number;
};

/** What a pane's rows are derived from. */
export type PaneSource = {
	state: TuiState;
	snapshot: Snapshot;
	/** The namespace selected in the Namespaces pane (null for that pane itself, and when none is). */
	selectedNamespace: Namespace | null;
	byInode: ReadonlyMap<number, Namespace>;
};

export type PaneRenderProps<Row extends RowIdentity> = {
	/** Its focus key and title, from its registry entry. */
	number: string;
	title: string;
	focused: boolean;
	filter: string;
	/** The filter is being typed: where its cursor is; null otherwise. */
	filterCursor: number | null;
	box: PaneBox;
	changed: ReadonlySet<string>;
	view: PaneView<Row>;
	state: TuiState;
	selectedNamespace: Namespace | null;
};

export type PaneRow = RowIdentity & {search: string};

export type PaneSpec<Id extends string = string, Row extends PaneRow = PaneRow> = {
	id: Id;
	/** The key that focuses it, also shown in its title. */
	key: string;
	title: string;
	/** Its rows, before the filter; cache them per snapshot (see row-cache.ts): they are asked for on every key. */
	rows(source: PaneSource): readonly Row[];
	/** Its selection starts at the top when another namespace is selected (it lists what is in that namespace). */
	followsNamespace(state: TuiState): boolean;
	/**
	 * Where it goes: the upper or lower row of panes, and its width (the rest of
	 * the row when left out). `shares`: it takes that pane's place, as a tab,
	 * while it is the one of the two last focused (the Sockets pane and Processes).
	 */
	place: {row: 'upper' | 'lower'; width?: (total: number) => number; shares?: string};
	/** Keys that only this pane has (Enter's meaning, a toggle); they show in its key line with their hint. */
	keys: readonly KeyEntry[];
	/** Other keys (ids, e.g. action keys) whose hints its key line shows, in this order. */
	hints: readonly string[];
	/** The pane on screen, on top of ../Pane.tsx; system text through <Shown>. */
	Component(props: PaneRenderProps<Row>): ReactNode;
};

/** Keeps the pane's id a literal type, so the registry can derive PaneId. */
export const definePane = <const Id extends string, Row extends PaneRow>(
	spec: PaneSpec<Id, Row>,
): PaneSpec<Id, Row> => spec;
