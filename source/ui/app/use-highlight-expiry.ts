import {useEffect} from 'react';
import {clearHighlights} from './state-updates.js';
import type {TuiStore} from './tui-store.js';

export const highlightMs = 1500;

/** Changed rows stay highlighted for a moment after the refresh that changed them. */
export function useHighlightExpiry(store: TuiStore, changedAt: number | null): void {
	useEffect(() => {
		if (changedAt === null) return;
		const timer = setTimeout(() => clearHighlights(store), highlightMs);
		return () => clearTimeout(timer);
	}, [store, changedAt]);
}
