// `--record FILE`: the timeline's changes appended to a file as JSON lines
// (model/timeline/json-line.ts), for the TUI and `nstui watch`. Opened as
// safe-file.ts opens a log (never through a link, only a plain file of one
// name); at maxBytes the file becomes FILE.1 (the one before is dropped) and
// a new FILE starts, so a recording never fills the disk.
import {closeSync, fstatSync, lstatSync, renameSync, writeSync} from 'node:fs';
import type {Change} from '../model/timeline/change.js';
import {changeLines} from '../model/timeline/json-line.js';
import {openForAppend} from './safe-file.js';

export const defaultRecordMaxBytes = 10 * 1024 * 1024;

/** `10M`, `512k`, `1G`, or bytes; null when it is none of these. */
export function parseSize(text: string): number | null {
	const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)i?b?$/i.exec(text.trim());
	if (!match) return null;
	const unit = {'': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3}[match[2]!.toLowerCase() as '' | 'k'];
	const bytes = Math.floor(Number(match[1]) * unit);
	return bytes >= 4096 ? bytes : null;
}

export class ChangeRecord {
	private fd: number;
	private size: number;
	private inode: number;
	/** Why writing stopped (the file could not be written or rotated); null while it records. */
	error: string | null = null;

	/** Throws with the reason when the file cannot be opened for appending. */
	constructor(
		readonly file: string,
		readonly maxBytes = defaultRecordMaxBytes,
	) {
		const opened = openForAppend(file);
		if (!opened.ok) throw new Error(`--record: ${opened.message}`);
		this.fd = opened.fd;
		const stats = fstatSync(this.fd);
		this.size = stats.size;
		this.inode = stats.ino;
	}

	/** Appends the changes, one write for the batch; at the cap the file is rotated first. */
	append(changes: readonly Change[]): void {
		if (changes.length === 0 || this.error !== null) return;
		const text = Buffer.from(changeLines(changes));
		try {
			if (this.size > 0 && this.size + text.length > this.maxBytes) this.rotate();
			writeSync(this.fd, text);
			this.size += text.length;
		} catch (error) {
			this.error = `--record ${this.file}: ${(error as Error).message}`;
		}
	}

	private rotate() {
		closeSync(this.fd);
		// Only the file this record wrote is renamed: not one put in its place meanwhile.
		if (lstatSync(this.file, {throwIfNoEntry: false})?.ino === this.inode)
			renameSync(this.file, `${this.file}.1`);
		const opened = openForAppend(this.file);
		if (!opened.ok) throw new Error(opened.message);
		this.fd = opened.fd;
		const stats = fstatSync(this.fd);
		this.size = stats.size;
		this.inode = stats.ino;
	}

	close(): void {
		try {
			closeSync(this.fd);
		} catch {}
	}
}

/** `--record FILE [--record-max SIZE]` opened: none when no FILE, or why not (for stderr, exit 2). */
export function openRecord(
	file: string | undefined,
	max: string | undefined,
): ChangeRecord | undefined | string {
	if (file === undefined) {
		return max === undefined ? undefined : '--record-max needs --record FILE';
	}
	const maxBytes = max === undefined ? defaultRecordMaxBytes : parseSize(max);
	if (maxBytes === null)
		return `--record-max takes a size of at least 4k, such as 10M, 512k or 1G (not ${max})`;
	try {
		return new ChangeRecord(file, maxBytes);
	} catch (error) {
		return (error as Error).message;
	}
}
