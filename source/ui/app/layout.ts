// Where everything goes for a terminal size. The frame is one line shorter than
// the terminal: with ink 6 a frame of full height makes it clear the whole
// screen on every render, which flickers.
import type {PaneId} from './tui-store.js';

export type PaneBox = {width: number; height: number; /** list rows under the title and column header */ listRows: number};

export type TuiLayout = {
	width: number;
	height: number;
	headerHeight: number;
	bannerHeight: number;
	statusHeight: number;
	/** Height of the area the panes (or an overlay) fill. */
	bodyHeight: number;
	panes: Record<PaneId, PaneBox>;
};

/** Title line and column header line of each pane. */
const paneChrome = 2;

export function computeLayout(columns: number, rows: number, options: {banner: boolean}): TuiLayout {
	const width = Math.max(columns, 20);
	const height = Math.max(rows - 1, 8);
	const headerHeight = 1;
	const bannerHeight = options.banner ? 1 : 0;
	const statusHeight = 2;
	const bodyHeight = Math.max(height - headerHeight - bannerHeight - statusHeight, 4);
	const topHeight = Math.ceil(bodyHeight / 2);
	const bottomHeight = bodyHeight - topHeight;
	// One column between the two panes of a row is their separator.
	const namespacesWidth = clamp(Math.floor(width * 0.4), 30, 64);
	const routesWidth = Math.floor(width / 2);
	const box = (boxWidth: number, boxHeight: number): PaneBox => ({
		width: Math.max(boxWidth, 1),
		height: boxHeight,
		listRows: Math.max(boxHeight - paneChrome, 0),
	});
	return {
		width,
		height,
		headerHeight,
		bannerHeight,
		statusHeight,
		bodyHeight,
		panes: {
			namespaces: box(namespacesWidth, topHeight),
			interfaces: box(width - namespacesWidth - 1, topHeight),
			routes: box(routesWidth, bottomHeight),
			processes: box(width - routesWidth - 1, bottomHeight),
		},
	};
}

function clamp(value: number, low: number, high: number): number {
	return Math.min(Math.max(value, low), high);
}
