// A line of text being typed and where the cursor is in it, edited the way
// readline edits (bash, less, every shell prompt): Ctrl-A/E go to the start or
// end, Ctrl-U/K cut before or after the cursor, Ctrl-W the word before it
// (back to a space), Alt-Backspace the word before it (back to a non-word
// character), Alt-D the word after it, Alt-B/F move by words, Ctrl-Y puts back
// what was cut last (`cutText` says what a cut took), Tab takes a suggestion.
export type LineEdit = {readonly text: string; readonly cursor: number};

export const lineOf = (text: string): LineEdit => ({text, cursor: text.length});

const clampCursor = (line: LineEdit, cursor: number): LineEdit => ({
	text: line.text,
	cursor: Math.min(Math.max(cursor, 0), line.text.length),
});

export function insertText(line: LineEdit, text: string): LineEdit {
	return {
		text: line.text.slice(0, line.cursor) + text + line.text.slice(line.cursor),
		cursor: line.cursor + text.length,
	};
}

/** Removes the text from `from` to the cursor. */
function cutBack(line: LineEdit, from: number): LineEdit {
	return {text: line.text.slice(0, from) + line.text.slice(line.cursor), cursor: from};
}

export const backspace = (line: LineEdit): LineEdit =>
	line.cursor === 0 ? line : cutBack(line, previousCodePoint(line.text, line.cursor));
export const deleteForward = (line: LineEdit): LineEdit =>
	line.cursor >= line.text.length
		? line
		: {
				text:
					line.text.slice(0, line.cursor) + line.text.slice(nextCodePoint(line.text, line.cursor)),
				cursor: line.cursor,
			};
export const cutToStart = (line: LineEdit): LineEdit => cutBack(line, 0);
export const cutToEnd = (line: LineEdit): LineEdit => ({
	text: line.text.slice(0, line.cursor),
	cursor: line.cursor,
});
export const toStart = (line: LineEdit): LineEdit => clampCursor(line, 0);
export const toEnd = (line: LineEdit): LineEdit => clampCursor(line, line.text.length);
export const left = (line: LineEdit): LineEdit =>
	clampCursor(line, previousCodePoint(line.text, line.cursor));
export const right = (line: LineEdit): LineEdit =>
	clampCursor(line, nextCodePoint(line.text, line.cursor));

/** Ctrl-W: spaces before the cursor, then everything back to the previous space. */
export function cutSpaceWord(line: LineEdit): LineEdit {
	let from = line.cursor;
	while (from > 0 && /\s/.test(line.text[from - 1]!)) from--;
	while (from > 0 && !/\s/.test(line.text[from - 1]!)) from--;
	return cutBack(line, from);
}

const wordChar = /[\p{L}\p{N}_]/u;

/** Alt-Backspace: non-word characters before the cursor, then the word (letters, digits) before them. */
export function cutWord(line: LineEdit): LineEdit {
	let from = line.cursor;
	while (from > 0 && !wordChar.test(line.text[from - 1]!)) from--;
	while (from > 0 && wordChar.test(line.text[from - 1]!)) from--;
	return cutBack(line, from);
}

/** Alt-D: non-word characters after the cursor, then the word after them. */
export function cutWordForward(line: LineEdit): LineEdit {
	const to = wordEnd(line.text, line.cursor);
	return {text: line.text.slice(0, line.cursor) + line.text.slice(to), cursor: line.cursor};
}

/** Alt-B, Ctrl-←: to the start of the word before the cursor. */
export function wordLeft(line: LineEdit): LineEdit {
	let to = line.cursor;
	while (to > 0 && !wordChar.test(line.text[to - 1]!)) to--;
	while (to > 0 && wordChar.test(line.text[to - 1]!)) to--;
	return clampCursor(line, to);
}

/** Alt-F, Ctrl-→: to the end of the word after the cursor. */
export const wordRight = (line: LineEdit): LineEdit =>
	clampCursor(line, wordEnd(line.text, line.cursor));

function wordEnd(text: string, from: number): number {
	let to = from;
	while (to < text.length && !wordChar.test(text[to]!)) to++;
	while (to < text.length && wordChar.test(text[to]!)) to++;
	return to;
}

/** What a cut from `before` to `after` took (every cut removes text starting where the cursor ends up). */
export function cutText(before: LineEdit, after: LineEdit): string {
	const length = before.text.length - after.text.length;
	return length > 0 ? before.text.slice(after.cursor, after.cursor + length) : '';
}

/**
 * Tab, or → at the end: the suggestion, when what is typed is the start of it
 * (an empty line included); null when it has nothing to add.
 */
export function takeSuggestion(line: LineEdit, suggestion: string | null): LineEdit | null {
	if (suggestion === null || suggestion === line.text || !suggestion.startsWith(line.text))
		return null;
	if (line.cursor < line.text.length) return null;
	return lineOf(suggestion);
}

function previousCodePoint(text: string, index: number): number {
	if (index <= 0) return 0;
	const low = text.charCodeAt(index - 1);
	return index >= 2 && low >= 0xdc00 && low <= 0xdfff ? index - 2 : index - 1;
}

function nextCodePoint(text: string, index: number): number {
	if (index >= text.length) return text.length;
	const high = text.charCodeAt(index);
	return high >= 0xd800 && high <= 0xdbff ? index + 2 : index + 1;
}
