// Which nsid does a namespace give another? The kernel's answer, asked from
// inside the first (nsid-program.ts): what proves which
// namespace a veth's link_netnsid names. Without perl, `ip netns list-id`
// inside the namespace answers for the named ones (ip asks the kernel the same
// way, for each name in /run/netns).
import {parseNsidAnswer} from '../model/reader-protocol.js';
import {parseJsonLines, parseNsids} from '../model/ip-json.js';
import {nsidProgram} from './nsid-program.js';
import {perlAvailable, setnsSyscall} from './perl.js';
import {defaultTimeoutMs, mapLimit, run} from './run.js';

export type NsidPlace = {inode: number; path: string};
export type NsidQuestion = {from: NsidPlace; about: NsidPlace[]};
/** from -> (other -> the nsid `from` gives it; -1: none). Only answers whose inodes were checked. */
export type NsidAnswers = Map<number, Map<number, number>>;

export async function askNsids(questions: NsidQuestion[], options: {timeoutMs?: number; nice?: number; names?: Map<string, number>} = {}): Promise<NsidAnswers> {
	const answers: NsidAnswers = new Map();
	const asked = questions.filter(question => question.about.length > 0);
	if (asked.length === 0) return answers;
	if (!perlAvailable()) return askWithIp(asked, options);
	const input = asked.map(({from, about}) => [from.path, ...about.map(other => other.path), ''].join('\0')).join('\0') + '\0';
	const count = asked.reduce((sum, question) => sum + question.about.length, 0);
	const result = await run('perl', ['-e', nsidProgram, String(setnsSyscall[process.arch])], {
		input,
		timeoutMs: (options.timeoutMs ?? defaultTimeoutMs) + count / 10,
		nice: options.nice,
	});
	const lines = result.stdout.split('\n');
	asked.forEach(({from, about}, index) => {
		const answer = parseNsidAnswer(lines[index] ?? '');
		// A path may lead elsewhere by now (a process gone, a pid reused): only what was opened counts.
		if (!answer || answer.inode !== from.inode) return;
		const known = answers.get(from.inode) ?? new Map<number, number>();
		about.forEach((other, position) => {
			const said = answer.others[position];
			if (said && said.inode === other.inode && said.nsid !== null) known.set(other.inode, said.nsid);
		});
		answers.set(from.inode, known);
	});
	return answers;
}

/** `ip netns list-id` inside each namespace asked: nsids of the others that have a name in /run/netns. */
async function askWithIp(questions: NsidQuestion[], options: {timeoutMs?: number; names?: Map<string, number>}): Promise<NsidAnswers> {
	const answers: NsidAnswers = new Map();
	const names = options.names ?? new Map<string, number>();
	await mapLimit(questions, 4, async ({from, about}) => {
		const result = await run('nsenter', [`--net=${from.path}`, 'ip', '-j', 'netns', 'list-id'], {timeoutMs: options.timeoutMs});
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
