// Plain-text cells for the drawings: every line must stay within the width it is given.

/** `text` cut to `width` columns, ending in … when something was cut. */
export function fit(text: string, width: number): string {
	if (text.length <= width) return text;
	return width <= 0 ? '' : `${text.slice(0, width - 1)}…`;
}

/** `text` cut or padded with spaces to exactly `width` columns. */
export function cell(text: string, width: number): string {
	return fit(text, width).padEnd(width);
}
