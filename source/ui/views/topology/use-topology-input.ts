// The topology view's keys: the filter being typed first, then the view's key list.
import {useInput, type Key} from 'ink';
import {clearTopologyFilter, commitTopologyFilter, setTopologyFilter} from './topology-updates.js';
import type {TuiStore} from '../../app/tui-store.js';
import {topologyKeyFor, type TopologyKeyContext} from '../../keys/view-keys.js';

export type TopologyInputOptions = TopologyKeyContext & {quit(): void; isActive: boolean};

export function useTopologyInput(options: TopologyInputOptions): void {
	useInput(
		(input, key) => {
			// Keys typed faster than they are read arrive as one string.
			if (input.length > 1 && !key.ctrl && !key.meta) for (const char of input) handleKey(options, char, {...key, return: char === '\r'});
			else handleKey(options, input, key);
		},
		{isActive: options.isActive},
	);
}

function handleKey(options: TopologyInputOptions, input: string, key: Key): void {
	const {store} = options;
	if (key.ctrl && input === 'c') return options.quit();
	const view = store.getState().fullView;
	if (view?.kind !== 'topology') return;
	if (view.editingFilter) return editFilter(store, input, key, view.filter);
	topologyKeyFor(input, key)?.(options);
}

function editFilter(store: TuiStore, input: string, key: Key, text: string): void {
	if (key.return) commitTopologyFilter(store);
	else if (key.escape) clearTopologyFilter(store);
	else if (key.backspace || key.delete) setTopologyFilter(store, text.slice(0, -1));
	else if (key.ctrl && input === 'u') setTopologyFilter(store, '');
	else if (input && input !== '\r' && !key.ctrl && !key.meta && !key.tab) setTopologyFilter(store, text + input);
}
