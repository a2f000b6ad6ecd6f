import {Text} from 'ink';
import type {ProcessRow} from '../../../model/pane-rows.js';
import {cell} from '../../../model/text-cells.js';
import {Pane} from '../Pane.js';
import type {PaneRenderProps} from '../pane-spec.js';
import {Shown} from '../../app/Shown.js';
import {useTone} from '../../app/theme.js';

export function ProcessesPane(props: PaneRenderProps<ProcessRow>) {
	const {allProcesses} = props.state;
	const tone = useTone();
	const width = props.box.width - 1;
	// Of the selected namespace only, the namespace column says nothing new: it goes when room is short.
	const namespaceWidth =
		allProcesses || width >= 50 ? Math.min(Math.max(Math.floor(width * 0.25), 8), 24) : 0;
	const commandWidth = Math.max(width - 7 - 1 - 8 - 1 - (namespaceWidth && namespaceWidth + 1), 0);
	const columns = `${cell('PID', 7, 'right')} ${cell('USER', 8)} ${namespaceWidth ? `${cell('NAMESPACE', namespaceWidth)} ` : ''}COMMAND`;
	return (
		<Pane
			{...props}
			title={allProcesses ? 'Processes (all namespaces)' : 'Processes'}
			columns={columns}
			emptyText={allProcesses ? 'no processes' : 'no process in this namespace'}
			renderRow={row => (
				<>
					{`${cell(String(row.process.pid), 7, 'right')} `}
					<Shown text={row.process.user} width={8} />{' '}
					{namespaceWidth ? (
						<Text {...(row.namespaceUnnamed ? tone('unnamed') : {})}>
							<Shown text={row.namespaceLabel} width={namespaceWidth} />{' '}
						</Text>
					) : null}
					<Shown text={row.process.cmdline || row.process.comm} width={commandWidth} />
				</>
			)}
		/>
	);
}
