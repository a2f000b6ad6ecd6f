// One key, as the key tables match it (model/key-decoder.ts reads them from
// what the terminal sends), and how the help writes it.

export type KeyPress = {
	/** A key's id as the tables name it: `j`, `?`, `down`, `pagedown`, `return`, `delete`, `C-r`, `C-left`, `M-b`, `M-backspace`, `S-tab`. */
	id: string;
	/** The character typed, for a printable key; '' for the others. */
	text: string;
};

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
	delete: 'Delete',
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
