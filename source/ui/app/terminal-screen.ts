// The alternate screen, entered once and left exactly once, however nstui ends.
// Leaving it brings back what the shell showed before, with the cursor where it was.
// Bracketed paste is on while nstui has the terminal (a paste then comes marked,
// and is never read as keys: model/key-decoder.ts), off for a shell and after.

const enterAlternateScreen = '\u001B[?1049h\u001B[H\u001B[?2004h';
const leaveAlternateScreen = '\u001B[?2004l\u001B[?1049l';
const showCursor = '\u001B[?25h';

export type TerminalScreen = {
	/** Idempotent: leaves the alternate screen, shows the cursor and ends raw mode. */
	restore(): void;
	/** For a while (a shell): the shell's own screen, a cursor, cooked mode. */
	lend(): void;
	/** Back from lend(): the alternate screen again, cleared. */
	takeBack(): void;
};

export function takeTerminal(stdout: NodeJS.WriteStream, stdin: NodeJS.ReadStream): TerminalScreen {
	stdout.write(enterAlternateScreen);
	let restored = false;
	return {
		restore() {
			if (restored) return;
			restored = true;
			try {
				if (stdin.isTTY && stdin.isRaw) stdin.setRawMode(false);
				stdout.write(showCursor + leaveAlternateScreen);
			} catch {
				// The terminal is gone (SSH dropped): nothing left to restore.
			}
		},
		lend() {
			if (stdin.isTTY && stdin.isRaw) stdin.setRawMode(false);
			stdout.write(showCursor + leaveAlternateScreen);
		},
		takeBack() {
			if (!restored) stdout.write(enterAlternateScreen);
		},
	};
}
