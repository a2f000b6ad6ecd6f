import {Text} from 'ink';
import type {InterfaceRow} from '../model/pane-rows.js';
import {cell} from '../model/text-cells.js';
import {Pane, type PaneProps} from './Pane.js';
import {useTone, type Tone} from './theme.js';

type Props = Omit<PaneProps<InterfaceRow>, 'columns' | 'renderRow' | 'emptyText' | 'title' | 'number'> & {
	/** The selected namespace is listed but not read yet. */
	pending?: boolean;
	/** Why the selected namespace could not be read (the header counts it among the warnings; here it is said in place). */
	error?: string | null;
};

const stateTone = (state: string): Tone | undefined =>
	state === 'UP' ? 'up' : state === 'DOWN' || state === 'LOWERLAYERDOWN' ? 'down' : state === 'UNKNOWN' ? 'muted' : state === 'UP no-carrier' ? 'warning' : undefined;

export function InterfacesPane(props: Props) {
	const tone = useTone();
	const width = props.box.width - 1;
	const nameWidth = Math.min(Math.max(4, ...props.view.rows.map(row => row.link.name.length)), 15);
	// As wide as the widest state shown (`UNKNOWN`, or `UP no-carrier` when a link has no carrier).
	const stateWidth = Math.min(Math.max(7, ...props.view.rows.map(row => row.state.length)), 14);
	const detailsWidth = Math.max(width - nameWidth - 1 - 8 - 1 - stateWidth - 1, 0);
	const columns = `${cell('NAME', nameWidth)} ${cell('KIND', 8)} ${cell('STATE', stateWidth)} ADDRESSES  MASTER  PEER`;
	return (
		<Pane
			{...props}
			number={2}
			title="Interfaces"
			columns={columns}
			emptyText={props.error ? `! could not read: ${props.error}` : props.pending ? 'reading…' : 'no interfaces (select a namespace)'}
			renderRow={row => {
				const {link} = row;
				const details = [row.addresses, link.master ? `master ${link.master}` : '', row.peer ? `peer ${row.peer}` : '', row.linkLocal].filter(Boolean).join('  ');
				const state = stateTone(row.state);
				return (
					<>
						{`${cell(link.name, nameWidth)} ${cell(link.kind, 8)} `}
						<Text {...(state ? tone(state) : {})}>{cell(row.state, stateWidth)}</Text>
						{` ${cell(details, detailsWidth)}`}
					</>
				);
			}}
		/>
	);
}
