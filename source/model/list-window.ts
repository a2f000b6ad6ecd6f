// Which slice of a long list is on screen: only those rows are rendered, so a
// list of thousands costs no more than a screenful.

export type ListWindow = {start: number; end: number};

/**
 * The first visible row for `selected`, moving as little as possible from
 * `previousStart` (the list scrolls only when the selection would leave the view).
 */
export function scrollWindow(
	total: number,
	selected: number,
	height: number,
	previousStart = 0,
): ListWindow {
	if (height <= 0 || total <= 0) return {start: 0, end: 0};
	const maxStart = Math.max(0, total - height);
	let start = Math.min(Math.max(previousStart, 0), maxStart);
	if (selected < start) start = selected;
	else if (selected >= start + height) start = selected - height + 1;
	start = Math.min(Math.max(start, 0), maxStart);
	return {start, end: Math.min(total, start + height)};
}
