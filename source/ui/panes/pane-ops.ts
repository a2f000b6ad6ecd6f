// What a pane's own keys may do to the panes, handed to them in the key
// context: a pane's entry cannot import pane-updates.ts or derive-view.ts,
// which loop over the registry that imports the entry (an import cycle that
// a one-file bundle with Ink's top-level await cannot start).
import {deriveView} from './derive-view.js';
import {focusPane, selectNamespace, selectRowWhere} from './pane-updates.js';

export const paneOps = {deriveView, focusPane, selectNamespace, selectRowWhere};

export type PaneOps = typeof paneOps;
