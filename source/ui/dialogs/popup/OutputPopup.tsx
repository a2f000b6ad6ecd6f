// A command's output (ping, a recipe's steps, the warnings) while it runs and
// after; the panes above stay live. It follows the newest lines until scrolled
// up; Esc, Enter or q close it (a running command goes on). Keys: popup-keys.ts.
import {Box, Text} from 'ink';
import {Shown} from '../../app/Shown.js';
import {useTone} from '../../app/theme.js';
import {keysInWords} from '../../keys/key-press.js';
import {scrollKeysText} from '../../keys/scroll-keys.js';
import type {PopupModal} from '../dialog-state.js';
import {popupTables} from './popup-keys.js';
import {popupPage, popupTop} from './popup-size.js';

type Props = {modal: PopupModal; rows: number};

export function OutputPopup({modal, rows}: Props) {
	const tone = useTone();
	const {title, lines, running} = modal;
	const height = popupPage(rows);
	const from = popupTop(modal, rows);
	const visible = lines.slice(from, from + height);
	const position =
		lines.length > height ? `  lines ${from + 1}-${from + visible.length} of ${lines.length}` : '';
	const [close, scroll] = popupTables;
	const scrollKeys = lines.length > height ? `${scrollKeysText(scroll!)} scroll · ` : '';
	const closeKeys = close!.entries[0]!.keys;
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate-end">
				<Shown text={title} />
				{running ? <Text {...tone('warning')}> running…</Text> : null}
				<Text {...tone('muted')}>{position}</Text>
			</Text>
			{visible.map((line, index) => (
				<Text key={from + index} wrap="truncate-end">
					<Shown text={line} />
				</Text>
			))}
			<Text {...tone('muted')}>
				{scrollKeys}
				{running
					? `${keysInWords(closeKeys.slice(0, 1))} closes (it goes on; the result shows in the status bar)`
					: `${keysInWords(closeKeys)} closes`}
			</Text>
		</Box>
	);
}
