// The find view's registry entry (F).
import type {FindViewState} from '../full-view-state.js';
import type {ViewSpec} from '../view-spec.js';
import {FindView} from './FindView.js';
import {findTables} from './find-keys.js';

export const findView: ViewSpec<FindViewState> = {
	kind: 'find',
	Component: FindView,
	tables: () => findTables,
	help: [findTables[0]!],
};
