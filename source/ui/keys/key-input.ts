// Between Ink's reads of the terminal and the key tables: the decoder
// (model/key-decoder.ts) with its clock. Ink hands over each read as it came
// (its own parser only cuts it into pieces, in order); the whole sequences,
// pastes and lone Escs are found here, a lone Esc once its escape time passed.
import {KeyDecoder, type InputEvent} from '../../model/key-decoder.js';

export class KeyInput {
	private readonly decoder = new KeyDecoder();
	private timer: NodeJS.Timeout | null = null;

	constructor(private readonly deliver: (events: InputEvent[]) => void) {}

	/** A piece of what the terminal sent. */
	read(chunk: string): void {
		this.stopTimer();
		this.deliver(this.decoder.push(chunk, performance.now()));
		this.startTimer();
	}

	/** Waits for the rest of a sequence (tests wait until it is over). */
	waiting(): boolean {
		return this.decoder.waiting();
	}

	stop(): void {
		this.stopTimer();
		this.decoder.reset();
	}

	private startTimer(): void {
		const deadline = this.decoder.deadline();
		if (deadline === null) return;
		this.timer = setTimeout(
			() => {
				this.timer = null;
				this.deliver(this.decoder.expire(performance.now()));
				this.startTimer();
			},
			Math.max(deadline - performance.now(), 0) + 1,
		);
	}

	private stopTimer(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
	}
}

const byStream = new WeakMap<object, KeyInput>();

/** The key input reading `stdin`, for tests that wait until a lone Esc is read. */
export const keyInputOf = (stdin: object): KeyInput | undefined => byStream.get(stdin);

export function registerKeyInput(stdin: object, input: KeyInput | null): void {
	if (input) byStream.set(stdin, input);
	else byStream.delete(stdin);
}
