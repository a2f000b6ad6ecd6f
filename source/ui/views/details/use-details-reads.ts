// Starts the details view's reads when it wants them: on opening and after Ctrl-R.
import {useEffect} from 'react';
import {readWantedDetails} from './details-updates.js';
import type {DetailsViewState} from '../full-view-state.js';
import type {DetailsReader} from './details-reader.js';
import type {TuiStore} from '../../app/tui-store.js';

export function useDetailsReads(
	store: TuiStore,
	view: DetailsViewState,
	reader: DetailsReader,
): void {
	const wanted = view.status === 'wanted' ? view.request : null;
	useEffect(() => {
		if (wanted !== null) void readWantedDetails(store, reader);
	}, [wanted, store, reader]);
}
