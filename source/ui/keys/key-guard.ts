// A key acts on the screen the operator typed it for, or not at all. Keys
// typed ahead act in order, each on the screen the key before led to (n, then
// a name, then Enter, in one read). But when the screen changed by itself
// (a form's check ended and the form closed, an action failed and its prompt
// came back) and that change is not drawn yet, the key was meant for a screen
// that is gone: it is dropped, and the status bar says so. While a form's
// check runs, keys wait for its answer, so none is lost.
import type {InputEvent} from '../../model/key-decoder.js';
import {showMessage} from '../app/state-updates.js';
import type {TuiStore} from '../app/tui-store.js';
import {keyLabel} from './key-press.js';
import {screenBusy, screenName, screenOf} from './screen.js';

export class KeyGuard {
	/** The screen the operator's own keys led to. */
	private expected: string;
	private expectedName: string;
	/** The screen of the last frame drawn. */
	private drawn: string;
	private readonly waiting: InputEvent[] = [];
	private heldFor = '';
	private dropped: string[] = [];
	private unsubscribe: (() => void) | null = null;

	constructor(
		private readonly store: TuiStore,
		private readonly dispatch: (event: InputEvent) => void,
	) {
		const state = store.getState();
		this.expected = this.drawn = screenOf(state);
		this.expectedName = screenName(state);
	}

	/** A frame was drawn for `state`. */
	drewFor(state: ReturnType<TuiStore['getState']>): void {
		this.drawn = screenOf(state);
	}

	take(events: readonly InputEvent[]): void {
		for (const event of events) {
			// Ctrl-C is never held back.
			if (event.kind === 'key' && event.id === 'C-c') this.dispatch(event);
			else if (this.waiting.length > 0 || screenBusy(this.store.getState())) this.hold(event);
			else this.run(event);
		}
	}

	stop(): void {
		this.unsubscribe?.();
		this.unsubscribe = null;
		this.waiting.length = 0;
	}

	private hold(event: InputEvent): void {
		// Typed for the screen that is busy: after the wait they act there or nowhere.
		if (this.waiting.length === 0) this.heldFor = screenOf(this.store.getState());
		this.waiting.push(event);
		this.unsubscribe ??= this.store.subscribe(() => {
			if (!screenBusy(this.store.getState())) setImmediate(() => this.release());
		});
	}

	private release(): void {
		if (screenBusy(this.store.getState())) return;
		this.unsubscribe?.();
		this.unsubscribe = null;
		const events = this.waiting.splice(0);
		if (screenOf(this.store.getState()) === this.heldFor) this.take(events);
		else for (const event of events) if (event.kind !== 'ignored') this.drop(event);
	}

	private run(event: InputEvent): void {
		if (event.kind === 'ignored') return;
		const now = screenOf(this.store.getState());
		if (now !== this.expected && now !== this.drawn) {
			this.drop(event);
			return;
		}
		this.dropped = [];
		this.dispatch(event);
		const after = this.store.getState();
		this.expected = screenOf(after);
		this.expectedName = screenName(after);
	}

	private drop(event: InputEvent): void {
		this.dropped.push(event.kind === 'key' ? keyLabel(event.id) : 'a paste');
		const keys = this.dropped.length > 5 ? `${this.dropped.length} keys` : this.dropped.join(' ');
		showMessage(this.store, {
			text: `dropped ${keys}: typed for ${this.expectedName}, which closed before they were read; nothing ran`,
			kind: 'error',
		});
	}
}
