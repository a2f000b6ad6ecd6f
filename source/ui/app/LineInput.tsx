// A line being typed, with its cursor shown as an inverse cell (the key tables
// edit it: keys/line-keys.ts). Shown through <Shown>: a paste may hold anything.
import {Text} from 'ink';
import type {LineEdit} from '../../model/line-edit.js';
import {Shown} from './Shown.js';
import {useTone} from './theme.js';

type Props = {line: LineEdit; placeholder?: string; focused?: boolean};

export function LineInput({line, placeholder = '', focused = true}: Props) {
	const tone = useTone();
	// A placeholder may be a suggestion read from the system (a gateway from a route).
	if (line.text === '' && placeholder !== '')
		return (
			<Text>
				{focused ? (
					<Text inverse>
						<Shown text={placeholder[0]!} />
					</Text>
				) : null}
				<Text {...tone('muted')}>
					<Shown text={focused ? placeholder.slice(1) : placeholder} />
				</Text>
			</Text>
		);
	const before = line.text.slice(0, line.cursor);
	const under = [...line.text.slice(line.cursor)][0] ?? ' ';
	const after = line.text.slice(
		line.cursor + (under === ' ' && line.cursor >= line.text.length ? 0 : under.length),
	);
	return (
		<Text>
			<Shown text={before} />
			{focused ? (
				<Text inverse>
					<Shown text={under} />
				</Text>
			) : (
				<Shown text={under} />
			)}
			<Shown text={after} />
		</Text>
	);
}
