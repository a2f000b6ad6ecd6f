// What a full view is, as one entry of the registry (registry.ts): FullView,
// the key layers and the help loop over the entries, so adding a view is one
// folder and one line there. The union of every view's state (FullView) is
// derived from the registry, so a view without an entry cannot be opened.
import type {ReactNode} from 'react';
import type {TuiState, TuiStore} from '../app/tui-store.js';
import type {KeyTable} from '../keys/key-table.js';
import type {DetailsReader} from './details/details-reader.js';

/** What every view is handed to draw itself in the body. */
export type ViewProps<State> = {
	state: TuiState;
	view: State;
	store: TuiStore;
	reader: DetailsReader;
	width: number;
	height: number;
};

export type ViewSpec<State extends {kind: string}> = {
	kind: State['kind'];
	/** Draws the view in the body, instead of the panes. */
	Component: (props: ViewProps<State>) => ReactNode;
	/** The tables that take keys while it is on top, for its state now (a filter being typed has its own). */
	tables(view: State): readonly KeyTable[];
	/** Its groups in the help; the help opened over it shows the group of `tables(view)[0]` first. */
	help: readonly KeyTable[];
};
