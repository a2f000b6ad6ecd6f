// What a terminal shows, and the bytes that turn it into the next frame: only
// the cells that change are written, each run of them after one cursor move.
// Over SSH every byte of a frame is paid for on each key; most of a frame is
// the same as the one before (the selection moved one row).
import {blankCell, lineCells, type Cell, type LineCells} from './frame-cells.js';

export type ScreenSize = {columns: number; rows: number};

const csi = '\u001B[';
const resetStyle = `${csi}0m`;
const eraseToEndOfLine = `${csi}K`;
/** Unchanged cells between two changed runs that are written again rather than jumped over (a jump is 4-8 bytes). */
const mergeGap = 4;

/** A cell no frame has: the columns of a line whose cells are not known all differ from it. */
const unknownCell: Cell = {text: '\u0000', style: '?'};

const sameCell = (a: Cell, b: Cell) => a.text === b.text && a.style === b.style;
const isBlank = (cell: Cell) => cell.text === ' ' && cell.style === '';

/** Where the cells of a line end once its trailing blanks are left out. */
function contentEnd(cells: readonly Cell[]): number {
	let end = cells.length;
	while (end > 0 && isBlank(cells[end - 1]!)) end--;
	return end;
}

export class TerminalScreen {
	private lines: string[] = [];
	private cells: Array<LineCells | undefined> = [];
	private output = '';
	private pen = '';
	private cursor: {row: number; column: number} | null = null;

	/** The terminal was cleared: every cell is blank. */
	clear() {
		this.lines = [];
		this.cells = [];
	}

	/** The bytes that make the terminal show `frame` (lines split by newlines); '' when it shows it already. */
	update(frame: string, size: ScreenSize): string {
		const next = frame.split('\n').slice(0, size.rows);
		this.output = '';
		this.pen = '';
		this.cursor = null;
		const rows = Math.min(Math.max(this.lines.length, next.length), size.rows);
		const nextCells: Array<LineCells | undefined> = [];
		for (let row = 0; row < rows; row++) {
			const before = this.lines[row] ?? '';
			const after = next[row] ?? '';
			if (before === after) {
				nextCells[row] = this.cells[row];
				continue;
			}
			const cells = lineCells(after);
			nextCells[row] = cells;
			if (cells === null) this.writeRaw(row, after);
			else this.writeLine(row, this.cellsOf(row), cells, size.columns);
		}
		if (this.pen !== '') this.output += resetStyle;
		this.lines = next;
		this.cells = nextCells;
		return this.output;
	}

	/** What the terminal shows on a row; null when its line was written whole (not known cell by cell). */
	private cellsOf(row: number): LineCells {
		let cells = this.cells[row];
		if (cells === undefined) cells = this.cells[row] = lineCells(this.lines[row] ?? '');
		return cells;
	}

	/** A line with escape sequences the cells do not model: written whole, at its place. */
	private writeRaw(row: number, line: string) {
		this.moveTo(row, 0);
		this.setPen('');
		this.output += `${line}${resetStyle}${eraseToEndOfLine}`;
		this.cursor = null;
	}

	private writeLine(row: number, before: LineCells, after: readonly Cell[], columns: number) {
		const width = Math.min(
			columns,
			before === null ? columns : Math.max(before.length, after.length),
		);
		const old = (column: number) => (before === null ? unknownCell : (before[column] ?? blankCell));
		const now = (column: number) => after[column] ?? blankCell;
		const end = Math.min(contentEnd(after), width);
		for (let column = 0; column < width;) {
			if (sameCell(old(column), now(column))) {
				column++;
				continue;
			}
			let start = column;
			let last = column;
			for (let next = column + 1; next < width && next - last <= mergeGap + 1; next++)
				if (!sameCell(old(next), now(next))) last = next;
			// Never half of a wide character.
			while (start > 0 && now(start).text === '') start--;
			while (last + 1 < width && now(last + 1).text === '') last++;
			if (last >= end && width - end > 0 && last + 1 - end > eraseToEndOfLine.length) {
				this.writeCells(row, start, Math.max(start, end), now);
				this.setPen('');
				this.output += eraseToEndOfLine;
				return;
			}
			this.writeCells(row, start, last + 1, now);
			column = last + 1;
		}
	}

	private writeCells(row: number, from: number, to: number, now: (column: number) => Cell) {
		this.moveTo(row, from);
		for (let column = from; column < to; column++) {
			const cell = now(column);
			if (cell.text === '') continue;
			this.setPen(cell.style);
			this.output += cell.text;
		}
		this.cursor = {row, column: to};
	}

	private moveTo(row: number, column: number) {
		const at = this.cursor;
		if (at && at.row === row && at.column === column) return;
		if (at && at.row === row) this.output += `${csi}${column + 1}G`;
		else this.output += column === 0 ? `${csi}${row + 1}H` : `${csi}${row + 1};${column + 1}H`;
		this.cursor = {row, column};
	}

	private setPen(style: string) {
		if (style === this.pen) return;
		this.output +=
			style === '' ? resetStyle : this.pen === '' ? `${csi}${style}m` : `${csi}0;${style}m`;
		this.pen = style;
	}
}
