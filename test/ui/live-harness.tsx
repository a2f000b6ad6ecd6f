// The TUI against the real system: a poller that reads every namespace (as
// nstui does), keys typed into the App, and helpers to wait for what an action did.
import assert from 'node:assert/strict';
import {setTimeout as delay} from 'node:timers/promises';
import {discover} from '../../source/system/discovery/discoverer.js';
import {commandLog} from '../../source/system/command-log.js';
import {deriveView} from '../../source/ui/panes/derive-view.js';
import type {ActionHost} from '../../source/ui/app/action-host.js';
import {createPoller} from '../../source/ui/app/poller.js';
import {createTuiStore} from '../../source/ui/app/tui-store.js';
import {keys, renderTui} from './tui-harness.js';

export async function renderLive(
	options: {readOnly?: string | null; suspend?: ActionHost['suspend']} = {},
) {
	const store = createTuiStore();
	// Refreshed by the actions themselves; the timer never fires during a test.
	const poller = createPoller({store, load: () => discover(), intervalMs: 3_600_000});
	await poller.refreshNow();
	const tui = await renderTui({
		store,
		poller,
		columns: 160,
		rows: 50,
		readOnly: options.readOnly ?? null,
		suspend: options.suspend,
	});
	const view = () => deriveView(store.getState());
	return {
		...tui,
		poller,
		view,
		/** Waits until `check` holds, failing with `what` and the screen after `timeoutMs`. */
		async until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
			const deadline = Date.now() + timeoutMs;
			while (Date.now() < deadline) {
				if (await check()) return;
				await delay(25);
			}
			assert.fail(`timed out waiting for ${what}; the screen was:\n${tui.frame()}`);
		},
		/** Focuses the Namespaces pane and selects `name` through the `/` filter. */
		async selectNamespace(name: string) {
			await poller.refreshAfterChange();
			await tui.press('1', keys.escape, '/', name, keys.enter);
			assert.equal(
				view().selectedNamespace?.name ?? view().selectedNamespace?.processes[0]?.pid.toString(),
				name,
				`${name} is selected`,
			);
		},
		/** In the selected namespace, focuses the Interfaces pane on `name`. */
		async selectInterface(name: string) {
			await tui.press('2', keys.escape, '/', name, keys.enter);
			// The filter also matches a veth whose peer has that name: go down to the row itself.
			const rows = view().interfaces.rows;
			const steps = rows.findIndex(row => row.link.name === name) - view().interfaces.selected;
			for (let step = 0; step < steps; step++) await tui.press('j');
			assert.equal(view().interfaces.rows[view().interfaces.selected]?.link.name, name);
		},
		/**
		 * Types text into the open prompt or picker (one chunk, as a paste), then Enter.
		 * Waits for the field to be on screen first: keys typed before a dialog has
		 * mounted are not taken for commands, they are dropped.
		 */
		async answer(text: string) {
			const modal = store.getState().modal;
			assert.equal(modal?.kind, 'form', 'a form is open');
			const field = modal.form.fields[modal.step]!;
			await this.until(`the field "${field.label}"`, () =>
				tui.frame().includes(field.label.slice(0, 40)),
			);
			await tui.settle();
			if (text !== '') {
				await tui.press(text);
				await this.until(`"${text.slice(0, 20)}" typed`, () =>
					tui.frame().includes(text.slice(0, 20)),
				);
			}
			await tui.press(keys.enter);
			await tui.settle();
		},
		/** Esc until the form is closed: each Esc goes back a step, the first step's closes it. */
		async closeForm() {
			for (let step = 0; store.getState().modal?.kind === 'form' && step < 10; step++)
				await tui.press(keys.escape);
			assert.equal(store.getState().modal, null, 'the form closed');
		},
		/** Waits for the confirmation, then answers it with `key`. */
		async confirm(key: string) {
			await this.until('the confirmation', () => store.getState().modal?.kind === 'confirm');
			await tui.settle();
			await tui.press(key);
			await tui.settle();
		},
		modalKind: () => store.getState().modal?.kind ?? null,
		message: () => store.getState().message?.text ?? '',
	};
}

export const logLength = () => commandLog.getSnapshot().length;

export type LiveTui = Awaited<ReturnType<typeof renderLive>>;
