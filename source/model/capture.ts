// Packet capture: the argument arrays, validation, the default pcap path, and
// counting packets in a pcap stream. Pure.
//
// A capture is two tcpdumps: one inside the namespace that only listens and
// writes pcap to its stdout (`-w -`, packet-buffered), and one outside that
// decodes those bytes into lines (`-r -`). nstui keeps the pcap bytes in
// between (bounded), so `w` can write them to a file afterwards as root,
// wherever asked: a file tcpdump opened itself would be opened after it drops
// to its own user, and could not be written later.
import {execIn, type Argv} from './commands.js';
import type {NamespaceTarget} from './namespace-target.js';
import {validateInterfaceName, type Validation} from './validate.js';

export type CaptureLimits = {
	/** Packets: tcpdump stops by itself after this many (-c). */
	count: number;
	/** Bytes of pcap kept: the capture stops once it holds this much. */
	sizeCap: number;
};

export const defaultCaptureLimits: CaptureLimits = {count: 10_000, sizeCap: 64 * 1024 * 1024};
export const maxCaptureCount = 10_000_000;

/** The capture inside the namespace: pcap on stdout, each packet as it comes, nothing decoded, nothing resolved. */
export const captureArgv = (
	target: NamespaceTarget,
	device: string,
	count: number,
	filter: readonly string[],
): Argv =>
	execIn(target, [
		'tcpdump',
		'-i',
		device,
		'-n',
		'-U',
		'--immediate-mode',
		'-w',
		'-',
		'-c',
		String(count),
		...filterWords(filter),
	]);

/** tcpdump checks the filter itself: compiled (-d) against the interface, inside the namespace, before the capture starts. */
export const filterCheckArgv = (
	target: NamespaceTarget,
	device: string,
	filter: readonly string[],
): Argv => execIn(target, ['tcpdump', '-d', '-i', device, ...filterWords(filter)]);

/** The decoder, outside: lines as they come (-l), no names looked up (-nn). */
export const decoderArgv: Argv = ['tcpdump', '-l', '-nn', '-r', '-'];

/** `tcpdump -r FILE`: what a user runs to read a written capture back. */
export const readBackArgv = (file: string): Argv => ['tcpdump', '-nn', '-r', file];

/** After `--`, so a filter word that starts with "-" is never taken for an option. */
const filterWords = (filter: readonly string[]) => (filter.length === 0 ? [] : ['--', ...filter]);

/** A filter typed on one line: its words, split on spaces as tcpdump would join them again. */
export const filterFromText = (text: string): string[] =>
	text
		.trim()
		.split(/\s+/)
		.filter(word => word !== '');

export function validateCaptureCount(input: string | number): Validation<number> {
	const text = String(input).trim();
	if (!/^\d+$/.test(text))
		return {ok: false, reason: `A packet count is a whole number (not "${text}")`};
	const count = Number(text);
	if (count < 1 || count > maxCaptureCount)
		return {ok: false, reason: `A packet count is between 1 and ${maxCaptureCount}`};
	return {ok: true, value: count};
}

export function validateCaptureFilter(words: readonly string[]): Validation<string[]> {
	if (words.some(word => word.includes('\0')))
		return {ok: false, reason: 'A filter cannot contain a NUL character'};
	if (words.join(' ').length > 4096)
		return {ok: false, reason: 'A filter can be at most 4096 characters long'};
	return {ok: true, value: [...words]};
}

/** The interface is one that exists: the kernel's rules only (a hostile name can still be captured from). */
export const validateCaptureInterface = (name: string) => validateInterfaceName(name, 'existing');

export function validatePcapPath(input: string): Validation<string> {
	const path = input.trim();
	if (path === '') return {ok: false, reason: 'A file name cannot be empty'};
	if (path.includes('\0')) return {ok: false, reason: 'A file name cannot contain a NUL character'};
	if (path.endsWith('/'))
		return {ok: false, reason: 'A file name cannot end with "/" (that is a directory)'};
	return {ok: true, value: path};
}

/**
 * DIR/nstui-NAMESPACE-INTERFACE-20261202-014500.pcap, with anything but
 * [A-Za-z0-9._-] as "_". DIR is one no other user can write to
 * (system/safe-file.ts stateDirectory): a guessable name in /tmp would let
 * anyone plant a link there for root to write through.
 */
export function defaultPcapPath(dir: string, namespace: string, device: string, now: Date): string {
	const safe = (text: string) =>
		text
			.replace(/[^A-Za-z0-9._-]/g, '_')
			.replace(/^[.-]/, '_')
			.slice(0, 40) || '_';
	const two = (value: number) => String(value).padStart(2, '0');
	const stamp = `${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}-${two(now.getHours())}${two(now.getMinutes())}${two(now.getSeconds())}`;
	return `${dir.replace(/\/+$/, '')}/nstui-${safe(namespace)}-${safe(device)}-${stamp}.pcap`;
}

/**
 * Counts the packets of a pcap stream as its bytes arrive in chunks: a
 * 24-byte file header, then per packet a 16-byte header whose third field is
 * the length captured, in the byte order the magic number says.
 */
export class PcapCounter {
	packets = 0;
	bytes = 0;
	private littleEndian: boolean | null = null;
	/** Where the next packet header starts, counted from the start of the stream. */
	private next = 24;
	private last = 24;
	private header = Buffer.alloc(0);

	/** The bytes that make whole packets (and the file header): a pcap cut there is a valid file. */
	get wholeBytes(): number {
		if (this.bytes < 24) return 0;
		return this.next > this.bytes ? this.last : this.next;
	}

	add(chunk: Uint8Array) {
		const start = this.bytes;
		this.bytes += chunk.length;
		if (this.littleEndian === null) {
			this.header = Buffer.concat([
				this.header,
				chunk.subarray(0, Math.max(0, 4 - this.header.length)),
			]);
			if (this.header.length < 4) return;
			const magic = this.header.readUInt32LE(0);
			this.littleEndian = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
			this.header = Buffer.alloc(0);
		}
		// Walk the packet headers that begin inside this chunk (a header may straddle chunks).
		while (this.next < this.bytes) {
			const offset = this.next - start;
			if (offset < 0) {
				// The header began in an earlier chunk: its rest is at the start of this one.
				const have = this.header.length;
				this.header = Buffer.concat([this.header, chunk.subarray(0, 16 - have)]);
				if (this.header.length < 16) return;
				this.step(this.header);
				this.header = Buffer.alloc(0);
				continue;
			}
			const slice = Buffer.from(
				chunk.buffer,
				chunk.byteOffset + offset,
				Math.min(16, chunk.length - offset),
			);
			if (slice.length < 16) {
				this.header = Buffer.from(slice);
				return;
			}
			this.step(slice);
		}
	}

	private step(header: Buffer) {
		const captured = this.littleEndian ? header.readUInt32LE(8) : header.readUInt32BE(8);
		this.packets++;
		this.last = this.next;
		this.next += 16 + captured;
	}
}

/** termshark on the interface inside the namespace, given the terminal (like the shell key). */
export const termsharkArgv = (target: NamespaceTarget, device: string): Argv =>
	execIn(target, ['termshark', '-i', device]);
