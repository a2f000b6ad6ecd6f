import {useSyncExternalStore} from 'react';
import type {TuiState, TuiStore} from './tui-store.js';

export function useTuiState(store: TuiStore): TuiState {
	return useSyncExternalStore(store.subscribe, store.getState, store.getState);
}
