// Two lines: what needs attention (refresh problems, the last action's result),
// then the keys that matter in the focused pane. Discovery warnings are counted
// in the header (w lists them), so they never push a result off this line.
import {Box, Text} from 'ink';
import {useEffect, useState} from 'react';
import {clockTime} from '../../model/text-cells.js';
import {keyHints} from '../keys/hints.js';
import type {TuiState} from './tui-store.js';
import {Shown} from './Shown.js';
import {useTone, type Tone} from './theme.js';

type Props = {width: number; state: TuiState; readOnly: boolean};

type Note = {text: string; tone?: Tone};

export function StatusBar({width, state, readOnly}: Props) {
	const tone = useTone();
	const now = useClock(state.refresh.slow);
	const notes = statusNotes(state, now);
	const keys = fitHints(keyHints(state, readOnly), width);
	return (
		<Box flexDirection="column" width={width} height={2}>
			<Text wrap="truncate-end">
				{notes.length === 0 ? ' ' : null}
				{notes.map((note, index) => (
					<Text key={index} {...(note.tone ? tone(note.tone) : {})}>
						{index > 0 ? ' · ' : ''}
						<Shown text={note.text} />
					</Text>
				))}
			</Text>
			<Text wrap="truncate-end" {...tone('muted')}>
				{keys}
			</Text>
		</Box>
	);
}

/**
 * As many hints as fit the line whole, in their order, with `? help` always
 * last: the way to every other key is never the one cut off.
 */
export function fitHints(hints: readonly string[], width: number): string {
	const help = hints.includes('? help') ? ['? help'] : [];
	const shown = hints.filter(hint => hint !== '? help');
	while (shown.length > 0 && [...shown, ...help].join('  ').length > width) shown.pop();
	return [...shown, ...help].join('  ');
}

export function statusNotes(state: TuiState, now: number): Note[] {
	const notes: Note[] = [];
	const {refresh} = state;
	if (refresh.slow && refresh.startedAt !== null) {
		const since =
			refresh.dataChangedAt === null
				? ''
				: `; showing data as of ${clockTime(refresh.dataChangedAt)}`;
		notes.push({
			text: `refresh running for ${Math.round((now - refresh.startedAt) / 1000)}s${since}`,
			tone: 'warning',
		});
	}
	if (refresh.lastError) notes.push({text: `refresh failed: ${refresh.lastError}`, tone: 'error'});
	if (state.message)
		notes.push({
			text: state.message.text,
			tone: state.message.kind === 'error' ? 'error' : undefined,
		});
	return notes;
}

/** The time, ticking each second while `ticking` (to count how long a slow refresh runs). */
function useClock(ticking: boolean): number {
	const [now, setNow] = useState(Date.now);
	useEffect(() => {
		setNow(Date.now());
		if (!ticking) return;
		const timer = setInterval(() => setNow(Date.now()), 1000);
		return () => clearInterval(timer);
	}, [ticking]);
	return now;
}
