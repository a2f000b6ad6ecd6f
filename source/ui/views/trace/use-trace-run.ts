// Starts the trace when the view wants it: after Enter and on Ctrl-R.
import {useEffect} from 'react';
import type {TuiStore} from '../../app/tui-store.js';
import type {DetailsReader} from '../details/details-reader.js';
import type {TraceViewState} from '../full-view-state.js';
import {runWantedTrace} from './trace-updates.js';

export function useTraceRun(store: TuiStore, view: TraceViewState, reader: DetailsReader): void {
	const wanted = view.status === 'wanted' ? view.request : null;
	useEffect(() => {
		if (wanted !== null) void runWantedTrace(store, reader);
	}, [wanted, store, reader]);
}
