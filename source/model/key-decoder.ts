// What the terminal sends, read as keys that cannot be misread.
// Every escape sequence is consumed whole, known or not (CSI, SS3, OSC, DCS,
// mouse reports, focus events), so none of its letters ever acts as a command
// key; a bracketed paste is one event, never keys. A lone Esc is Esc once
// `escapeTimeMs` passes with nothing after it; Esc and a character count as
// Alt-character only when they come in one read or within that time.
// Pure: the caller passes the time of each read and of each timer.

/**
 * How long a lone Esc waits for the rest of a sequence (tmux's escape-time,
 * vim's ttimeoutlen). A terminal writes a key's sequence in one write, so its
 * bytes come in one read, also over SSH; the wait only covers a sequence split
 * in transit. A person does not press Esc and then another key 25 ms apart,
 * so Esc then `L` is never taken for Alt-L, and Esc still answers at once.
 */
export const escapeTimeMs = 25;

/** How long a sequence that has begun (`ESC [`, an OSC, a paste) waits for its end before it is dropped. */
export const sequenceTimeMs = 1000;

export type InputEvent =
	/** `id` as the key tables name it (`j`, `C-r`, `M-b`, `delete`, `C-left`); `text` the character, for a printable key. */
	| {kind: 'key'; id: string; text: string; raw: string}
	/** What was pasted between `ESC [200~` and `ESC [201~`. */
	| {kind: 'paste'; text: string; raw: string}
	/** Read and thrown away: nothing acts on it. */
	| {kind: 'ignored'; what: 'mouse' | 'focus' | 'sequence' | 'control'; raw: string};

const ESC = '\u001B';
const pasteStart = `${ESC}[200~`;
const pasteEnd = `${ESC}[201~`;

type Step = {event: InputEvent; next: number} | 'incomplete';

const isParameter = (code: number) => code >= 0x30 && code <= 0x3f;
const isIntermediate = (code: number) => code >= 0x20 && code <= 0x2f;
const isFinal = (code: number) => code >= 0x40 && code <= 0x7e;

const key = (id: string, raw: string, text = ''): Extract<InputEvent, {kind: 'key'}> => ({
	kind: 'key',
	id,
	text,
	raw,
});
const ignored = (
	what: 'mouse' | 'focus' | 'sequence' | 'control',
	raw: string,
): Extract<InputEvent, {kind: 'ignored'}> => ({
	kind: 'ignored',
	what,
	raw,
});

const tildeKeys: Readonly<Record<string, string>> = {
	'1': 'home',
	'2': 'insert',
	'3': 'delete',
	'4': 'end',
	'5': 'pageup',
	'6': 'pagedown',
	'7': 'home',
	'8': 'end',
	'11': 'f1',
	'12': 'f2',
	'13': 'f3',
	'14': 'f4',
	'15': 'f5',
	'17': 'f6',
	'18': 'f7',
	'19': 'f8',
	'20': 'f9',
	'21': 'f10',
	'23': 'f11',
	'24': 'f12',
};

const letterKeys: Readonly<Record<string, string>> = {
	A: 'up',
	B: 'down',
	C: 'right',
	D: 'left',
	H: 'home',
	F: 'end',
	P: 'f1',
	Q: 'f2',
	R: 'f3',
	S: 'f4',
};

/** xterm's modifier parameter (1 + shift 1, alt 2, ctrl 4) as the id's prefix: `C-`, `M-`, `S-`. */
function modifierPrefix(parameter: string | undefined): string {
	const value = Number(parameter ?? '1') - 1;
	if (!Number.isInteger(value) || value <= 0) return '';
	return `${value & 4 ? 'C-' : ''}${value & 2 ? 'M-' : ''}${value & 1 ? 'S-' : ''}`;
}

