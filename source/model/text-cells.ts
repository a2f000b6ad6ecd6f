// Fixed-width cells for the panes' columns.

/** `text` cut or padded to exactly `width` characters; a cut ends in `…`. */
export function cell(text: string, width: number, align: 'left' | 'right' = 'left'): string {
	if (width <= 0) return '';
	if (text.length > width) return width === 1 ? '…' : `${text.slice(0, width - 1)}…`;
	return align === 'left' ? text.padEnd(width) : text.padStart(width);
}

export function clockTime(at: number): string {
	return new Date(at).toTimeString().slice(0, 8);
}
