import {Text} from 'ink';
import type {RouteRow} from '../../../model/pane-rows.js';
import {Pane, type PaneProps} from '../Pane.js';
import {Shown} from '../../app/Shown.js';
import {useTone} from '../../app/theme.js';

type Props = Omit<PaneProps<RouteRow>, 'columns' | 'renderRow' | 'emptyText' | 'title' | 'number'>;

export function RoutesPane(props: Props) {
	const tone = useTone();
	const width = props.box.width - 1;
	return (
		<Pane
			{...props}
			number={3}
			title="Routes"
			columns="IP ROUTE"
			emptyText="no routes"
			renderRow={row => (
				<>
					<Text {...tone('muted')}>{row.route.family === 'inet' ? 'v4 ' : 'v6 '}</Text>
					<Text {...(row.isDefault ? tone('defaultRoute') : {})}>
						<Shown text={row.text} width={width - 3} />
					</Text>
				</>
			)}
		/>
	);
}
