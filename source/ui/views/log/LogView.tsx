// `l`: every command nstui ran this session, oldest first, as lines that paste
// into a shell: the facts (time, exit status, duration, stderr) as comments,
// then the command itself. Opens at the newest; keys in log-keys.ts.
import {Box, Text} from 'ink';
import {useSyncExternalStore} from 'react';
import {shown} from '../../../model/shown-text.js';
import {cell} from '../../../model/text-cells.js';
import {commandLog, type CommandLog} from '../../../system/command-log.js';
import {useTone} from '../../app/theme.js';
import {ToneLines} from '../../app/ToneLines.js';
import {keysInWords} from '../../keys/key-press.js';
import {scrollKeysText} from '../../keys/scroll-keys.js';
import {logTables} from './log-keys.js';
import {logScreen} from './log-lines.js';

type Props = {width: number; height: number; up: number; log?: CommandLog};

export function LogView({width, height, up: scrolled, log = commandLog}: Props) {
	const tone = useTone();
	const entries = useSyncExternalStore(log.subscribe, log.getSnapshot, log.getSnapshot);
	const fileError = log.getFileError();
	const {rows, lines, max} = logScreen(log, width, height);
	const up = Math.min(scrolled, max);
	const [close, scroll] = logTables;
	const end = lines.length - up;
	const visible = lines.slice(Math.max(end - rows, 0), end);
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text wrap="truncate-end" {...tone('paneTitleFocused')}>
				{cell(
					` Command log  ${entries.length} command${entries.length === 1 ? '' : 's'}  (${keysInWords(close!.entries[0]!.keys)} closes; ${scrollKeysText(scroll!)} scroll)`,
					width,
				)}
			</Text>
			{fileError ? <Text {...tone('error')}>{shown(fileError)}</Text> : null}
			{entries.length === 0 ? <Text {...tone('muted')}> nothing run yet this session</Text> : null}
			<ToneLines lines={visible} />
		</Box>
	);
}
