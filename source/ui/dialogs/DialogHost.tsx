// Where the open dialog is drawn: a framed box in place of the lower panes, so
// the namespaces and interfaces above stay in view and keep updating.
import {Box} from 'ink';
import type {ActionHost} from '../app/action-host.js';
import {ConfirmDialog} from './confirm/ConfirmDialog.js';
import {FormDialog} from './forms/FormDialog.js';
import {closeModal, type Modal} from './dialog-state.js';
import {OutputPopup} from './popup/OutputPopup.js';
import {showMessage} from '../app/state-updates.js';

type Props = {host: ActionHost; modal: Modal; width: number; height: number};

export function ModalHost({host, modal, width, height}: Props) {
	// Inside the frame: two lines of border, one column of padding each side.
	const rows = Math.max(height - 2, 1);
	const close = () => closeModal(host.store);
	return (
		<Box width={width} height={height} borderStyle="round" paddingX={1} flexDirection="column" overflow="hidden">
			{modal.kind === 'form' ? <FormDialog host={host} form={modal.form} step={modal.step} answers={modal.answers} rows={rows} /> : null}
			{modal.kind === 'confirm' ? (
				<ConfirmDialog
					consequences={modal.consequences}
					onConfirm={modal.onConfirm}
					onCancel={() => {
						close();
						showMessage(host.store, {text: 'cancelled: nothing was run', kind: 'info'});
					}}
				/>
			) : null}
			{modal.kind === 'popup' ? <OutputPopup title={modal.title} lines={modal.lines} running={modal.running} rows={rows} onClose={close} /> : null}
		</Box>
	);
}
