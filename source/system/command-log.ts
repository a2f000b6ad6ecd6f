// Every command nstui ran on the user's behalf this session, in order, for the
// log view (through useSyncExternalStore) and optionally appended to a file
// (opened once, never through a symbolic link: system/safe-file.ts).
import {closeSync, writeSync} from 'node:fs';
import {shellLine} from '../model/commands.js';
import {shown} from '../model/shown-text.js';
import type {RunResult} from './run.js';
import {openForAppend} from './safe-file.js';

export type LoggedCommand = {
	/** 1, 2, 3, ... in the order the commands finished. */
	id: number;
	/** When it started, ISO 8601. */
	startedAt: string;
	argv: string[];
	/** The same command, quoted to paste into a shell. */
	line: string;
	/** null: killed by a signal (or the timeout), or never started. */
	exitCode: number | null;
	ok: boolean;
	timedOut: boolean;
	/** The program was not installed. */
	missing: boolean;
	stderr: string;
	durationMs: number;
};

type Listener = () => void;

export class CommandLog {
	private entries: readonly LoggedCommand[] = [];
	private readonly listeners = new Set<Listener>();
	private file: string | null = null;
	private fd: number | null = null;
	private fileError: string | null = null;
	/** Commands started and not ended yet, which the file must not lose if nstui ends first. */
	private readonly running = new Set<{argv: readonly string[]; startedAt: Date}>();
	private exitHooked = false;

	/**
	 * Also append each command to `path` from now on (null: stop). Opened at
	 * once: the reason it cannot be (a link, not a plain file), else null.
	 */
	setFile(path: string | null): string | null {
		if (this.fd !== null) closeSync(this.fd);
		this.fd = null;
		this.file = path;
		this.fileError = null;
		if (path !== null) this.opened();
		if (path !== null && !this.exitHooked) {
			this.exitHooked = true;
			process.once('exit', () => this.writeUnfinished());
		}
		return this.fileError;
	}

	/** The file's descriptor, opened on first need (a missing directory may appear later). */
	private opened(): number | null {
		if (this.fd !== null || this.file === null) return this.fd;
		const opened = openForAppend(this.file);
		if (opened.ok) this.fd = opened.fd;
		else this.fileError = `cannot write the command log to ${this.file}: ${opened.reason}`;
		return this.fd;
	}

	private append(text: string): void {
		const fd = this.opened();
		if (fd === null) return;
		try {
			writeSync(fd, text);
		} catch (error) {
			this.fileError = `cannot write the command log to ${this.file}: ${(error as Error).message}`;
		}
	}

	/**
	 * Notes a command as started; finish() it with its result. A command the log
	 * records only when it ends would be missing from the file if nstui quit
	 * while it ran (it goes on: it runs in a process group of its own).
	 */
	start(
		argv: readonly string[],
		startedAt = new Date(),
	): {finish(result: RunResult): LoggedCommand} {
		const started = {argv, startedAt};
		this.running.add(started);
		return {
			finish: result => {
				this.running.delete(started);
				return this.record(result, startedAt);
			},
		};
	}

	/** One line in the file for each command still running (nstui is ending). */
	writeUnfinished(): void {
		if (this.file === null) return;
		for (const {argv, startedAt} of this.running) {
			this.append(
				`# ${startedAt.toISOString()} still running when nstui ended: its outcome is not known\n${shellLine([...argv])}\n`,
			);
		}
		this.running.clear();
	}

	/** Why the last write to the log file failed, if it did (the in-memory log is still whole). */
	getFileError(): string | null {
		return this.fileError;
	}

	record(result: RunResult, startedAt: Date): LoggedCommand {
		const entry: LoggedCommand = {
			id: this.entries.length + 1,
			startedAt: startedAt.toISOString(),
			argv: [...result.command],
			line: shellLine(result.command),
			exitCode: result.exitCode,
			ok: result.ok,
			timedOut: result.timedOut,
			missing: result.missing,
			stderr: result.stderr,
			durationMs: Math.round(result.durationMs),
		};
		// A new array each time: useSyncExternalStore compares snapshots by identity.
		this.entries = [...this.entries, entry];
		this.appendToFile(entry);
		for (const listener of this.listeners) listener();
		return entry;
	}

	subscribe = (listener: Listener): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	getSnapshot = (): readonly LoggedCommand[] => this.entries;

	private appendToFile(entry: LoggedCommand): void {
		if (this.file !== null) this.append(formatLogEntry(entry));
	}
}

/** A log entry as shell text: the facts as comments, then the line itself, so the file can be replayed. */
export function formatLogEntry(entry: LoggedCommand): string {
	const status = entry.timedOut
		? 'timed out'
		: entry.missing
			? 'not installed'
			: entry.exitCode === null
				? 'killed'
				: `exit ${entry.exitCode}`;
	const stderr = entry.stderr
		.split('\n')
		.filter(line => line.trim() !== '')
		.map(line => `#   ${shown(line)}\n`)
		.join('');
	return `# ${entry.startedAt} ${status} ${entry.durationMs} ms\n${stderr}${entry.line}\n`;
}

/** The session's log: the one the UI shows and `--log FILE` writes. */
export const commandLog = new CommandLog();