/** The key a complete CSI sequence names, or what it is when it is no key. */
function csiEvent(raw: string, parameters: string, final: string): InputEvent {
	if (parameters.startsWith('<') && (final === 'M' || final === 'm')) return ignored('mouse', raw);
	if (final === 'M' && parameters !== '') return ignored('mouse', raw);
	if ((final === 'I' || final === 'O') && parameters === '') return ignored('focus', raw);
	if (/[^0-9;]/.test(parameters)) return ignored('sequence', raw);
	const [first, modifier] = parameters.split(';');
	if (final === 'Z' && parameters === '') return key('S-tab', raw);
	if (final === '~') {
		const name = tildeKeys[first ?? ''];
		return name ? key(`${modifierPrefix(modifier)}${name}`, raw) : ignored('sequence', raw);
	}
	const name = letterKeys[final];
	// `ESC [ row ; col R` is a cursor position report, not F3; only `1;mod` is a key.
	if (name && (parameters === '' || first === '1'))
		return key(`${modifierPrefix(modifier)}${name}`, raw);
	return ignored('sequence', raw);
}

/** `ESC [` at `at`: up to its final byte (a key, a mouse report, a paste), or incomplete. */
function readCsi(input: string, at: number): Step {
	let index = at + 2;
	// X10 mouse report: ESC [ M and three bytes that may be anything.
	if (input[index] === 'M') {
		const rest = [...input.slice(index + 1, index + 9)].slice(0, 3).join('');
		if ([...rest].length < 3) return 'incomplete';
		const next = index + 1 + rest.length;
		return {event: ignored('mouse', input.slice(at, next)), next};
	}
	// The Linux console's F1-F5: ESC [ [ A.
	if (input[index] === '[') {
		if (index + 1 >= input.length) return 'incomplete';
		const next = index + 2;
		const raw = input.slice(at, next);
		const letter = input.charCodeAt(index + 1);
		return {
			event:
				letter >= 0x41 && letter <= 0x45 ? key(`f${letter - 0x40}`, raw) : ignored('sequence', raw),
			next,
		};
	}
	for (; index < input.length; index++) {
		const code = input.charCodeAt(index);
		if (isParameter(code) || isIntermediate(code)) continue;
		if (!isFinal(code))
			// Broken off (a control character, another Esc): what came so far is dropped.
			return {event: ignored('sequence', input.slice(at, index)), next: index};
		const raw = input.slice(at, index + 1);
		if (raw === pasteStart) return readPaste(input, at);
		return {event: csiEvent(raw, input.slice(at + 2, index), input[index]!), next: index + 1};
	}
	return 'incomplete';
}

function readPaste(input: string, at: number): Step {
	const end = input.indexOf(pasteEnd, at + pasteStart.length);
	if (end === -1) return 'incomplete';
	const next = end + pasteEnd.length;
	return {
		event: {
			kind: 'paste',
			text: input.slice(at + pasteStart.length, end),
			raw: input.slice(at, next),
		},
		next,
	};
}

/** `ESC O`: one final byte, maybe after modifier digits. */
function readSs3(input: string, at: number): Step {
	let index = at + 2;
	while (index < input.length && /[0-9;]/.test(input[index]!)) index++;
	if (index >= input.length) return 'incomplete';
	const code = input.charCodeAt(index);
	if (!isFinal(code)) return {event: ignored('sequence', input.slice(at, index)), next: index};
	const raw = input.slice(at, index + 1);
	const final = input[index]!;
	const name = final === 'M' ? 'return' : letterKeys[final];
	const modifier = input
		.slice(at + 2, index)
		.split(';')
		.at(-1);
	return {
		event: name ? key(`${modifierPrefix(modifier)}${name}`, raw) : ignored('sequence', raw),
		next: index + 1,
	};
}

/** OSC, DCS, APC, PM, SOS: a string up to ST (`ESC \`), or BEL for an OSC. */
function readString(input: string, at: number): Step {
	const bell = input[at + 1] === ']' ? input.indexOf('\u0007', at + 2) : -1;
	const st = input.indexOf(`${ESC}\\`, at + 2);
	const ends = [bell === -1 ? Infinity : bell + 1, st === -1 ? Infinity : st + 2];
	const next = Math.min(...ends);
	if (next === Infinity) return 'incomplete';
	return {event: ignored('sequence', input.slice(at, next)), next};
}

const stringIntroducers = new Set([']', 'P', '_', '^', 'X']);

/** A character read on its own. */
function charEvent(char: string): Extract<InputEvent, {kind: 'key' | 'ignored'}> {
	const code = char.codePointAt(0)!;
	if (char === '\r' || char === '\n') return key('return', char);
	if (char === '\t') return key('tab', char);
	if (code === 0x7f) return key('backspace', char);
	if (code === 0) return key('C-space', char);
	if (code >= 1 && code <= 26) return key(`C-${String.fromCodePoint(code + 96)}`, char);
	if (code < 32 || (code >= 0x80 && code <= 0x9f)) return ignored('control', char);
	return key(char, char, char);
}

