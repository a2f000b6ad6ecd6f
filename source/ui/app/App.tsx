// The whole screen: header, optional read-only banner, the panes (or a view, a
// dialog, an overlay in their place) and the status bar. State comes from the
// store, so this component can be unmounted and mounted again without losing anything.
import {Box, useApp} from 'ink';
import {useMemo, useRef} from 'react';
import {DialogHost, dialogHeight} from '../dialogs/DialogHost.js';
import {useKeys} from '../keys/use-keys.js';
import type {KeyContext} from '../keys/key-table.js';
import {helpSections} from '../keys/help-sections.js';
import {deriveView} from '../panes/derive-view.js';
import {hiddenPanes} from '../panes/pane-updates.js';
import {paneOps} from '../panes/pane-ops.js';
import {paneRegistry, perPane, type PaneId} from '../panes/registry.js';
import type {PaneSpec} from '../panes/pane-spec.js';
import {systemReader, type DetailsReader} from '../views/details/details-reader.js';
import {FullView} from '../views/FullView.js';
import {HelpView} from '../views/help/HelpView.js';
import {LogView} from '../views/log/LogView.js';
import type {ActionHost} from './action-host.js';
import {Header} from './Header.js';
import type {InputActivity} from './input-activity.js';
import {computeLayout, type TuiLayout} from './layout.js';
import type {Poller} from './poller.js';
import {ReadOnlyBanner} from './ReadOnlyBanner.js';
import {StatusBar} from './StatusBar.js';
import type {TuiState, TuiStore} from './tui-store.js';
import {useHighlightExpiry} from './use-highlight-expiry.js';
import {usePolling} from './use-polling.js';
import {useTerminalSize} from './use-terminal-size.js';
import {useTuiState} from './use-tui-state.js';

export type AppProps = {
	store: TuiStore;
	/** Live updates; left out in tests that feed the store themselves. */
	poller?: Poller;
	hostname: string;
	intervalMs: number;
	/** Why the session is read-only, or null when actions are allowed. */
	readOnly: string | null;
	/** Reads neighbours and iptables rules for the details and topology views; the system's by default. */
	reader?: DetailsReader;
	/** Hands the terminal to a shell and back (run-tui); left out where there is no terminal. */
	suspend?: ActionHost['suspend'];
	/** Told of every key, so background reading pauses while keys come in (run-tui). */
	activity?: InputActivity;
	/** Draws the whole screen again (run-tui's frame stream); nothing to do in tests. */
	redraw?: () => void;
};

/** The layout for the state: rows of panes sized by what they list, the dialog by what it asks. */
export function layoutFor(
	state: TuiState,
	columns: number,
	rows: number,
	readOnly: boolean,
): TuiLayout {
	const view = deriveView(state);
	return computeLayout(columns, rows, {
		banner: readOnly,
		wanted: perPane(id => view[id].rows.length),
		dialog: state.modal ? dialogHeight(state.modal, columns) : null,
		zoomed: state.zoomed ? state.focus : null,
		hidden: hiddenPanes(state),
	});
}

const noRedraw = () => {};

export function App({
	store,
	poller,
	hostname,
	intervalMs,
	readOnly,
	reader = systemReader,
	suspend = null,
	activity,
	redraw = noRedraw,
}: AppProps) {
	const state = useTuiState(store);
	const {columns, rows} = useTerminalSize();
	const layout = useMemo(
		() => layoutFor(state, columns, rows, readOnly !== null),
		[state, columns, rows, readOnly],
	);
	const view = useMemo(() => deriveView(state), [state]);
	const {exit} = useApp();
	// The keys read the layout of the latest frame; the store they read themselves.
	const size = useRef({columns, rows});
	size.current = {columns, rows};
	const context = useMemo<KeyContext>(
		() => ({
			store,
			quit: () => exit(),
			refreshNow: () => void poller?.refreshNow(),
			redraw,
			host: {
				store,
				suspend,
				refreshAfterChange: () => poller?.refreshAfterChange() ?? Promise.resolve(),
			},
			readOnly,
			layout: () =>
				layoutFor(store.getState(), size.current.columns, size.current.rows, readOnly !== null),
			reader,
			panes: paneOps,
		}),
		[store, exit, poller, suspend, readOnly, reader, redraw],
	);
	useKeys(context, activity ? () => activity.note() : undefined);
	usePolling(poller);
	useHighlightExpiry(store, state.changedAt);

	const pane = (spec: PaneSpec) => {
		const id = spec.id as PaneId;
		const Component = spec.Component;
		return (
			<Component
				key={id}
				number={spec.key}
				title={spec.title}
				focused={state.focus === id}
				filter={state.filters[id]}
				filterCursor={state.editingFilter && state.focus === id ? state.filterCursor : null}
				box={layout.panes[id]}
				changed={state.changed}
				view={view[id]}
				state={state}
				selectedNamespace={view.selectedNamespace}
			/>
		);
	};
	const paneRow = (row: 'upper' | 'lower') => {
		const hidden = hiddenPanes(state);
		const panes = paneRegistry.filter(
			spec => spec.place.row === row && !hidden.has(spec.id),
		) as readonly PaneSpec[];
		return (
			<Box flexDirection="row" height={layout.rows[row]}>
				{panes.flatMap((spec, index) =>
					index === 0 ? [pane(spec)] : [<Box key={`gap-${spec.id}`} width={1} />, pane(spec)],
				)}
			</Box>
		);
	};
	return (
		// Not clipped (overflow="hidden"), for speed: the layout fits everything to the screen (see Pane).
		<Box flexDirection="column" width={layout.width} height={layout.height}>
			<Header width={layout.width} hostname={hostname} intervalMs={intervalMs} state={state} />
			{readOnly === null ? null : <ReadOnlyBanner width={layout.width} reason={readOnly} />}
			{state.overlay?.kind === 'help' ? (
				<HelpView
					width={layout.width}
					height={layout.bodyHeight}
					sections={helpSections(state)}
					readOnly={readOnly !== null}
					page={state.overlay.page}
				/>
			) : state.overlay?.kind === 'log' ? (
				<LogView width={layout.width} height={layout.bodyHeight} up={state.overlay.up} />
			) : state.fullView && state.modal === null ? (
				<FullView
					state={state}
					view={state.fullView}
					store={store}
					reader={reader}
					width={layout.width}
					height={layout.bodyHeight}
				/>
			) : layout.zoomed ? (
				<Box height={layout.bodyHeight}>
					{pane(paneRegistry.find(spec => spec.id === layout.zoomed)!)}
				</Box>
			) : (
				<Box flexDirection="column" height={layout.bodyHeight}>
					{paneRow('upper')}
					{state.modal ? (
						<DialogHost modal={state.modal} width={layout.width} height={layout.dialogHeight} />
					) : (
						paneRow('lower')
					)}
				</Box>
			)}
			<StatusBar width={layout.width} state={state} readOnly={readOnly !== null} />
		</Box>
	);
}
