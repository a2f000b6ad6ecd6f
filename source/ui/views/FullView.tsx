// Whichever full view is open (topology, find, details), in the body instead of the panes.
import type {FullView as FullViewState} from './full-view-state.js';
import {DetailsView} from './details/DetailsView.js';
import {FindView} from './find/FindView.js';
import type {KeyContext} from '../keys/pane-keys.js';
import type {NamespaceReader} from './details/details-reader.js';
import {TopologyView} from './topology/TopologyView.js';
import type {TuiState} from '../app/tui-store.js';

type Props = {
	state: TuiState;
	view: FullViewState;
	context: KeyContext;
	reader: NamespaceReader;
	width: number;
	height: number;
	/** False while an overlay or dialog above the view takes the keys. */
	isActive: boolean;
};

export function FullView(props: Props) {
	const {view} = props;
	if (view.kind === 'topology') return <TopologyView {...props} view={view} />;
	if (view.kind === 'details') return <DetailsView {...props} view={view} />;
	return <FindView {...props} view={view} />;
}
