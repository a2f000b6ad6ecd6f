// Where the open dialog is drawn: a framed box in place of the lower panes, only
// as tall as it needs, so the namespaces and interfaces above stay in view and
// keep updating. Its keys are in each dialog's *-keys.ts.
import {Box} from 'ink';
import {ConfirmDialog, confirmHeight} from './confirm/ConfirmDialog.js';
import type {Modal} from './dialog-state.js';
import {FormDialog, formHeight} from './forms/FormDialog.js';
import {OutputPopup} from './popup/OutputPopup.js';
import {popupHeight} from './popup/popup-size.js';
import {dialogRows} from './popup/popup-keys.js';

type Props = {modal: Modal; width: number; height: number};

/** Columns inside the frame: a border and a column of padding each side. */
const innerWidth = (width: number) => Math.max(width - 4, 1);

/** The lines the dialog would fill at `width` columns, its frame included. */
export function dialogHeight(modal: Modal, width: number): number {
	const inside =
		modal.kind === 'form'
			? formHeight(modal)
			: modal.kind === 'confirm'
				? confirmHeight(modal.consequences, innerWidth(width))
				: popupHeight(modal);
	return inside + 2;
}

export function DialogHost({modal, width, height}: Props) {
	// Inside the frame: two lines of border, one column of padding each side.
	const rows = dialogRows(height);
	return (
		<Box
			width={width}
			height={height}
			borderStyle="round"
			paddingX={1}
			flexDirection="column"
			overflow="hidden"
		>
			{modal.kind === 'form' ? <FormDialog modal={modal} rows={rows} /> : null}
			{modal.kind === 'confirm' ? (
				<ConfirmDialog consequences={modal.consequences} width={innerWidth(width)} />
			) : null}
			{modal.kind === 'popup' ? <OutputPopup modal={modal} rows={rows} /> : null}
		</Box>
	);
}
