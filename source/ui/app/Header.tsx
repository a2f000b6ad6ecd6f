import {Box, Text} from 'ink';
import {clockTime} from '../../model/text-cells.js';
import type {TuiState} from './tui-store.js';
import {Shown} from './Shown.js';
import {useTone} from './theme.js';

type Props = {width: number; hostname: string; intervalMs: number; state: TuiState};

export function Header({width, hostname, intervalMs, state}: Props) {
	const tone = useTone();
	const total = state.snapshot?.namespaces.length;
	const count =
		total === undefined ? 'reading namespaces…' : `${total} namespace${total === 1 ? '' : 's'}`;
	const updated =
		state.refresh.dataChangedAt === null
			? ''
			: ` · changed ${clockTime(state.refresh.dataChangedAt)}`;
	const mode = state.paused ? 'PAUSED' : `live ${intervalMs / 1000}s`;
	const warnings = state.warnings.length;
	return (
		<Box width={width} height={1} justifyContent="space-between">
			<Text wrap="truncate-end">
				<Text bold>nstui</Text> · <Shown text={hostname} /> · {count}
			</Text>
			<Text wrap="truncate-end">
				{'  '}
				{warnings > 0 ? (
					<Text
						{...tone('warning')}
					>{`${warnings} warning${warnings === 1 ? '' : 's'} (w) · `}</Text>
				) : null}
				{state.refresh.slow ? <Text {...tone('warning')}>refresh slow · </Text> : null}
				<Text {...(state.paused ? tone('banner') : {})}>{mode}</Text>
				{updated} · ? help
			</Text>
		</Box>
	);
}