/** What starts at an Esc at `at`. `final`: no more input will join it (its time passed). */
function readEscape(input: string, at: number, final: boolean): Step {
	const next = input[at + 1];
	if (next === undefined) return final ? {event: key('escape', ESC), next: at + 1} : 'incomplete';
	let step: Step | null = null;
	if (next === '[') step = readCsi(input, at);
	else if (next === 'O') step = readSs3(input, at);
	else if (stringIntroducers.has(next)) step = readString(input, at);
	if (step === 'incomplete')
		return final ? {event: ignored('sequence', input.slice(at)), next: input.length} : step;
	if (step) return step;
	if (next === ESC) {
		// Esc Esc [A: some terminals' Alt-↑. Otherwise the first Esc is Esc on its own.
		const after = input[at + 2];
		if (after === undefined && !final) return 'incomplete';
		if (after === '[' || after === 'O') {
			const inner = readEscape(input, at + 1, final);
			if (inner === 'incomplete') return inner;
			const {event} = inner;
			return {
				event:
					event.kind === 'key'
						? key(`M-${event.id}`, ESC + event.raw)
						: {...event, raw: ESC + event.raw},
				next: inner.next,
			};
		}
		return {event: key('escape', ESC), next: at + 1};
	}
	const char = String.fromCodePoint(input.codePointAt(at + 1)!);
	const alone = charEvent(char);
	const raw = ESC + char;
	return {
		event: alone.kind === 'key' ? key(`M-${alone.id}`, raw) : ignored(alone.what, raw),
		next: at + 1 + char.length,
	};
}

/**
 * The events in `input` and what is left over (the start of a sequence that
 * may go on in the next read). `final`: nothing more will come to complete it.
 */
export function decodeInput(input: string, final = false): {events: InputEvent[]; rest: string} {
	const events: InputEvent[] = [];
	let index = 0;
	while (index < input.length) {
		if (input[index] === ESC) {
			const step = readEscape(input, index, final);
			if (step === 'incomplete') return {events, rest: input.slice(index)};
			events.push(step.event);
			index = step.next;
			continue;
		}
		const char = String.fromCodePoint(input.codePointAt(index)!);
		events.push(charEvent(char));
		index += char.length;
	}
	return {events, rest: ''};
}

/** Keeps what may be the start of a sequence between reads, and knows when to give up waiting. */
export class KeyDecoder {
	private pending = '';
	private since = 0;

	constructor(
		private readonly escapeTime = escapeTimeMs,
		private readonly sequenceTime = sequenceTimeMs,
	) {}

	/** A read at time `now` (ms). */
	push(chunk: string, now: number): InputEvent[] {
		const expired = this.expire(now);
		const {events, rest} = decodeInput(this.pending + chunk);
		this.pending = rest;
		if (rest !== '') this.since = now;
		return [...expired, ...events];
	}

	/** When the wait for the rest of a sequence ends, or null: nothing is waiting. */
	deadline(): number | null {
		if (this.pending === '') return null;
		const lone = this.pending === ESC || this.pending === ESC + ESC;
		return this.since + (lone ? this.escapeTime : this.sequenceTime);
	}

	/** What is waiting, given up on once its deadline has passed: a lone Esc is Esc. */
	expire(now: number): InputEvent[] {
		const deadline = this.deadline();
		if (deadline === null || now < deadline) return [];
		const {events} = decodeInput(this.pending, true);
		this.pending = '';
		return events;
	}

	/** Something waits for the rest of a sequence. */
	waiting(): boolean {
		return this.pending !== '';
	}

	reset(): void {
		this.pending = '';
	}
}

/** A paste as a line takes it: line breaks and tabs as spaces, other control characters left out. */
export function pastedLine(text: string): string {
	const spaced = text.replace(/\r\n|\r|\n|\t/g, ' ');
	return [...spaced]
		.filter(char => {
			const code = char.codePointAt(0)!;
			return code >= 0x20 && (code < 0x7f || code > 0x9f);
		})
		.join('')
		.trimEnd();
}
