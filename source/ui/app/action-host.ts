// What an action needs from around the UI besides the store: a refresh that
// sees its change, and (for the shell) the terminal for a while.
import type {TuiStore} from './tui-store.js';

export type ActionHost = {
	store: TuiStore;
	/** Resolves once a load that started after the change is in the store. */
	refreshAfterChange(): Promise<void>;
	/**
	 * Leaves the UI, runs `work` with the terminal, and comes back to the same
	 * state; null where there is no terminal to hand over (tests).
	 */
	suspend: ((work: () => Promise<void>) => Promise<void>) | null;
};
