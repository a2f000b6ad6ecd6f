// The stdout Ink renders to. Ink is started in its debug mode, where each
// render is one write of the whole frame and nothing else (no erasing, no
// cursor moves); this stream keeps what the terminal shows and writes only the
// cells that changed (model/frame-diff.ts). Ink's own writers rewrite the whole
// screen on every render, or (incrementalRendering) every line with a change in
// it, and every cursor move between; over SSH a key press paid 10-14 KB.
import {EventEmitter} from 'node:events';
import {TerminalScreen} from '../../model/frame-diff.js';

const hideCursor = '\u001B[?25l';
const clearScreen = '\u001B[0m\u001B[H\u001B[2J';
// The terminal shows the update at once, not half drawn (terminals without it ignore it).
const beginUpdate = '\u001B[?2026h';
const endUpdate = '\u001B[?2026l';

export class FrameStream extends EventEmitter {
	readonly isTTY = true;
	private readonly screen = new TerminalScreen();
	private repaint = true;
	private lastFrame: string | null = null;

	constructor(private readonly terminal: NodeJS.WriteStream) {
		super();
		terminal.on('resize', this.resized);
	}

	get columns() {
		return this.terminal.columns;
	}
	get rows() {
		return this.terminal.rows;
	}
	get writable() {
		return this.terminal.writable;
	}
	get writableEnded() {
		return this.terminal.writableEnded;
	}
	get writableLength() {
		return this.terminal.writableLength;
	}
	get destroyed() {
		return this.terminal.destroyed;
	}

	/** One frame from Ink (a write of nothing is Ink waiting for what it wrote to be flushed). */
	write(data: string | Uint8Array, callback?: (error?: Error | null) => void): boolean {
		const frame = typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
		if (frame === '') return this.terminal.write('', callback);
		this.lastFrame = frame;
		return this.terminal.write(this.bytesFor(frame), callback);
	}

	/** Draws the whole frame again (Ctrl-L: something else wrote on the screen). */
	redraw() {
		this.repaint = true;
		if (this.lastFrame !== null) this.terminal.write(this.bytesFor(this.lastFrame));
	}

	/** Stops following the terminal (the UI unmounted). */
	close() {
		this.terminal.off('resize', this.resized);
	}

	private bytesFor(frame: string): string {
		let bytes = '';
		if (this.repaint) {
			this.repaint = false;
			this.screen.clear();
			bytes = hideCursor + clearScreen;
		}
		bytes += this.screen.update(frame, {
			columns: this.terminal.columns || 80,
			rows: this.terminal.rows || 24,
		});
		return bytes === '' ? '' : beginUpdate + bytes + endUpdate;
	}

	// After a resize the terminal may have cut, moved or kept lines: draw it all again.
	private readonly resized = () => {
		this.repaint = true;
		this.emit('resize');
	};
}
