// One key, as the key tables match it. Ink hands over what the terminal sent
// in one read: keys typed faster than they are read (over SSH, a key held
// down, a paste) arrive together ("jjj", three Backspaces, "name\r"), and are
// split here so that each acts once.
import type {Key} from 'ink';

export type KeyPress = {
	/** A key's id as the tables name it: `j`, `?`, `down`, `pagedown`, `return`, `C-r`, `M-backspace`, `S-tab`. */
	id: string;
	/** The character typed, for a printable key; '' for the others. */
	text: string;
};

const named: ReadonlyArray<[keyof Key, string]> = [
	['upArrow', 'up'],
	['downArrow', 'down'],
	['leftArrow', 'left'],
	['rightArrow', 'right'],
	['pageUp', 'pageup'],
	['pageDown', 'pagedown'],
	['home', 'home'],
	['end', 'end'],
	['return', 'return'],
	['escape', 'escape'],
	['tab', 'tab'],
	// Ink calls the Backspace key (DEL, 0x7f) `delete`; nstui edits only backwards.
	['backspace', 'backspace'],
	['delete', 'backspace'],
];

/** A character read on its own, as a key. */
function charPress(char: string): KeyPress | null {
	const code = char.codePointAt(0) ?? 0;
	if (char === '\r' || char === '\n') return {id: 'return', text: ''};
	if (char === '\t') return {id: 'tab', text: ''};
	if (char === '\u007F' || char === '\b') return {id: 'backspace', text: ''};
	if (char === '\u001B') return {id: 'escape', text: ''};
	if (code >= 1 && code <= 26) return {id: `C-${String.fromCodePoint(code + 96)}`, text: ''};
	if (code < 32) return null;
	return {id: char, text: char};
}

/** The keys in what Ink read at once, in order. */
export function splitInput(input: string, key: Key): KeyPress[] {
	const chars = [...input];
	if (chars.length > 1 && !key.ctrl && !key.meta)
		return chars.flatMap(char => charPress(char) ?? []);
	if (input === '') {
		const name = named.find(([flag]) => key[flag] === true)?.[1];
		if (!name) return [];
		// Ink reports Escape itself as meta.
		const prefix =
			name === 'tab' && key.shift
				? 'S-'
				: key.meta && name !== 'escape'
					? 'M-'
					: key.ctrl
						? 'C-'
						: '';
		return [{id: `${prefix}${name}`, text: ''}];
	}
	if (key.ctrl) return [{id: `C-${input.toLowerCase()}`, text: ''}];
	if (key.meta) return [{id: `M-${input}`, text: ''}];
	const press = charPress(input);
	return press ? [press] : [];
}

const labels: Readonly<Record<string, string>> = {
	up: '↑',
	down: '↓',
	left: '←',
	right: '→',
	pageup: 'PgUp',
	pagedown: 'PgDn',
	home: 'Home',
	end: 'End',
	return: 'Enter',
	escape: 'Esc',
	tab: 'Tab',
	'S-tab': 'Shift-Tab',
	backspace: 'Backspace',
	' ': 'Space',
};

/** How the help and the status bar write a key: `↓`, `Ctrl-R`, `Alt-Backspace`. */
export function keyLabel(id: string): string {
	if (labels[id]) return labels[id];
	if (id.startsWith('C-')) return `Ctrl-${keyLabel(id.slice(2)).toUpperCase()}`;
	// Short, so that the help's key column stays narrow.
	if (id === 'M-backspace') return 'Alt-BkSp';
	if (id.startsWith('M-')) return `Alt-${keyLabel(id.slice(2))}`;
	return id;
}

/** Keys as a sentence writes them: `Esc, ? or q`. */
export function keysInWords(ids: readonly string[]): string {
	const labels = ids.map(keyLabel);
	return labels.length < 2
		? (labels[0] ?? '')
		: `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}`;
}
