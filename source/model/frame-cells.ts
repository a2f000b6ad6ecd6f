// One line of a frame as Ink renders it (text and SGR colour sequences) read
// into the terminal's cells: what each column shows, and in which style. The
// frame diff (frame-diff.ts) compares cells, so it can write only the columns
// that change.
import stringWidth from 'string-width';

export type Cell = {
	/** What the column shows; '' for the second column of a wide character. */
	text: string;
	/** The SGR parameters that set this cell's style after a reset; '' is the default style. */
	style: string;
};

export const blankCell: Cell = {text: ' ', style: ''};

/** A line's cells, or null when it holds an escape sequence other than SGR (written whole, as it is). */
export type LineCells = Cell[] | null;

/** The style state SGR parameters build up, one slot per attribute a later parameter can undo. */
type Style = {
	weight?: string;
	italic?: string;
	underline?: string;
	blink?: string;
	inverse?: string;
	hidden?: string;
	strike?: string;
	overline?: string;
	fg?: string;
	bg?: string;
	underlineColor?: string;
	/** Parameters nstui does not know: kept, and undone only by a reset. */
	other?: string;
};

const flags: Record<string, [keyof Style, string | undefined]> = {
	'1': ['weight', '1'],
	'2': ['weight', '2'],
	'22': ['weight', undefined],
	'3': ['italic', '3'],
	'23': ['italic', undefined],
	'4': ['underline', '4'],
	'21': ['underline', '21'],
	'24': ['underline', undefined],
	'5': ['blink', '5'],
	'6': ['blink', '6'],
	'25': ['blink', undefined],
	'7': ['inverse', '7'],
	'27': ['inverse', undefined],
	'8': ['hidden', '8'],
	'28': ['hidden', undefined],
	'9': ['strike', '9'],
	'29': ['strike', undefined],
	'53': ['overline', '53'],
	'55': ['overline', undefined],
	'39': ['fg', undefined],
	'49': ['bg', undefined],
	'59': ['underlineColor', undefined],
};

const order: Array<keyof Style> = [
	'weight',
	'italic',
	'underline',
	'blink',
	'inverse',
	'hidden',
	'strike',
	'overline',
	'fg',
	'bg',
	'underlineColor',
	'other',
];

/** Applies one SGR sequence's parameters (the text between `ESC [` and `m`). */
function applySgr(style: Style, parameters: string): Style {
	const next = {...style};
	const codes = parameters === '' ? ['0'] : parameters.split(';');
	for (let i = 0; i < codes.length; i++) {
		const code = codes[i]!;
		const number = Number(code);
		if (code === '0' || code === '') {
			for (const key of order) delete next[key];
		} else if (code in flags) {
			const [slot, value] = flags[code]!;
			if (value === undefined) delete next[slot];
			else next[slot] = value;
		} else if ((number >= 30 && number <= 37) || (number >= 90 && number <= 97)) {
			next.fg = code;
		} else if ((number >= 40 && number <= 47) || (number >= 100 && number <= 107)) {
			next.bg = code;
		} else if (code === '38' || code === '48' || code === '58') {
			// 38;5;N or 38;2;R;G;B (and the same for the background and the underline).
			const length = codes[i + 1] === '5' ? 2 : codes[i + 1] === '2' ? 4 : 0;
			const value = codes.slice(i, i + 1 + length).join(';');
			i += length;
			next[code === '38' ? 'fg' : code === '48' ? 'bg' : 'underlineColor'] = value;
		} else {
			next.other = next.other ? `${next.other};${code}` : code;
		}
	}
	return next;
}

const styleKey = (style: Style) =>
	order.flatMap(key => (style[key] === undefined ? [] : [style[key]])).join(';');

const segmenter = new Intl.Segmenter();

/** The cells of one line; columns it does not reach are not in the array (they are blank). */
export function lineCells(line: string): LineCells {
	const cells: Cell[] = [];
	let style: Style = {};
	let key = '';
	let text = '';
	const flush = () => {
		if (text === '') return;
		if (/^[\x20-\x7e]*$/.test(text)) {
			for (const character of text) cells.push({text: character, style: key});
		} else {
			for (const {segment} of segmenter.segment(text)) {
				const width = stringWidth(segment);
				if (width === 0) {
					// A mark that joins the character before it (or nothing to join: dropped).
					let last = cells.length - 1;
					while (last >= 0 && cells[last]!.text === '') last--;
					if (last >= 0) cells[last] = {...cells[last]!, text: cells[last]!.text + segment};
					continue;
				}
				cells.push({text: segment, style: key});
				for (let extra = 1; extra < width; extra++) cells.push({text: '', style: key});
			}
		}
		text = '';
	};
	for (let at = 0; at < line.length;) {
		const escape = line.indexOf('\u001B', at);
		if (escape === -1) {
			text += line.slice(at);
			break;
		}
		text += line.slice(at, escape);
		const sgr = /^\u001B\[([0-9;]*)m/.exec(line.slice(escape, escape + 64));
		if (!sgr) return null;
		flush();
		style = applySgr(style, sgr[1]!);
		key = styleKey(style);
		at = escape + sgr[0].length;
	}
	flush();
	return cells;
}
