// Fixed-width text for the panes' columns and the drawings: every line must
// stay within the width it is given. Widths are terminal columns, not string
// length: a CJK character or an emoji takes two, a combining mark none.
import stringWidth from 'string-width';
import {shown, shownParts, type ShownPart} from './shown-text.js';

const printableAscii = /^[\x20-\x7e]*$/;

/** The columns `text` takes on a terminal. */
export function textWidth(text: string): number {
	return printableAscii.test(text) ? text.length : stringWidth(text);
}

/** `text` cut to `width` columns, ending in … when something was cut. */
export function fit(text: string, width: number): string {
	if (printableAscii.test(text)) {
		if (text.length <= width) return text;
		return width <= 0 ? '' : `${text.slice(0, width - 1)}…`;
	}
	if (textWidth(text) <= width) return text;
	if (width <= 0) return '';
	let out = '';
	let used = 0;
	for (const character of text) {
		const columns = stringWidth(character);
		if (used + columns > width - 1) break;
		out += character;
		used += columns;
	}
	return `${out}…`;
}

/** `text` cut or padded to exactly `width` columns; a cut ends in `…`. */
export function cell(text: string, width: number, align: 'left' | 'right' = 'left'): string {
	if (width <= 0) return '';
	const fitted = fit(text, width);
	const padding = ' '.repeat(Math.max(width - textWidth(fitted), 0));
	return align === 'left' ? fitted + padding : padding + fitted;
}

/** Text from the system (a name, a command line, a message) as a cell: shown() first, then cut. */
export function shownCell(raw: string, width: number, align: 'left' | 'right' = 'left'): string {
	return cell(shown(raw), width, align);
}

/**
 * shownCell() in pieces, the escapes apart (a view marks them); their text
 * joined is shownCell(raw, width, align).
 */
export function shownCellParts(
	raw: string,
	width: number,
	align: 'left' | 'right' = 'left',
): ShownPart[] {
	const parts = shownParts(raw);
	if (parts.length <= 1 || !parts.some(part => part.escaped))
		return [{text: shownCell(raw, width, align), escaped: false}];
	const whole = parts.map(part => part.text).join('');
	const fitted = fit(whole, width);
	const out: ShownPart[] = [];
	let left = fitted.length - (fitted === whole ? 0 : 1); // characters of `whole` kept before the …
	for (const part of parts) {
		if (left <= 0) break;
		out.push({text: part.text.slice(0, left), escaped: part.escaped});
		left -= part.text.length;
	}
	if (fitted !== whole) out.push({text: '…', escaped: false});
	const padding = ' '.repeat(Math.max(width - textWidth(fitted), 0));
	if (padding) {
		if (align === 'left') out.push({text: padding, escaped: false});
		else out.unshift({text: padding, escaped: false});
	}
	return out;
}

export function clockTime(at: number): string {
	return new Date(at).toTimeString().slice(0, 8);
}

/** `text` on lines of at most `width`, broken at spaces where it can be, later lines after `indent`. */
export function wrapText(text: string, width: number, indent: string): string[] {
	const lines: string[] = [];
	let rest = text;
	// A width no wider than the indent would never shorten what is left: such text stays on one line.
	while (rest.length > width && width > indent.length + 1) {
		const space = rest.lastIndexOf(' ', width);
		const cut = space > indent.length ? space : width;
		lines.push(rest.slice(0, cut).trimEnd());
		rest = indent + rest.slice(cut).trimStart();
	}
	lines.push(rest);
	return lines;
}
