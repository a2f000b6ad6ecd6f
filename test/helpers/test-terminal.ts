// A small terminal for the frame diff's tests: a grid of cells that understands
// what the diff writes (cursor moves, erasing, SGR styles, wide characters,
// synchronized-update marks) and refuses anything else, so a sequence the diff
// starts to use without a test fails loudly.
import stringWidth from 'string-width';
import {lineCells, type Cell} from '../../source/model/frame-cells.js';

const blank = (): Cell => ({text: ' ', style: ''});
const segmenter = new Intl.Segmenter();

export class TestTerminal {
	grid: Cell[][];
	private row = 0;
	private column = 0;
	/** The SGR sequences since the last reset, as written. */
	private pen = '';

	constructor(
		readonly columns: number,
		readonly rows: number,
	) {
		this.grid = Array.from({length: rows}, () => Array.from({length: columns}, blank));
	}

	/** The style key the frame cells give text written with the current pen. */
	private style() {
		return lineCells(`${this.pen}x`)![0]!.style;
	}

	write(bytes: string) {
		for (let at = 0; at < bytes.length;) {
			if (bytes[at] === '\u001B') {
				const csi = /^\u001B\[([?0-9;]*)([A-Za-z])/.exec(bytes.slice(at, at + 32));
				if (!csi) throw new Error(`unknown escape at ${JSON.stringify(bytes.slice(at, at + 16))}`);
				this.control(csi[1]!, csi[2]!);
				at += csi[0].length;
				continue;
			}
			const next = bytes.indexOf('\u001B', at);
			const text = bytes.slice(at, next === -1 ? undefined : next);
			for (const {segment} of segmenter.segment(text)) this.print(segment);
			at += text.length;
		}
	}

	/** What one row shows, as the frame cells of a line would say it. */
	rowCells(row: number): Cell[] {
		return this.grid[row]!;
	}

	private control(parameters: string, final: string) {
		const numbers = parameters.split(';').map(n => (n === '' ? undefined : Number(n)));
		switch (final) {
			case 'H':
				this.row = (numbers[0] ?? 1) - 1;
				this.column = (numbers[1] ?? 1) - 1;
				return;
			case 'G':
				this.column = (numbers[0] ?? 1) - 1;
				return;
			case 'K':
				if (parameters !== '') throw new Error(`EL ${parameters}`);
				this.fixWide(this.row, this.column);
				for (let c = Math.min(this.column, this.columns); c < this.columns; c++)
					this.grid[this.row]![c] = blank();
				return;
			case 'J':
				if (parameters !== '2') throw new Error(`ED ${parameters}`);
				for (const line of this.grid) for (let c = 0; c < this.columns; c++) line[c] = blank();
				return;
			case 'm':
				if (parameters === '' || parameters === '0') this.pen = '';
				else if (parameters.startsWith('0;')) this.pen = `\u001B[${parameters.slice(2)}m`;
				else this.pen += `\u001B[${parameters}m`;
				return;
			case 'h':
			case 'l':
				if (!['?2026', '?25'].includes(parameters)) throw new Error(`mode ${parameters}`);
				return;
			default:
				throw new Error(`unknown control ${parameters}${final}`);
		}
	}

	private print(segment: string) {
		const width = stringWidth(segment);
		if (width === 0) return;
		if (this.column + width > this.columns) {
			this.row++;
			this.column = 0;
		}
		if (this.row >= this.rows) throw new Error('wrote past the last row (the screen would scroll)');
		const line = this.grid[this.row]!;
		// Writing over half of a wide character blanks its other half.
		this.fixWide(this.row, this.column);
		this.fixWide(this.row, this.column + width);
		line[this.column] = {text: segment, style: this.style()};
		for (let extra = 1; extra < width; extra++)
			line[this.column + extra] = {text: '', style: this.style()};
		this.column += width;
	}

	/** Before cells change from `column` on (or up to it): a wide character that edge cuts is blanked whole. */
	private fixWide(row: number, column: number) {
		const line = this.grid[row]!;
		if (column <= 0 || column >= this.columns || line[column]!.text !== '') return;
		let lead = column - 1;
		while (lead > 0 && line[lead]!.text === '') lead--;
		let end = column;
		while (end < this.columns && line[end]!.text === '') end++;
		for (let c = lead; c < end; c++) line[c] = blank();
	}
}
