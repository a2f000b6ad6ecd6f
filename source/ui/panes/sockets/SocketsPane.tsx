import {Text} from 'ink';
import type {SocketRow} from '../../../model/socket-rows.js';
import {shown} from '../../../model/shown-text.js';
import {cell, textWidth} from '../../../model/text-cells.js';
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
	const forSelected =
		reading && props.selectedNamespace && reading.inode === props.selectedNamespace.inode
			? reading
			: null;
	const width = props.box.width - 1;
	const rows = props.view.rows;
	const protoWidth = Math.max(5, ...rows.map(row => row.protocol.length));
	const stateWidth = Math.max(5, ...rows.map(row => row.state.length));
	// The remote end before the queues: who talks to it says more than how much waits.
	const withRemote = width >= 44;
	const queueWidth = width >= 72 ? 9 : 0;
	const rest = width - (protoWidth + 1 + stateWidth + 1 + (queueWidth && queueWidth + 1));
	// The ends as wide as what they hold; when that leaves the holders less than 10 columns, both give some back.
	const widest = (texts: string[], min: number) =>
		Math.min(Math.max(min, ...texts.map(text => textWidth(shown(text)))), 46);
	let localWidth = widest(
		rows.map(row => row.local),
		5,
	);
	let remoteWidth = withRemote
		? widest(
				rows.map(row => row.remote),
				6,
			)
		: 0;
	const room = rest - 1 - (remoteWidth && 1) - 10;
	if (localWidth + remoteWidth > room) {
		const scale = Math.max(room, 8) / (localWidth + remoteWidth);
		localWidth = Math.max(Math.floor(localWidth * scale), 5);
		remoteWidth = remoteWidth && Math.max(Math.floor(remoteWidth * scale), 5);
	}
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
					<Text {...(row.socket.listening ? tone('up') : {})}>
						{cell(row.state, stateWidth)}
					</Text>{' '}
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
