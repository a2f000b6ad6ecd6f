import {Text} from 'ink';
import type {RouteRow} from '../../../model/pane-rows.js';
import {Pane} from '../Pane.js';
import type {PaneRenderProps} from '../pane-spec.js';
import {Shown} from '../../app/Shown.js';
import {useTone} from '../../app/theme.js';

export function RoutesPane(props: PaneRenderProps<RouteRow>) {
	const tone = useTone();
	const width = props.box.width - 1;
	return (
		<Pane
			{...props}
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
