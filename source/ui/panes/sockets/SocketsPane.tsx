import {Text} from 'ink';
import type {SocketRow} from '../../../model/socket-rows.js';
import {cell} from '../../../model/text-cells.js';
import {Pane} from '../Pane.js';
import type {PaneRenderProps} from '../pane-spec.js';
import {Shown} from '../../app/Shown.js';
import {useTone} from '../../app/theme.js';

/**
 * PROTO STATE RECV/SEND LOCAL REMOTE PROCESS: the local end is what matters
 * most (what listens where), then who holds it; the remote end and the queues
 * go first when the pane is narrow (z zooms it).
 */
export function SocketsPane(props: PaneRenderProps<SocketRow>) {
	const tone = useTone();
	const reading = props.state.sockets;
	const forSelected = reading && props.selectedNamespace && reading.inode === props.selectedNamespace.inode ? reading : null;
	const width = props.box.width - 1;
	const protoWidth = props.state.showUnixSockets ? 11 : 5;
	const stateWidth = 10;
	const wide = width >= 70;
	const queueWidth = wide ? 9 : 0;
	const rest = width - (protoWidth + 1 + stateWidth + 1 + (queueWidth && queueWidth + 1));
	const localWidth = Math.max(Math.min(Math.floor(rest * (wide ? 0.34 : 0.55)), 46), 8);
	const remoteWidth = wide ? Math.max(Math.min(Math.floor(rest * 0.3), 46), 8) : 0;
	const processWidth = Math.max(rest - localWidth - 1 - (remoteWidth && remoteWidth + 1), 0);
	const columns = `${cell('PROTO', protoWidth)} ${cell('STATE', stateWidth)} ${queueWidth ? `${cell('RECV/SEND', queueWidth)} ` : ''}${cell('LOCAL', localWidth)} ${remoteWidth ? `${cell('REMOTE', remoteWidth)} ` : ''}PROCESS`;
	const emptyText = !props.selectedNamespace
		? 'select a namespace'
		: forSelected?.error
			? `! could not read: ${forSelected.error}`
			: forSelected
				? `no ${props.state.showUnixSockets ? '' : 'TCP or UDP '}sockets${props.state.showUnixSockets ? '' : ' (U: Unix too)'}`
				: 'reading…';
	return (
		<Pane
			{...props}
			columns={columns}
			emptyText={emptyText}
			renderRow={row => (
				<>
					{`${cell(row.protocol, protoWidth)} `}
					<Text {...(row.socket.listening ? tone('up') : {})}>{cell(row.state, stateWidth)}</Text>{' '}
					{queueWidth ? `${cell(row.queues, queueWidth)} ` : ''}
					<Shown text={row.local} width={localWidth} />{' '}
					{remoteWidth ? (
						<>
							<Shown text={row.remote} width={remoteWidth} />{' '}
						</>
					) : null}
					<Shown text={row.processes} width={processWidth} />
				</>
			)}
		/>
	);
}
