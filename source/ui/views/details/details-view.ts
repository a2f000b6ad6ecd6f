// The details view's registry entry (i).
import type {DetailsViewState} from '../full-view-state.js';
import type {ViewSpec} from '../view-spec.js';
import {DetailsView} from './DetailsView.js';
import {detailsTables} from './details-keys.js';

export const detailsView: ViewSpec<DetailsViewState> = {
	kind: 'details',
	Component: DetailsView,
	tables: () => detailsTables,
	help: [detailsTables[0]!],
};
