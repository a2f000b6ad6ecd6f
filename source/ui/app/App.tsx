// The whole screen: header, optional read-only banner, the four panes (or an
// overlay in their place) and the status bar. State comes from the store, so
// this component can be unmounted and mounted again without losing anything.
import {Box, useApp} from 'ink';
import type {ActionHost} from './action-host.js';
import {CommandLogOverlay} from '../views/log/LogView.js';
import {ModalHost} from '../dialogs/DialogHost.js';
import {useMemo} from 'react';
import {deriveView} from '../panes/derive-view.js';
import {FullView} from '../views/FullView.js';
import {Header} from './Header.js';
import {HelpOverlay} from '../views/help/HelpView.js';
import {useInputActivity, type InputActivity} from './input-activity.js';
import {InterfacesPane} from '../panes/interfaces/InterfacesPane.js';
import {keyMap, type KeyBinding, type KeyContext} from '../keys/pane-keys.js';
import {computeLayout} from './layout.js';
import {NamespacesPane} from '../panes/namespaces/NamespacesPane.js';
import {systemReader, type NamespaceReader} from '../views/details/details-reader.js';
import type {Poller} from './poller.js';
import {ProcessesPane} from '../panes/processes/ProcessesPane.js';
import {ReadOnlyBanner} from './ReadOnlyBanner.js';
import {RoutesPane} from '../panes/routes/RoutesPane.js';
import {StatusBar} from './StatusBar.js';
import type {PaneId, TuiStore} from './tui-store.js';
import {toggleHelp} from './state-updates.js';
import {useHighlightExpiry} from './use-highlight-expiry.js';
import {usePolling} from './use-polling.js';
import {useTerminalSize} from './use-terminal-size.js';
import {useTuiInput} from '../keys/use-tui-input.js';
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
	/** Reads neighbours and iptables rules for the details and topology views; the system's by default. */
	reader?: NamespaceReader;
	/** Hands the terminal to a shell and back (run-tui); left out where there is no terminal. */
	suspend?: ActionHost['suspend'];
	/** Told of every key, so background reading pauses while keys come in (run-tui). */
	activity?: InputActivity;
};

export function App({store, poller, hostname, intervalMs, readOnly, bindings = keyMap, reader = systemReader, suspend = null, activity}: AppProps) {
	const state = useTuiState(store);
	useInputActivity(activity);
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
			host: {store, suspend, refreshAfterChange: () => poller?.refreshAfterChange() ?? Promise.resolve()},
		}),
		[store, exit, poller, layout, suspend],
	);
	// A full view takes the keys itself, unless an overlay or a dialog is over it.
	const overFullView = state.overlay !== null || state.modal !== null;
	// A dialog or the command log reads the keys itself: the panes' handler is off
	// (not just ignoring them), so the key that closes a dialog never reaches it too.
	const dialogOpen = state.modal !== null || state.overlay?.kind === 'log';
	useTuiInput({context, readOnly: readOnly !== null, bindings, isActive: (state.fullView === null || overFullView) && !dialogOpen});
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
		// Not clipped (overflow="hidden"), for speed: the layout fits everything to the screen (see Pane).
		<Box flexDirection="column" width={layout.width} height={layout.height}>
			<Header width={layout.width} hostname={hostname} intervalMs={intervalMs} state={state} />
			{readOnly === null ? null : <ReadOnlyBanner width={layout.width} reason={readOnly} />}
			{state.overlay?.kind === 'help' ? (
				<HelpOverlay width={layout.width} height={layout.bodyHeight} bindings={bindings} readOnly={readOnly !== null} />
			) : state.overlay?.kind === 'log' ? (
				<CommandLogOverlay width={layout.width} height={layout.bodyHeight} onClose={() => store.update({overlay: null})} onHelp={() => toggleHelp(store)} />
			) : state.fullView && state.modal === null ? (
				<FullView state={state} view={state.fullView} context={context} reader={reader} width={layout.width} height={layout.bodyHeight} isActive={!overFullView} />
			) : (
				<Box flexDirection="column" height={layout.bodyHeight}>
					<Box flexDirection="row" height={layout.panes.namespaces.height}>
						<NamespacesPane {...paneProps('namespaces')} view={view.namespaces} />
						<Box width={1} />
						<InterfacesPane {...paneProps('interfaces')} view={view.interfaces} pending={view.selectedNamespace?.pending === true} error={view.selectedNamespace?.error ?? null} showLinkLocal={state.showLinkLocal} />
					</Box>
					{state.modal ? (
						<ModalHost host={context.host} modal={state.modal} width={layout.width} height={layout.panes.routes.height} />
					) : (
						<Box flexDirection="row" height={layout.panes.routes.height}>
							<RoutesPane {...paneProps('routes')} view={view.routes} />
							<Box width={1} />
							<ProcessesPane {...paneProps('processes')} view={view.processes} allProcesses={state.allProcesses} />
						</Box>
					)}
				</Box>
			)}
			<StatusBar width={layout.width} state={state} bindings={readOnly === null ? bindings : bindings.filter(binding => !binding.changesSystem)} />
		</Box>
	);
}
