// Fixed-width text for the panes' columns and the drawings: every line must
// stay within the width it is given.

/** `text` cut to `width` columns, ending in … when something was cut. */
export function fit(text: string, width: number): string {
	if (text.length <= width) return text;
	return width <= 0 ? '' : `${text.slice(0, width - 1)}…`;
}

/** `text` cut or padded to exactly `width` characters; a cut ends in `…`. */
export function cell(text: string, width: number, align: 'left' | 'right' = 'left'): string {
	if (width <= 0) return '';
	const fitted = fit(text, width);
	return align === 'left' ? fitted.padEnd(width) : fitted.padStart(width);
}

export function clockTime(at: number): string {
	return new Date(at).toTimeString().slice(0, 8);
}

/** `text` on lines of at most `width`, broken at spaces where it can be, later lines after `indent`. */
export function wrapText(text: string, width: number, indent: string): string[] {
	const lines: string[] = [];
	let rest = text;
	while (rest.length > width) {
		const space = rest.lastIndexOf(' ', width);
		const cut = space > indent.length ? space : width;
		lines.push(rest.slice(0, cut).trimEnd());
		rest = indent + rest.slice(cut).trimStart();
	}
	lines.push(rest);
	return lines;
}
