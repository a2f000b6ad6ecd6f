// Bytes from the system (ip's output, /proc files) to text, keeping bytes that
// are not UTF-8 instead of turning them into U+FFFD: byte B becomes the lone
// surrogate U+DC00+B, as Python's "surrogateescape" does. shown() prints it as
// \xNN, and JSON.stringify writes it as "\udcNN", so a comm, a command line or
// an interface name that is not UTF-8 stays visible and recoverable.
import {isUtf8} from 'node:buffer';

export function decodeBytes(bytes: Uint8Array): string {
	if (isUtf8(bytes))
		return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
	let text = '';
	let start = 0; // of the valid run not yet decoded
	let index = 0;
	while (index < bytes.length) {
		const length = sequenceLength(bytes, index);
		if (length > 0) {
			index += length;
			continue;
		}
		text += Buffer.from(bytes.buffer, bytes.byteOffset + start, index - start).toString('utf8');
		text += String.fromCharCode(0xdc00 + bytes[index]!);
		index++;
		start = index;
	}
	return text + Buffer.from(bytes.buffer, bytes.byteOffset + start, index - start).toString('utf8');
}

/**
 * Chunks of a stream to text: a character split between two chunks waits for
 * the rest (as string_decoder does), and bytes that are not UTF-8 are kept.
 */
export class ByteTextDecoder {
	private held: Uint8Array = new Uint8Array(0);

	write(chunk: Uint8Array): string {
		const bytes = this.held.length > 0 ? Buffer.concat([this.held, chunk]) : chunk;
		const cut = bytes.length - incompleteTail(bytes);
		this.held = bytes.slice(cut);
		return decodeBytes(bytes.subarray(0, cut));
	}

	end(): string {
		const rest = decodeBytes(this.held);
		this.held = new Uint8Array(0);
		return rest;
	}
}

/** How many bytes at the end start a UTF-8 sequence that the next chunk may finish. */
function incompleteTail(bytes: Uint8Array): number {
	for (let back = 1; back <= Math.min(3, bytes.length); back++) {
		const byte = bytes[bytes.length - back]!;
		if (byte < 0x80) return 0;
		if (byte >= 0xc0) return expectedLength(byte) > back ? back : 0;
	}
	return 0;
}

function expectedLength(lead: number): number {
	if (lead >= 0xc2 && lead <= 0xdf) return 2;
	if (lead >= 0xe0 && lead <= 0xef) return 3;
	if (lead >= 0xf0 && lead <= 0xf4) return 4;
	return 0;
}

/** The length of the valid UTF-8 sequence at `index`, or 0 when the byte there starts none. */
function sequenceLength(bytes: Uint8Array, index: number): number {
	const lead = bytes[index]!;
	if (lead < 0x80) return 1;
	const length = expectedLength(lead);
	if (length === 0 || index + length > bytes.length) return 0;
	// The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
	const second = bytes[index + 1]!;
	const [low, high] =
		lead === 0xe0
			? [0xa0, 0xbf]
			: lead === 0xed
				? [0x80, 0x9f]
				: lead === 0xf0
					? [0x90, 0xbf]
					: lead === 0xf4
						? [0x80, 0x8f]
						: [0x80, 0xbf];
	if (second < low || second > high) return 0;
	for (let next = 2; next < length; next++) {
		const byte = bytes[index + next]!;
		if (byte < 0x80 || byte > 0xbf) return 0;
	}
	return length;
}
