// Which nsid does a namespace give another? The kernel's answer, asked from
// inside the first (nsid-program.ts): what proves which
// namespace a veth's link_netnsid names. Without perl, `ip netns list-id`
// inside the namespace answers for the named ones (ip asks the kernel the same
// way, for each name in /run/netns).
import {parseNsidAnswer} from '../model/reader-protocol.js';
import {parseJsonLines, parseNsids} from '../model/ip-json.js';
import type {ChildProcessWithoutNullStreams} from 'node:child_process';
import {nsidProgram} from './nsid-program.js';
import {perlAvailable, setnsSyscall} from './perl.js';
import {defaultTimeoutMs, killGroup, mapLimit, run, startKept} from './run.js';

export type NsidPlace = {inode: number; path: string};
export type NsidQuestion = {from: NsidPlace; about: NsidPlace[]};
/** from -> (other -> the nsid `from` gives it; -1: none). Only answers whose inodes were checked. */
export type NsidAnswers = Map<number, Map<number, number>>;

export type NsidOptions = {
	timeoutMs?: number;
	nice?: number;
	names?: Map<string, number>;
	prover?: KeptNsidProver;
};

export async function askNsids(
	questions: NsidQuestion[],
	options: NsidOptions = {},
): Promise<NsidAnswers> {
	const answers: NsidAnswers = new Map();
	const asked = questions.filter(question => question.about.length > 0);
	if (asked.length === 0) return answers;
	if (!perlAvailable()) return askWithIp(asked, options);
	const input =
		asked
			.map(({from, about}) => [from.path, ...about.map(other => other.path), ''].join('\0'))
			.join('\0') + '\0';
	const count = asked.reduce((sum, question) => sum + question.about.length, 0);
	const timeoutMs = (options.timeoutMs ?? defaultTimeoutMs) + count / 10;
	const lines = options.prover
		? await options.prover.ask(input, asked.length, timeoutMs)
		: (
				await run('perl', ['-e', nsidProgram, String(setnsSyscall[process.arch])], {
					input,
					timeoutMs,
					nice: options.nice,
				})
			).stdout.split('\n');
	asked.forEach(({from, about}, index) => {
		const answer = parseNsidAnswer(lines[index] ?? '');
		// A path may lead elsewhere by now (a process gone, a pid reused): only what was opened counts.
		if (!answer || answer.inode !== from.inode) return;
		const known = answers.get(from.inode) ?? new Map<number, number>();
		about.forEach((other, position) => {
			const said = answer.others[position];
			if (said && said.inode === other.inode && said.nsid !== null)
				known.set(other.inode, said.nsid);
		});
		answers.set(from.inode, known);
	});
	return answers;
}

/** `ip netns list-id` inside each namespace asked: nsids of the others that have a name in /run/netns. */
async function askWithIp(
	questions: NsidQuestion[],
	options: {timeoutMs?: number; names?: Map<string, number>},
): Promise<NsidAnswers> {
	const answers: NsidAnswers = new Map();
	const names = options.names ?? new Map<string, number>();
	await mapLimit(questions, 4, async ({from, about}) => {
		const result = await run('nsenter', [`--net=${from.path}`, 'ip', '-j', 'netns', 'list-id'], {
			timeoutMs: options.timeoutMs,
		});
		if (!result.ok) return;
		const given = new Map<number, number>();
		for (const {nsid, name} of parseNsids(parseJsonLines(result.stdout)[0] ?? [])) {
			const inode = name === null ? undefined : names.get(name);
			if (inode !== undefined) given.set(inode, nsid);
		}
		// An other with a name but no nsid listed has none; one without a name stays unknown.
		const named = new Set(names.values());
		const known = new Map<number, number>();
		for (const other of about) {
			const nsid = given.get(other.inode);
			if (nsid !== undefined) known.set(other.inode, nsid);
			else if (named.has(other.inode)) known.set(other.inode, -1);
		}
		answers.set(from.inode, known);
	});
	return answers;
}

/**
 * The nsid prover kept running (the TUI): a refresh that must prove a peer
 * asks it and starts no perl. Questions queue and are answered in order, a
 * line a question; one that takes too long ends it, and the next starts another.
 */
export class KeptNsidProver {
	private child: ChildProcessWithoutNullStreams | null = null;
	private rest = '';
	private lines: string[] = [];
	private queue: Array<{count: number; resolve: (lines: string[]) => void; timer: NodeJS.Timeout}> =
		[];

	constructor(private readonly options: {nice?: number} = {}) {}

	ask(input: string, count: number, timeoutMs: number): Promise<string[]> {
		const child = this.child ?? this.start();
		return new Promise(resolve => {
			const timer = setTimeout(() => this.stop(), timeoutMs);
			this.queue.push({count, resolve, timer});
			child.stdin.write(input);
		});
	}

	close() {
		this.stop();
	}

	private start(): ChildProcessWithoutNullStreams {
		const child = startKept('perl', ['-e', nsidProgram, String(setnsSyscall[process.arch])], {
			nice: this.options.nice,
		});
		this.child = child;
		child.stdout.setEncoding('utf8');
		child.stdout.on('data', (chunk: string) => {
			const lines = (this.rest + chunk).split('\n');
			this.rest = lines.pop()!;
			this.lines.push(...lines);
			this.deliver();
		});
		child.stderr.resume();
		child.stdin.on('error', () => {});
		child.once('exit', () => {
			if (this.child === child) this.stop();
		});
		return child;
	}

	private deliver() {
		for (;;) {
			const pending = this.queue[0];
			if (!pending || this.lines.length < pending.count) return;
			this.queue.shift();
			clearTimeout(pending.timer);
			pending.resolve(this.lines.splice(0, pending.count));
		}
	}

	/** Ends the prover; what is pending gets what has arrived (the rest: no answer). */
	private stop() {
		const child = this.child;
		this.child = null;
		killGroup(child?.pid);
		for (const pending of this.queue.splice(0)) {
			clearTimeout(pending.timer);
			pending.resolve(this.lines.splice(0, pending.count));
		}
		this.lines = [];
		this.rest = '';
	}
}
