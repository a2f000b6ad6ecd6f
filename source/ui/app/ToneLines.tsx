// Lines made for a view (already through shown()), each in its tone: what the
// details, trace and log views list under their title.
import {Text} from 'ink';
import {useTone, type Tone} from './theme.js';

export type ToneLine = {text: string; tone?: Tone};

/** `lines`, the first at row `first` of the whole list (a stable key while scrolling). */
export function ToneLines({lines, first = 0}: {lines: readonly ToneLine[]; first?: number}) {
	const tone = useTone();
	return (
		<>
			{lines.map((line, index) => (
				<Text key={first + index} wrap="truncate-end" {...(line.tone ? tone(line.tone) : {})}>
					{line.text || ' '}
				</Text>
			))}
		</>
	);
}
