// The TUI's kept readers: a pool that shares a big read, and one for the
// host's namespace (which also lists nsids).
import type {NamespaceReading} from '../ip-query.js';
import {KeptNsidProver} from '../nsid-query.js';
import {PersistentReader} from './persistent-reader.js';

/**
 * The nice value of readers that run while someone uses the TUI: ip's work
 * then leaves the CPU to nstui's own thread, which answers the keys, on a host
 * where reading every namespace keeps all cores busy for a second.
 */
export const backgroundNice = 10;

/** The TUI's kept readers: a pool for namespaces, one for the host's (which also lists nsids), and the nsid prover. */
export type Readers = {namespaces: ReaderPool; host: PersistentReader; nsids: KeptNsidProver};

export const createReaders = ({
	timeoutMs,
	nice,
	size = 2,
}: {timeoutMs?: number; nice?: number; size?: number} = {}): Readers => ({
	namespaces: new ReaderPool(size, {timeoutMs, nice}),
	host: new PersistentReader({withNsids: true, timeoutMs, nice}),
	nsids: new KeptNsidProver({nice}),
});

/**
 * Kept readers that share a big read (every namespace of a big host, at start
 * and after an action), so ip runs on more than one core; a routine refresh's
 * few namespaces go to the first alone, which then knows their last readings.
 */
export class ReaderPool {
	private readonly readers: PersistentReader[];

	constructor(size: number, options: ConstructorParameters<typeof PersistentReader>[0]) {
		this.readers = Array.from({length: Math.max(1, size)}, () => new PersistentReader(options));
	}

	async read(paths: string[]): Promise<NamespaceReading[]> {
		const parts = paths.length <= routineReadSize ? 1 : this.readers.length;
		const size = Math.ceil(paths.length / parts);
		const answers = await Promise.all(
			this.readers
				.slice(0, parts)
				.map((reader, index) => reader.read(paths.slice(index * size, (index + 1) * size))),
		);
		return answers.flat();
	}

	/** Starts every reader now, so the first big read does not start processes from a busy node. */
	warm() {
		for (const reader of this.readers) reader.warm();
	}

	hold() {
		for (const reader of this.readers) reader.hold();
	}

	release() {
		for (const reader of this.readers) reader.release();
	}

	close() {
		for (const reader of this.readers) reader.close();
	}
}

/** At most this many paths are a routine refresh's (the selected namespace and the rotation). */
const routineReadSize = 64;
