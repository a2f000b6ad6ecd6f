// Files that root writes where another user may have a hand: never through a
// symbolic link, never truncating what is not a plain file of one name, and a
// file that exists only when the operator said to overwrite it. A directory of
// nstui's own is one no other user can write to (ssh's StrictModes rule).
import {
	closeSync,
	constants,
	fstatSync,
	ftruncateSync,
	lstatSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	realpathSync,
	type Stats,
} from 'node:fs';
import {homedir, tmpdir, userInfo} from 'node:os';
import path from 'node:path';

const {O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW, O_NONBLOCK, O_APPEND} = constants;

export type Opened =
	| {ok: true; fd: number}
	/**
	 * message: the file and why; reason: only why. exists: something is at the
	 * path; overwritable: a regular file, which openForOverwrite would take.
	 */
	| {ok: false; message: string; reason: string; exists?: boolean; overwritable?: boolean};

/** What is at a path now, without following a link there. */
export function pathKind(file: string): 'none' | 'file' | 'link' | 'other' {
	let stats: Stats;
	try {
		stats = lstatSync(file);
	} catch {
		return 'none';
	}
	if (stats.isSymbolicLink()) return 'link';
	return stats.isFile() ? 'file' : 'other';
}

const refusal = (
	file: string,
	reason: string,
	more: {exists?: boolean; overwritable?: boolean} = {},
) => ({ok: false, message: `${file} ${reason}`, reason, ...more}) as const;

/** The open failed: why, in words, from what is at the path (a link may give EEXIST, ELOOP or EACCES). */
function described(file: string, error: NodeJS.ErrnoException): Opened {
	const kind = pathKind(file);
	if (kind === 'link')
		return refusal(file, 'is a symbolic link: nstui writes no file through one', {exists: true});
	if (error.code === 'EEXIST')
		return refusal(file, 'exists already', {exists: true, overwritable: kind === 'file'});
	if (kind === 'other')
		return refusal(file, 'is not a regular file: nstui does not write to it', {exists: true});
	return {ok: false, message: `cannot write ${file}: ${error.message}`, reason: error.message};
}

/** A new file, 0600: refused when anything (a file, a link, a directory) is at that path. */
export function openNewFile(file: string): Opened {
	try {
		return {ok: true, fd: openSync(file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600)};
	} catch (error) {
		return described(file, error as NodeJS.ErrnoException);
	}
}

/**
 * Opened without following a link and checked on the open descriptor (no
 * gap for a swap between a check and the open): a regular file with one name.
 * A FIFO would block an open for writing, hence O_NONBLOCK; a hard link to
 * another file (protected_hardlinks=0) is refused as well.
 */
function openExisting(file: string, flags: number): Opened {
	let fd: number;
	try {
		fd = openSync(file, O_WRONLY | O_NOFOLLOW | O_NONBLOCK | flags, 0o600);
	} catch (error) {
		return described(file, error as NodeJS.ErrnoException);
	}
	const stats = fstatSync(fd);
	const problem = !stats.isFile()
		? 'is not a regular file'
		: stats.nlink > 1
			? 'has other hard links'
			: null;
	if (problem) {
		closeSync(fd);
		return refusal(file, `${problem}: nstui does not write to it`, {exists: true});
	}
	return {ok: true, fd};
}

/** The operator said to overwrite: a regular file (or nothing) at the path, emptied; never a link's target. */
export function openForOverwrite(file: string): Opened {
	const created = openNewFile(file);
	if (created.ok || !created.exists || pathKind(file) === 'link') return created;
	const opened = openExisting(file, 0);
	if (opened.ok) ftruncateSync(opened.fd, 0);
	return opened;
}

/** For a log that grows across sessions: appended to when it is a plain file, created when missing. */
export function openForAppend(file: string): Opened {
	return openExisting(file, O_CREAT | O_APPEND);
}

/**
 * Why another user could change what is in `dir` (replace an entry with a
 * link), or null: every directory from it up to / is root's or ours, and
 * writable by no one else unless sticky (like /tmp, where others cannot
 * rename what is ours).
 */
export function untrustedBecause(dir: string): string | null {
	let real: string;
	try {
		real = realpathSync(dir);
	} catch (error) {
		return `${dir}: ${(error as Error).message}`;
	}
	const me = process.geteuid?.() ?? 0;
	for (let at = real; ; at = path.dirname(at)) {
		const stats = lstatSync(at);
		if (stats.uid !== 0 && stats.uid !== me)
			return `${at} belongs to another user (uid ${stats.uid})`;
		if ((stats.mode & 0o022) !== 0 && (stats.mode & 0o1000) === 0)
			return `${at} can be written by other users`;
		if (at === path.dirname(at)) return null;
	}
}

/** The home of the user nstui runs as, from the password database (not $HOME, which sudo may keep). */
function ownHome(): string {
	try {
		return userInfo().homedir || homedir();
	} catch {
		return homedir();
	}
}

let fallback: string | undefined;

/**
 * nstui's own directory for files it writes unasked (a capture's default
 * file): ~/.local/state/nstui, made 0700; when that cannot be trusted, a
 * directory made for this process with mkdtemp (0700, a name no one guesses).
 */
export function stateDirectory(home = ownHome()): string {
	const dir = path.join(home, '.local', 'state', 'nstui');
	try {
		mkdirSync(dir, {recursive: true, mode: 0o700});
		const stats = lstatSync(dir);
		if (stats.isDirectory() && (stats.mode & 0o022) === 0 && untrustedBecause(dir) === null)
			return dir;
	} catch {}
	fallback ??= mkdtempSync(path.join(tmpdir(), 'nstui-state-'));
	return fallback;
}

/** The flags of a new file nstui reads back (the scratch directory's output files). */
export const newFileFlags = {
	write: O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW,
	readWrite: constants.O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW,
};
