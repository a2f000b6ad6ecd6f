// The help's lines and pages: the key tables' groups flowed down columns, and,
// where they do not fit, pages of whole groups (see HelpView.tsx).
import {keyLabel} from '../../keys/key-press.js';
import type {KeyTable} from '../../keys/key-table.js';

export type HelpLine = {
	keys: string;
	text: string;
	kind: 'group' | 'entry' | 'unavailable' | 'blank';
};

/** Wide enough for most keys (`n Esc Enter`, `Alt-BkSp`) and a space; longer ones get a line of their own. */
export const keyWidth = 12;
const minimumColumnWidth = 38;

function wrapWords(text: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(' ')) {
		if (line !== '' && line.length + 1 + word.length > width) {
			lines.push(line);
			line = word;
		} else line = line === '' ? word : `${line} ${word}`;
	}
	return [...lines, line];
}

export function helpLines(
	sections: readonly KeyTable[],
	readOnly: boolean,
	textWidth: number,
): HelpLine[] {
	return helpGroups(sections, readOnly, textWidth).flatMap((group, index) =>
		index === 0 ? group : [blankLine, ...group],
	);
}

const blankLine: HelpLine = {keys: '', text: '', kind: 'blank'};

/** A key's ids as the help writes them: `j ↓`, `Ctrl-R`. */
export const keysText = (keys: readonly string[]) => keys.map(keyLabel).join(' ');

/** Each group's lines: its title, then its keys (descriptions wrapped to `textWidth`). */
function helpGroups(
	sections: readonly KeyTable[],
	readOnly: boolean,
	textWidth: number,
): HelpLine[][] {
	return sections.map(section => {
		const lines: HelpLine[] = [{keys: '', text: section.title, kind: 'group'}];
		const add = (keys: string, text: string, unavailable: boolean) => {
			const kind = unavailable ? 'unavailable' : 'entry';
			// Keys too long for their column (`Backspace Ctrl-H`) stand alone above their description, never cut.
			const alone = [...keys].length >= keyWidth;
			if (alone) lines.push({keys, text: '', kind});
			wrapWords(text, textWidth).forEach((part, index) =>
				lines.push({keys: index === 0 && !alone ? keys : '', text: part, kind}),
			);
		};
		for (const entry of section.entries) {
			const unavailable = readOnly && entry.changesSystem === true;
			add(
				keysText(entry.keys),
				`${entry.description}${unavailable ? ' (unavailable: read-only)' : ''}`,
				unavailable,
			);
		}
		if (section.typing) add('text', section.typing.description, false);
		return lines;
	});
}

/** Lines down columns of `height`: no column starts with a blank line, no group title ends one, no key's description is split. */
function flow(lines: readonly HelpLine[], height: number): HelpLine[][] {
	const columns: HelpLine[][] = [[]];
	for (const line of lines) {
		let column = columns.at(-1)!;
		if (
			column.length === height ||
			(line.kind === 'group' && column.length === height - 1 && height > 1)
		) {
			// A description's second line takes its first one along to the next column.
			const continued = line.keys === '' && (line.kind === 'entry' || line.kind === 'unavailable');
			let moved: HelpLine[] = [];
			if (continued) {
				let head = column.length - 1;
				while (head > 0 && column[head]!.keys === '' && column[head]!.kind !== 'group') head--;
				// A group's title goes along with its first entry.
				if (head > 1 && column[head - 1]!.kind === 'group') head--;
				if (head > 0 && column[head - 1]!.kind !== 'group') moved = column.splice(head);
			}
			columns.push((column = moved));
		}
		if (line.kind === 'blank' && column.length === 0) continue;
		column.push(line);
	}
	return columns;
}

/**
 * As few columns as hold everything on one page; when even the most do not,
 * pages of whole groups, each filling the columns as far as it can.
 */
export function helpPages(
	sections: readonly KeyTable[],
	readOnly: boolean,
	width: number,
	rows: number,
): {pages: HelpLine[][][]; columnWidth: number} {
	const most = Math.max(1, Math.floor((width + 1) / (minimumColumnWidth + 1)));
	const widthFor = (count: number) => Math.min(Math.floor((width + 1) / count) - 1, 60);
	for (let count = 1; count <= most; count++) {
		const columns = flow(helpLines(sections, readOnly, widthFor(count) - keyWidth), rows);
		if (columns.length <= count) return {pages: [columns], columnWidth: widthFor(count)};
	}
	const fits = (groups: readonly HelpLine[][]) =>
		flow(
			groups.flatMap((group, index) => (index === 0 ? group : [blankLine, ...group])),
			rows,
		).length <= most;
	const pages: HelpLine[][][] = [];
	let page: HelpLine[][] = [];
	for (const group of helpGroups(sections, readOnly, widthFor(most) - keyWidth)) {
		if (page.length > 0 && !fits([...page, group])) {
			pages.push(page);
			page = [];
		}
		page.push(group);
	}
	if (page.length > 0) pages.push(page);
	// A group too big for a page of its own goes on over as many pages as it needs.
	const laidOut = pages.flatMap(groups => {
		const columns = flow(
			groups.flatMap((group, index) => (index === 0 ? group : [blankLine, ...group])),
			rows,
		);
		const split: HelpLine[][][] = [];
		for (let start = 0; start < columns.length; start += most)
			split.push(columns.slice(start, start + most));
		return split;
	});
	return {pages: laidOut, columnWidth: widthFor(most)};
}

/** Rows for the columns under the title line. */
export const helpRows = (height: number) => Math.max(height - 1, 1);
