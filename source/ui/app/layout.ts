// Where everything goes for a terminal size. The frame is one line shorter than
// the terminal: with ink 6 a frame of full height makes it clear the whole
// screen on every render, which flickers.
//
// The panes sit in two rows (each pane's place is in its registry entry). The
// rows are sized by what they hold: a long namespace list takes the lines a
// short routes list leaves free. A dialog takes the lower row's place, only as
// tall as it needs; a zoomed pane (z) takes the whole body.
import {paneRegistry, perPane, type PaneId} from '../panes/registry.js';

export type PaneBox = {
	width: number;
	height: number;
	/** list rows under the title and column header */ listRows: number;
};

export type TuiLayout = {
	width: number;
	height: number;
	headerHeight: number;
	bannerHeight: number;
	statusHeight: number;
	/** Height of the area the panes (or a view or an overlay) fill. */
	bodyHeight: number;
	/** Height of each row of panes (0 when not shown). */
	rows: {upper: number; lower: number};
	/** The dialog's height, in place of the lower row; 0 without a dialog. */
	dialogHeight: number;
	panes: Record<PaneId, PaneBox>;
	zoomed: PaneId | null;
};

export type LayoutOptions = {
	banner: boolean;
	/** Lines each pane would fill (its rows); the rows of panes are sized by them. */
	wanted?: Partial<Record<PaneId, number>>;
	/** Lines the open dialog needs, frame included; null without one. */
	dialog?: number | null;
	zoomed?: PaneId | null;
	/** Panes not on screen (one of two that share a place): no room, no width; by default those that share another's place. */
	hidden?: ReadonlySet<PaneId>;
};

/** Title line and column header line of each pane. */
const paneChrome = 2;
/** A pane never shrinks below its chrome and two rows. */
const minimumPane = paneChrome + 2;

export function computeLayout(columns: number, rows: number, options: LayoutOptions): TuiLayout {
	const width = Math.max(columns, 20);
	const height = Math.max(rows - 1, 8);
	const headerHeight = 1;
	const bannerHeight = options.banner ? 1 : 0;
	const statusHeight = 2;
	const bodyHeight = Math.max(height - headerHeight - bannerHeight - statusHeight, 4);
	const box = (boxWidth: number, boxHeight: number): PaneBox => ({
		width: Math.max(boxWidth, 1),
		height: boxHeight,
		listRows: Math.max(boxHeight - paneChrome, 0),
	});
	const base = {width, height, headerHeight, bannerHeight, statusHeight, bodyHeight};
	const zoomed = options.zoomed ?? null;
	if (zoomed && !options.dialog) {
		return {
			...base,
			rows: {upper: 0, lower: 0},
			dialogHeight: 0,
			zoomed,
			panes: perPane(id => (id === zoomed ? box(width, bodyHeight) : box(0, 0))),
		};
	}
	// Unsaid: the panes that share another's place are behind it (as at start).
	const hidden =
		options.hidden ??
		new Set<PaneId>(
			paneRegistry.filter(pane => (pane.place as {shares?: string}).shares).map(pane => pane.id),
		);
	const shownIn = (row: 'upper' | 'lower') =>
		paneRegistry.filter(pane => pane.place.row === row && !hidden.has(pane.id));
	const wantedOf = (row: 'upper' | 'lower') =>
		Math.max(
			paneChrome + 1,
			...shownIn(row).map(
				pane => paneChrome + Math.max(options.wanted?.[pane.id] ?? Number.POSITIVE_INFINITY, 1),
			),
		);
	const [upper, lower] = options.dialog
		? splitForDialog(bodyHeight, options.dialog)
		: split(bodyHeight, wantedOf('upper'), wantedOf('lower'));
	const widths = {...rowWidths(shownIn('upper'), width), ...rowWidths(shownIn('lower'), width)};
	return {
		...base,
		rows: {upper, lower: options.dialog ? 0 : lower},
		dialogHeight: options.dialog ? lower : 0,
		zoomed: null,
		panes: perPane(id => {
			const place = paneRegistry.find(pane => pane.id === id)!.place;
			if (hidden.has(id)) return box(0, 0);
			return box(widths[id] ?? 0, place.row === 'upper' ? upper : options.dialog ? 0 : lower);
		}),
	};
}

/** Halves, unless one row needs less than its half: then the other takes what it leaves. */
function split(body: number, upperWants: number, lowerWants: number): [number, number] {
	const half = Math.ceil(body / 2);
	if (upperWants <= half) {
		const upper = Math.max(Math.min(upperWants, body - minimumPane), Math.min(minimumPane, half));
		return [upper, body - upper];
	}
	if (lowerWants <= body - half) {
		const lower = Math.max(
			Math.min(lowerWants, body - minimumPane),
			Math.min(minimumPane, body - half),
		);
		return [body - lower, lower];
	}
	return [half, body - half];
}

/**
 * The dialog gets what it needs, up to all but a third of the body: the upper
 * panes (what the dialog acts on) stay in view. They keep the rest.
 */
function splitForDialog(body: number, dialogWants: number): [number, number] {
	const upperKeeps = Math.max(minimumPane, Math.floor(body / 3));
	const dialog = Math.max(Math.min(dialogWants, body - upperKeeps), Math.min(3, body));
	return [body - dialog, dialog];
}

/** The widths of one row's panes: fixed ones from their entry, the rest sharing what is left (one column between panes). */
function rowWidths(
	panes: ReadonlyArray<(typeof paneRegistry)[number]>,
	total: number,
): Partial<Record<PaneId, number>> {
	const fixed = panes.map(pane => (pane.place.width ? Math.max(pane.place.width(total), 1) : null));
	const free =
		total - (panes.length - 1) - fixed.reduce<number>((sum, width) => sum + (width ?? 0), 0);
	const flexible = fixed.filter(width => width === null).length;
	const widths: Partial<Record<PaneId, number>> = {};
	let given = 0;
	panes.forEach((pane, index) => {
		const share = fixed[index] ?? Math.floor(free / flexible);
		widths[pane.id] = share;
		given += share;
	});
	// What division leaves over goes to the last pane.
	const last = panes.at(-1);
	if (last) widths[last.id]! += total - (panes.length - 1) - given;
	return widths;
}
