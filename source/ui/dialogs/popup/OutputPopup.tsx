// A command's output (ping, a recipe's steps, the warnings) while it runs and
// after; the panes above stay live. It follows the newest lines until scrolled
// up; Esc, Enter or q close it (a running command goes on). Keys: popup-keys.ts.
import {Box, Text} from 'ink';
import {Shown} from '../../app/Shown.js';
import {useTone} from '../../app/theme.js';
import type {PopupModal} from '../dialog-state.js';

type Props = {modal: PopupModal; rows: number};

/** Lines inside the frame: the title, the output, the key line. */
export const popupHeight = (modal: PopupModal) => 2 + Math.max(modal.lines.length, 1);

/** The output lines on screen for `rows` inside the frame. */
export const popupPage = (rows: number) => Math.max(rows - 2, 1);

/** The first line shown: where it was scrolled to, else the newest lines. */
export function popupTop(modal: PopupModal, rows: number): number {
	const last = Math.max(modal.lines.length - popupPage(rows), 0);
	return modal.top === null ? last : Math.min(modal.top, last);
}

export function OutputPopup({modal, rows}: Props) {
	const tone = useTone();
	const {title, lines, running} = modal;
	const height = popupPage(rows);
	const from = popupTop(modal, rows);
	const visible = lines.slice(from, from + height);
	const position = lines.length > height ? `  lines ${from + 1}-${from + visible.length} of ${lines.length}` : '';
	const scrollKeys = lines.length > height ? 'j k PgUp PgDn g G scroll · ' : '';
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
				{running ? 'Esc closes (it goes on; the result shows in the status bar)' : 'Esc, Enter or q closes'}
			</Text>
		</Box>
	);
}
