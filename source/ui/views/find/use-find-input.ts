// Find's keys besides what its prompt takes: choose a result, go there, or leave.
import {useInput} from 'ink';
import type {FindResult} from '../../../model/find.js';
import {closeFullView} from '../full-view-updates.js';
import {jumpToFindResult, moveFindSelection} from './find-updates.js';
import type {TuiStore} from '../../app/tui-store.js';

type Options = {store: TuiStore; results: readonly FindResult[]; selected: number; pageSize: number; quit(): void; isActive: boolean};

export function useFindInput({store, results, selected, pageSize, quit, isActive}: Options): void {
	useInput(
		(input, key) => {
			const page = Math.max(pageSize - 1, 1);
			if (key.ctrl && input === 'c') quit();
			else if (key.escape) closeFullView(store);
			else if (key.return) jumpToFindResult(store, results[selected]);
			else if (key.upArrow) moveFindSelection(store, -1, results.length);
			else if (key.downArrow) moveFindSelection(store, 1, results.length);
			else if (key.pageUp) moveFindSelection(store, -page, results.length);
			else if (key.pageDown) moveFindSelection(store, page, results.length);
		},
		{isActive},
	);
}
