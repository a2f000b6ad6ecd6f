// The one rule for text from the system (names, command lines, users, rules,
// messages): before any terminal sees it, it passes through shown(). Anything a
// terminal would act on instead of print, or that reorders or hides what is
// printed, becomes a visible escape:
//   \e \n \r \t, and \xNN for the rest of C0 and DEL
//   \u0080..\u009f for C1 controls
//   \xNN for a byte that is not UTF-8 (see byte-text.ts)
//   \uXXXX for format characters (bidi overrides, zero-width ones), line and
//   paragraph separators, and stray surrogates
// A backslash stays as it is, so shown() can be applied twice without harm;
// the TUI draws the escapes marked (theme 'escaped'), which tells `\e` typed in
// a name from an ESC, and --json keeps the exact text.

export type ShownPart = {text: string; escaped: boolean};

// Printable ASCII: most text is only this, and is shown as it is.
const plainText = /^[\x20-\x7e]*$/;
const needsEscape = /[\u0000-\u001f\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
const escapes = /[\u0000-\u001f\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}\p{Cs}]+/gu;
const named: Record<string, string> = {'\u001b': '\\e', '\n': '\\n', '\r': '\\r', '\t': '\\t'};

/** True when shown() would change nothing. */
export function isPlain(raw: string): boolean {
	return plainText.test(raw) || !needsEscape.test(raw);
}

export function shown(raw: string): string {
	if (isPlain(raw)) return raw;
	return raw.replace(escapes, escapeRun);
}

/** shown(raw) in pieces, the escapes apart, so a view can mark them. */
export function shownParts(raw: string): ShownPart[] {
	if (isPlain(raw)) return raw === '' ? [] : [{text: raw, escaped: false}];
	const parts: ShownPart[] = [];
	let last = 0;
	for (const match of raw.matchAll(escapes)) {
		if (match.index > last) parts.push({text: raw.slice(last, match.index), escaped: false});
		parts.push({text: escapeRun(match[0]), escaped: true});
		last = match.index + match[0].length;
	}
	if (last < raw.length) parts.push({text: raw.slice(last), escaped: false});
	return parts;
}

/** Text of several lines: each line shown on its own, so the line breaks stay. */
export function shownLines(raw: string): string[] {
	return raw.split('\n').map(shown);
}

function escapeRun(run: string): string {
	let out = '';
	for (const character of run) out += escapeOne(character);
	return out;
}

function escapeOne(character: string): string {
	const known = named[character];
	if (known) return known;
	const code = character.codePointAt(0)!;
	if (code < 0x20 || code === 0x7f) return `\\x${hex(code, 2)}`;
	// Bytes that were not UTF-8, as byte-text.ts decodes them.
	if (code >= 0xdc80 && code <= 0xdcff) return `\\x${hex(code - 0xdc00, 2)}`;
	return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${hex(code, 4)}`;
}

const hex = (value: number, digits: number) => value.toString(16).padStart(digits, '0');
