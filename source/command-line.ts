// The command line: meow parses it, one unknown option is refused in one line,
// and each command runs from a table (imported only when it runs, so no
// command pays for loading another's code, nor the TUI's).
import meow from 'meow';
import {packageInfo, standalone} from './build-info.js';
import {versionLine} from './model/version-line.js';
import {commandLog} from './system/command-log.js';

const usage = `
Usage
  $ nstui [--interval N] [--read-only] [--log FILE]
                              the terminal UI (live; press ? inside for the keys)
  $ nstui snapshot [--json] [--sockets] [--ports]
                              print every network namespace and what is in it
                              (--sockets: also its TCP and UDP sockets and who holds them;
                              --ports: also the ports it publishes, address:port → where)
  $ nstui topology [--dot]    draw the wiring between namespaces (--dot: Graphviz)
  $ nstui find TERM [--json]  where an interface, IP address or prefix, MAC, PID,
                              command or port (:8080) is: namespace, interface, process
  $ nstui capture NAMESPACE INTERFACE [--write FILE [--force]] [--count N] [-- FILTER...]
                              tcpdump inside the namespace (by name, inode or owner):
                              its lines, the pcap to FILE; Ctrl-C stops
  $ nstui recipe NAME up|down --prefix P
                              build or remove a seed topology in namespaces P-*:
                              direct, router or bridge
  $ nstui watch [--json] [--record FILE [--record-max SIZE]]
                              print each change to the namespaces as it happens
                              (--json: one JSON object a line; Ctrl-C stops)
  $ nstui diff OLD.json NEW.json [--json]
                              what changed between two snapshot --json files
  $ nstui trace FROM TO[:PORT[/udp]] [--json] [--probe]
                              why FROM (a namespace) can or cannot reach TO (an
                              address or a namespace), hop by hop, and back;
                              --probe: ping it with a capture on each hop

Options
  --json        machine-readable output (snapshot, find, trace, diff, watch)
  --sockets     also every namespace's sockets (snapshot)
  --ports       also every namespace's published ports: DNAT rules, docker-proxy (snapshot)
  --write FILE  write the capture to FILE as pcap (capture); a new file only
  --force       with --write: overwrite FILE if it is a regular file (never a link's target)
  --count N     stop after N packets (capture; default 10000)
  --dot         Graphviz dot instead of text (topology)
  --probe       also ping along the path, capturing on each hop (trace)
  --prefix P    the namespace name prefix (recipe)
  --interval N  seconds between refreshes of the terminal UI (default 2)
  --read-only   the terminal UI without actions (always so when not root)
  --log FILE    also append every command nstui runs to FILE (l shows them)
  --record FILE append each change seen to FILE as JSON lines (watch)
  --record-max SIZE  at this size FILE becomes FILE.1 and starts anew (default 10M)
  -h, --help    this text
  -v, --version the version, and the Node it runs on
`;

const exitCodes = `
Exit codes
  0  success
  1  an unexpected error; for find: nothing matched; for recipe: a step failed;
     for capture: no such namespace or interface, filter refused, tcpdump failed
     for trace: a hop breaks the path; for diff: the snapshots differ
  2  a needed program is missing, no terminal for the UI, or bad usage
  128+N  the UI ended by signal N (terminal restored)
`;

const flags = {
	json: {type: 'boolean', default: false},
	sockets: {type: 'boolean', default: false},
	ports: {type: 'boolean', default: false},
	write: {type: 'string'},
	force: {type: 'boolean', default: false},
	count: {type: 'string'},
	interval: {type: 'number', default: 2},
	readOnly: {type: 'boolean', default: false},
	dot: {type: 'boolean', default: false},
	probe: {type: 'boolean', default: false},
	prefix: {type: 'string'},
	log: {type: 'string'},
	record: {type: 'string'},
	recordMax: {type: 'string'},
	// Declared so that meow's own help and version also answer to -h and -v.
	help: {type: 'boolean', shortFlag: 'h'},
	version: {type: 'boolean', shortFlag: 'v'},
} as const;

/** What a command gets: the words after its name, the flags, and the filter after `--`. */
type Parsed = {
	args: string[];
	flags: ReturnType<typeof parse>['flags'];
	filter: string[];
};

/** The help text: usage, options, the TUI's keys (from its key tables, loaded only for --help), exit codes. */
async function helpText(wanted: boolean): Promise<string> {
	if (!wanted) return usage;
	const {keySummary} = await import('./ui/keys/key-summary.js');
	const keys = keySummary()
		.split('\n')
		.map(line => (line === '' ? '' : `  ${line}`))
		.join('\n');
	return `${usage}\nKeys in the terminal UI (? shows them inside it)\n${keys}\n${exitCodes}`;
}

