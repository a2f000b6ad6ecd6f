// What the perl helpers that root runs (system/readers/reader-program.ts,
// system/nsid-program.ts) print, parsed: pure, so it is tested without root.
// The reader ends each namespace's stdout with "\0STATUS\n" and its stderr
// with "\0"; the nsid prover answers one line a question.

/** `inode`: the namespace that was opened, when the reader says (it always does; the nsenter fallback cannot). */
export type SectionStatus = {
	exitCode: number | null;
	timedOut: boolean;
	unopened: boolean;
	inode?: number;
};

export function parseSectionStatus(text: string): SectionStatus | null {
	const match = /^(?:(exit|signal) (\d+)|(timeout)|(unopened))(?: @(\d+))?$/.exec(text);
	if (!match) return null;
	const status: SectionStatus = {
		exitCode: match[1] === 'exit' ? Number(match[2]) : null,
		timedOut: match[3] !== undefined,
		unopened: match[4] !== undefined,
	};
	if (match[5] !== undefined) status.inode = Number(match[5]);
	return status;
}

/** The complete "TEXT\0STATUS\n" sections at the start of `buffer`, and what is left (an incomplete one). */
export function takeOutputSections(buffer: string): {
	sections: Array<{text: string; status: SectionStatus | null}>;
	rest: string;
} {
	const sections: Array<{text: string; status: SectionStatus | null}> = [];
	let start = 0;
	for (;;) {
		const nul = buffer.indexOf('\0', start);
		if (nul < 0) break;
		const end = buffer.indexOf('\n', nul);
		if (end < 0) break;
		sections.push({
			text: buffer.slice(start, nul),
			status: parseSectionStatus(buffer.slice(nul + 1, end)),
		});
		start = end + 1;
	}
	return {sections, rest: buffer.slice(start)};
}

/** The complete "TEXT\0" sections at the start of `buffer` (the reader's stderr), and what is left. */
export function takeErrorSections(buffer: string): {sections: string[]; rest: string} {
	const parts = buffer.split('\0');
	const rest = parts.pop()!;
	return {sections: parts, rest};
}

/** One answer of nsidProgram: the namespace asked, and what it gives each other one (null: could not be asked). */
export type NsidAnswer = {
	inode: number;
	others: Array<{inode: number; nsid: number | null}>;
} | null;

export function parseNsidAnswer(line: string): NsidAnswer {
	const [first, ...rest] = line.trim().split(' ');
	if (!first || !/^\d+$/.test(first)) return null;
	const others = rest.map(part => {
		const match = /^(\d+):(-?\d+|x)$/.exec(part);
		return match
			? {inode: Number(match[1]), nsid: match[2] === 'x' ? null : Number(match[2])}
			: {inode: 0, nsid: null};
	});
	return {inode: Number(first), others};
}
