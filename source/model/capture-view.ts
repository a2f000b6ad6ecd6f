// What the live capture view shows: the decoded lines, bounded;
// pause (lines keep arriving and are held until resume), clear, and a filter
// over the lines. Pure: each function returns a new state.
import {shown} from './shown-text.js';

export type CaptureViewState = {
	/** The lines on screen (raw: shown() when drawn), oldest first, at most `limit`. */
	lines: readonly string[];
	/** Lines that arrived while paused, shown on resume. */
	held: readonly string[];
	paused: boolean;
	/** Lines dropped from the top to stay within `limit` (the pcap keeps every packet). */
	dropped: number;
	/** Lines seen in all, for the title. */
	seen: number;
	/** A substring the shown lines must hold (`f`), '' for all. */
	filter: string;
	limit: number;
};

export const initialCaptureView = (limit = 5000): CaptureViewState => ({
	lines: [],
	held: [],
	paused: false,
	dropped: 0,
	seen: 0,
	filter: '',
	limit,
});

export function addLines(state: CaptureViewState, incoming: readonly string[]): CaptureViewState {
	if (incoming.length === 0) return state;
	const seen = state.seen + incoming.length;
	if (state.paused) {
		const held = [...state.held, ...incoming];
		const over = Math.max(0, held.length - state.limit);
		return {...state, held: held.slice(over), dropped: state.dropped + over, seen};
	}
	return {...trim(state, [...state.lines, ...incoming]), seen};
}

function trim(state: CaptureViewState, lines: string[]): CaptureViewState {
	const over = Math.max(0, lines.length - state.limit);
	return {...state, lines: over > 0 ? lines.slice(over) : lines, dropped: state.dropped + over};
}

export function togglePause(state: CaptureViewState): CaptureViewState {
	if (!state.paused) return {...state, paused: true};
	return {...trim(state, [...state.lines, ...state.held]), held: [], paused: false};
}

/** Clears the screen's lines (the capture and its pcap go on). */
export const clearLines = (state: CaptureViewState): CaptureViewState => ({
	...state,
	lines: [],
	held: [],
	dropped: 0,
});

export const setFilter = (state: CaptureViewState, filter: string): CaptureViewState => ({
	...state,
	filter,
});

/** The lines to draw: those holding the filter, as typed or as shown (an escape typed as `\e`). */
export function visibleLines(state: CaptureViewState): readonly string[] {
	if (state.filter === '') return state.lines;
	const needle = state.filter.toLowerCase();
	return state.lines.filter(
		line => line.toLowerCase().includes(needle) || shown(line).toLowerCase().includes(needle),
	);
}

/** `1234 lines, 56 held while paused, 100 dropped from the top`: the parts that apply. */
export function captureStatus(state: CaptureViewState): string {
	return [
		`${state.seen} lines`,
		state.paused ? `paused (${state.held.length} held)` : null,
		state.dropped > 0 ? `${state.dropped} dropped from the top` : null,
		state.filter ? `filter "${state.filter}": ${visibleLines(state).length} shown` : null,
	]
		.filter(Boolean)
		.join(', ');
}
