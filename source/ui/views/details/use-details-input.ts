// The details view's keys, from its key list.
import {useInput} from 'ink';
import {detailsKeys, type DetailsKeyContext} from '../../keys/view-keys.js';

export function useDetailsInput(options: DetailsKeyContext & {quit(): void; isActive: boolean}): void {
	useInput(
		(input, key) => {
			if (key.ctrl && input === 'c') return options.quit();
			detailsKeys.find(entry => entry.matches(input, key))?.run(options);
		},
		{isActive: options.isActive},
	);
}
