// How much of a popup's output is on screen, and where it is scrolled to.
import type {PopupModal} from '../dialog-state.js';

/** Lines inside the frame: the title, the output, the key line. */
export const popupHeight = (modal: PopupModal) => 2 + Math.max(modal.lines.length, 1);

/** The output lines on screen for `rows` inside the frame. */
export const popupPage = (rows: number) => Math.max(rows - 2, 1);

/** The first line shown: where it was scrolled to, else the newest lines. */
export function popupTop(modal: PopupModal, rows: number): number {
	const last = Math.max(modal.lines.length - popupPage(rows), 0);
	return modal.top === null ? last : Math.min(modal.top, last);
}
