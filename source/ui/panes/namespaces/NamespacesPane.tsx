import {Text} from 'ink';
import type {NamespaceRow} from '../../../model/pane-rows.js';
import {cell} from '../../../model/text-cells.js';
import {Pane} from '../Pane.js';
import type {PaneRenderProps} from '../pane-spec.js';
import {Shown} from '../../app/Shown.js';
import {useTone, type Tone} from '../../app/theme.js';
import type {OwnerEngine} from '../../../model/snapshot.js';

export function engineTone(engine: OwnerEngine): Tone {
	if (engine === 'kubernetes') return 'enginePod';
	return engine === 'systemd' || engine === 'lxc' || engine === 'nspawn'
		? 'engineSystem'
		: 'engineContainer';
}

/** Columns after the name: inode (only when there is room), processes, interfaces, forwarding. */
function columnsFor(width: number) {
	const fixed = 1 + 5 + 4 + 4;
	const showInode = width - fixed - 11 >= 16;
	return {showInode, nameWidth: Math.max(width - fixed - (showInode ? 11 : 0), 4)};
}

export function NamespacesPane(props: PaneRenderProps<NamespaceRow>) {
	const tone = useTone();
	const {showInode, nameWidth} = columnsFor(props.box.width - 1);
	const columns = [
		cell('NAME', nameWidth),
		showInode ? cell('INODE', 10) : null,
		cell('PROC', 4, 'right'),
		cell('IF', 3, 'right'),
		'FWD',
	]
		.filter(part => part !== null)
		.join(' ');
	return (
		<Pane
			{...props}
			columns={columns}
			emptyText="no namespaces (yet)"
			renderRow={row => {
				const {namespace} = row;
				const name = namespace.root && namespace.name ? `${row.label} (host)` : row.label;
				const nameTone = namespace.root ? 'host' : row.unnamed ? 'unnamed' : undefined;
				const marked = namespace.error !== null || namespace.stale === true;
				const width = nameWidth - (marked ? 1 : 0);
				// An owned namespace: the engine's tag in its colour, then the container's name.
				const tag = row.owner && width > row.owner.tag.length + 2 ? row.owner : null;
				return (
					<>
						{namespace.error ? (
							<Text {...tone('error')}>!</Text>
						) : namespace.stale ? (
							<Text {...tone('warning')}>~</Text>
						) : null}
						{tag ? (
							<>
								<Text {...tone(engineTone(tag.engine))}>{tag.tag}</Text>{' '}
								<Shown text={name.slice(tag.tag.length + 1)} width={width - tag.tag.length - 1} />
							</>
						) : (
							<Text {...(nameTone ? tone(nameTone) : {})}>
								<Shown text={name} width={width} />
							</Text>
						)}
						{showInode ? ` ${cell(String(namespace.inode), 10)}` : ''}
						{` ${cell(String(namespace.processes.length), 4, 'right')} ${cell(String(namespace.interfaces.length), 3, 'right')} `}
						<Text {...(row.forwarding ? tone('warning') : {})}>
							{cell(row.forwarding || '-', 3)}
						</Text>
					</>
				);
			}}
		/>
	);
}
