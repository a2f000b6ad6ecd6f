// The live capture view's registry entry (c on an interface).
import type {CaptureViewStateFull} from '../full-view-state.js';
import type {ViewSpec} from '../view-spec.js';
import {CaptureView} from './CaptureView.js';
import {captureFilterTables, captureTables} from './capture-keys.js';

export const captureView: ViewSpec<CaptureViewStateFull> = {
	kind: 'capture',
	Component: CaptureView,
	tables: view => (view.editingFilter ? captureFilterTables : captureTables),
	help: [captureTables[0]!],
};
