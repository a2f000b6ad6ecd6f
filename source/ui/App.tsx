// The whole screen: header, optional read-only banner, the four panes (or an
// overlay in their place) and the status bar. State comes from the store, so
// this component can be unmounted and mounted again without losing anything.
import {Box, useApp} from 'ink';
import {useMemo} from 'react';
import {deriveView} from './derive-view.js';
import {Header} from './Header.js';
import {HelpOverlay} from './HelpOverlay.js';
import {InterfacesPane} from './InterfacesPane.js';
import {keyMap, type KeyBinding, type KeyContext} from './key-map.js';
import {computeLayout} from './layout.js';
import {NamespacesPane} from './NamespacesPane.js';
import type {Poller} from './poller.js';
import {ProcessesPane} from './ProcessesPane.js';
import {ReadOnlyBanner} from './ReadOnlyBanner.js';
import {RoutesPane} from './RoutesPane.js';
import {StatusBar} from './StatusBar.js';
import type {PaneId, TuiStore} from './tui-store.js';
import {useHighlightExpiry} from './use-highlight-expiry.js';
import {usePolling} from './use-polling.js';
import {useTerminalSize} from './use-terminal-size.js';
import {useTuiInput} from './use-tui-input.js';
import {useTuiState} from './use-tui-state.js';

export type AppProps = {
	store: TuiStore;
	/** Live updates; left out in tests that feed the store themselves. */
	poller?: Poller;
	hostname: string;
	intervalMs: number;
	/** Why the session is read-only, or null when actions are allowed. */
	readOnly: string | null;
	bindings?: readonly KeyBinding[];
};

export function App({store, poller, hostname, intervalMs, readOnly, bindings = keyMap}: AppProps) {
	const state = useTuiState(store);
	const {columns, rows} = useTerminalSize();
	const layout = useMemo(() => computeLayout(columns, rows, {banner: readOnly !== null}), [columns, rows, readOnly]);
	const view = useMemo(() => deriveView(state), [state]);
	const {exit} = useApp();
	const context = useMemo<KeyContext>(
		() => ({
			store,
			quit: () => exit(),
			refreshNow: () => void poller?.refreshNow(),
			pageSize: (pane: PaneId) => layout.panes[pane].listRows,
		}),
		[store, exit, poller, layout],
	);
	useTuiInput({context, readOnly: readOnly !== null, bindings});
	usePolling(poller);
	useHighlightExpiry(store, state.changedAt);

	const paneProps = (pane: PaneId) => ({
		focused: state.focus === pane,
		filter: state.filters[pane],
		editingFilter: state.editingFilter && state.focus === pane,
		box: layout.panes[pane],
		changed: state.changed,
	});
	return (
		<Box flexDirection="column" width={layout.width} height={layout.height} overflow="hidden">
			<Header width={layout.width} hostname={hostname} intervalMs={intervalMs} state={state} />
			{readOnly === null ? null : <ReadOnlyBanner width={layout.width} reason={readOnly} />}
			{state.overlay?.kind === 'help' ? (
				<HelpOverlay width={layout.width} height={layout.bodyHeight} bindings={bindings} readOnly={readOnly !== null} />
			) : (
				<Box flexDirection="column" height={layout.bodyHeight}>
					<Box flexDirection="row" height={layout.panes.namespaces.height}>
						<NamespacesPane {...paneProps('namespaces')} view={view.namespaces} />
						<Box width={1} />
						<InterfacesPane {...paneProps('interfaces')} view={view.interfaces} />
					</Box>
					<Box flexDirection="row" height={layout.panes.routes.height}>
						<RoutesPane {...paneProps('routes')} view={view.routes} />
						<Box width={1} />
						<ProcessesPane {...paneProps('processes')} view={view.processes} allProcesses={state.allProcesses} />
					</Box>
				</Box>
			)}
			<StatusBar width={layout.width} state={state} bindings={bindings} />
		</Box>
	);
}