function parse(argv: string[], help: string) {
	return meow(help, {
		importMeta: import.meta,
		argv,
		// Built in, not read from a package.json near the running file (the standalone
		// executable has none); `bin` makes the process title `nstui`.
		pkg: {...packageInfo, bin: {nstui: 'dist/cli.js'}},
		version: versionLine(packageInfo.version, {
			standalone,
			node: process.version,
			platform: process.platform,
			arch: process.arch,
		}),
		flags,
	});
}

const commands: Record<string, (parsed: Parsed) => Promise<number>> = {
	async snapshot({flags}) {
		const {runSnapshot} = await import('./commands/snapshot.js');
		return runSnapshot({json: flags.json, sockets: flags.sockets, ports: flags.ports});
	},
	async capture({args, flags, filter}) {
		const {runCapture} = await import('./commands/capture.js');
		return runCapture({args, filter, write: flags.write, force: flags.force, count: flags.count});
	},
	async topology({flags}) {
		const {runTopology} = await import('./commands/topology.js');
		return runTopology({dot: flags.dot});
	},
	async recipe({args, flags}) {
		const {runRecipeCommand} = await import('./commands/recipe.js');
		return runRecipeCommand({args, prefix: flags.prefix});
	},
	async find({args, flags}) {
		const {runFind} = await import('./commands/find.js');
		return runFind({terms: args, json: flags.json});
	},
	async watch({args, flags}) {
		if (args.length > 0) return refuse(`watch takes no words (${args.join(' ')})`);
		const {runWatch} = await import('./commands/watch.js');
		return runWatch({
			json: flags.json,
			record: flags.record,
			recordMax: flags.recordMax,
			intervalSeconds: flags.interval,
		});
	},
	async diff({args, flags}) {
		const {runDiff} = await import('./commands/diff.js');
		return runDiff({args, json: flags.json});
	},
	async trace({args, flags}) {
		const {runTraceCommand} = await import('./commands/trace.js');
		return runTraceCommand({args, json: flags.json, probe: flags.probe});
	},
};

async function startTui({flags}: Parsed): Promise<never> {
	// ink renders nothing when it believes it runs in CI (is-in-ci reads these
	// once, at import): a person at a terminal is never "in CI".
	delete process.env.CI;
	delete process.env.CONTINUOUS_INTEGRATION;
	const {runTui} = await import('./ui/app/run-tui.js');
	// Exit at once: a refresh still running must not keep the shell waiting.
	process.exit(await runTui({intervalSeconds: flags.interval, readOnly: flags.readOnly}));
}

async function refuse(message: string): Promise<number> {
	const {shown} = await import('./model/shown-text.js');
	process.stderr.write(`nstui: ${shown(message)}; see nstui --help\n`);
	return 2;
}

/** Parses the command line and runs what it names; the exit code. */
export async function runCommandLine(words: string[]): Promise<number> {
	// `nstui capture NS IF -- BPF...`: what follows `--` is the filter, words meow must not read.
	const dashes = words.indexOf('--');
	const argv = dashes === -1 ? words : words.slice(0, dashes);
	const filter = dashes === -1 ? [] : words.slice(dashes + 1);
	const cli = parse(argv, await helpText(argv.includes('--help') || argv.includes('-h')));

	// meow would name an unknown flag on two lines; one line says it, and the UI
	// must never start on a mistyped option.
	const unknown = unknownFlags(cli.flags);
	if (unknown.length > 0) return refuse(`unknown option ${unknown.join(', ')}`);
	// meow answers these by itself only when they come alone.
	if (cli.flags.help) cli.showHelp(0);
	if (cli.flags.version) cli.showVersion();
	if (cli.flags.log) {
		const refused = commandLog.setFile(cli.flags.log);
		if (refused) return refuse(refused);
	}

	const [name, ...args] = cli.input;
	const parsed: Parsed = {args, flags: cli.flags, filter};
	if (name === undefined) return startTui(parsed);
	const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
	return command ? command(parsed) : refuse(`unknown command "${name}"`);
}

const knownFlags = new Set([...Object.keys(flags), 'h', 'v']);

/** The flags meow parsed that nstui does not know, spelled as on the command line. */
function unknownFlags(parsed: Record<string, unknown>): string[] {
	return Object.keys(parsed)
		.filter(key => !knownFlags.has(key) && !key.includes('-'))
		.map(key =>
			key.length === 1
				? `-${key}`
				: `--${key.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`)}`,
		);
}
