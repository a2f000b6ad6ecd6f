import {Text} from 'ink';
import type {InterfaceRow} from '../model/pane-rows.js';
import {shown} from '../model/shown-text.js';
import {cell, textWidth} from '../model/text-cells.js';
import {Pane, type PaneProps} from './Pane.js';
import {Shown} from './Shown.js';
import {useTone, type Tone} from './theme.js';

type Props = Omit<PaneProps<InterfaceRow>, 'columns' | 'renderRow' | 'emptyText' | 'title' | 'number'> & {
	/** The selected namespace is listed but not read yet. */
	pending?: boolean;
};

const stateTone = (state: string): Tone | undefined => (state === 'UP' ? 'up' : state === 'DOWN' || state === 'LOWERLAYERDOWN' ? 'down' : state === 'UNKNOWN' ? 'muted' : undefined);

export function InterfacesPane(props: Props) {
	const tone = useTone();
	const width = props.box.width - 1;
	const nameWidth = Math.min(Math.max(4, ...props.view.rows.map(row => textWidth(shown(row.link.name)))), 15);
	const detailsWidth = Math.max(width - nameWidth - 1 - 8 - 1 - 7 - 1, 0);
	const columns = `${cell('NAME', nameWidth)} ${cell('KIND', 8)} ${cell('STATE', 7)} ADDRESSES  MASTER  PEER`;
	return (
		<Pane
			{...props}
			number={2}
			title="Interfaces"
			columns={columns}
			emptyText={props.pending ? 'reading…' : 'no interfaces (select a namespace)'}
			renderRow={row => {
				const {link} = row;
				const details = [row.addresses, link.master ? `master ${link.master}` : '', row.peer ? `peer ${row.peer}` : '', row.linkLocal].filter(Boolean).join('  ');
				const state = stateTone(link.state);
				return (
					<>
						<Shown text={link.name} width={nameWidth} />{' '}
						<Shown text={link.kind} width={8} />{' '}
						<Text {...(state ? tone(state) : {})}>
							<Shown text={link.state} width={7} />
						</Text>{' '}
						<Shown text={details} width={detailsWidth} />
					</>
				);
			}}
		/>
	);
}
