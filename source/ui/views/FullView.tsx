// Whichever full view is open (topology, find, details, trace), in the body instead of the panes.
import type {TuiState, TuiStore} from '../app/tui-store.js';
import {DetailsView} from './details/DetailsView.js';
import type {DetailsReader} from './details/details-reader.js';
import {FindView} from './find/FindView.js';
import type {FullView as FullViewState} from './full-view-state.js';
import {TopologyView} from './topology/TopologyView.js';
import {TrafficView} from './traffic/TrafficView.js';
import {CaptureView} from './capture/CaptureView.js';
import {TraceView} from './trace/TraceView.js';

type Props = {
	state: TuiState;
	view: FullViewState;
	store: TuiStore;
	reader: DetailsReader;
	width: number;
	height: number;
};

export function FullView(props: Props) {
	const {view} = props;
	if (view.kind === 'topology') return <TopologyView {...props} view={view} />;
	if (view.kind === 'details') return <DetailsView {...props} view={view} />;
	if (view.kind === 'traffic') return <TrafficView {...props} view={view} />;
	if (view.kind === 'capture') return <CaptureView {...props} view={view} />;
	if (view.kind === 'trace') return <TraceView {...props} view={view} />;
	return <FindView {...props} view={view} />;
}
