#!/usr/bin/env node
// No V8 options in the shebang: any of them makes node compile its own
// built-in modules from source instead of from its code cache (~20 ms of every
// snapshot, more of the TUI's start).

// A reader that stops early (`nstui snapshot | head`) ends the output quietly,
// as it ends ip's, instead of with a stack trace from the failed write.
process.stdout.on('error', error => {
	if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
	process.exit(0);
});

// Each command is imported only when it runs. The plain `nstui snapshot
// [--json]`, which scripts run often, does not even load meow (~30 ms): on a
// small host node's own start is most of its time.
const [first, ...rest] = process.argv.slice(2);
if (first === 'snapshot' && rest.every(arg => arg === '--json' || arg === '--sockets')) {
	const {runSnapshot} = await import('./commands/snapshot.js');
	process.exitCode = await runSnapshot({
		json: rest.includes('--json'),
		sockets: rest.includes('--sockets'),
	});
} else {
	await runCommandLine();
}

async function runCommandLine() {
	const {default: meow} = await import('meow');
	const {commandLog} = await import('./system/command-log.js');
	const {versionLine} = await import('./model/version-line.js');
	const {packageInfo, standalone} = await import('./build-info.js');

	// `nstui capture NS IF -- BPF...`: what follows `--` is the filter, words meow must not read.
	const args = process.argv.slice(2);
	const dashes = args.indexOf('--');
	const filter = dashes === -1 ? [] : args.slice(dashes + 1);
	const cli = meow(
		`
		Usage
		  $ nstui [--interval N] [--read-only] [--log FILE]
		                              the terminal UI (live; press ? inside for the keys)
		  $ nstui snapshot [--json] [--sockets]
		                              print every network namespace and what is in it
		                              (--sockets: also its TCP and UDP sockets and who holds them)
		  $ nstui topology [--dot]    draw the wiring between namespaces (--dot: Graphviz)
		  $ nstui find TERM [--json]  where an interface, IP address or prefix, MAC, PID,
		                              command or port (:8080) is: namespace, interface, process
		  $ nstui capture NAMESPACE INTERFACE [--write FILE] [--count N] [-- FILTER...]
		                              tcpdump inside the namespace (by name, inode or owner):
		                              its lines, the pcap to FILE; Ctrl-C stops
		  $ nstui recipe NAME up|down --prefix P
		                              build or remove a seed topology in namespaces P-*:
		                              direct, router or bridge
		  $ nstui trace FROM TO[:PORT[/udp]] [--json] [--probe]
		                              why FROM (a namespace) can or cannot reach TO (an
		                              address or a namespace), hop by hop, and back;
		                              --probe: ping it with a capture on each hop

		Options
		  --json        machine-readable output (snapshot, find, trace)
		  --sockets     also every namespace's sockets (snapshot)
		  --write FILE  write the capture to FILE as pcap (capture)
		  --count N     stop after N packets (capture; default 10000)
		  --dot         Graphviz dot instead of text (topology)
		  --probe       also ping along the path, capturing on each hop (trace)
		  --prefix P    the namespace name prefix (recipe)
		  --interval N  seconds between refreshes of the terminal UI (default 2)
		  --read-only   the terminal UI without actions (always so when not root)
		  --log FILE    also append every command nstui runs to FILE (l shows them)
		  -h, --help    this text
		  -v, --version the version, and the Node it runs on

		Keys in the terminal UI (? shows them with more detail)
		  Tab Shift-Tab 1-5   panes          j k ↑ ↓ PgUp PgDn g G   move
		  Enter   open          /  filter        *  all processes   Space  pause
		  Ctrl-R  refresh       t  topology      F  find anything   i  neighbours, iptables
		  R  traffic by rate    c  capture (on an interface)   U  Unix sockets (5)
		  T  trace a path (why can't it reach X?)   l  command log   w  warnings
		  ?  help               q Ctrl-C  quit
		  Actions (root): n new namespace  d delete  s shell inside  m move interface
		    v veth pair  a address  u up/down  r route  f forwarding  N name it
		    b bridge/master  V VRF  M masquerade  p ping  L recipes

		Exit codes
		  0  success
		  1  an unexpected error; for find: nothing matched; for recipe: a step failed;
		     for capture: no such namespace or interface, filter refused, tcpdump failed
		     for trace: a hop breaks the path
		  2  a needed program is missing, no terminal for the UI, or bad usage
		  128+N  the UI ended by signal N (terminal restored)
	`,
		{
			importMeta: import.meta,
			argv: dashes === -1 ? args : args.slice(0, dashes),
			// Built in, not read from a package.json near the running file (the standalone
			// executable has none); `bin` makes the process title `nstui`.
			pkg: {...packageInfo, bin: {nstui: 'dist/cli.js'}},
			version: versionLine(packageInfo.version, {
				standalone,
				node: process.version,
				platform: process.platform,
				arch: process.arch,
			}),
			flags: {
				json: {type: 'boolean', default: false},
				sockets: {type: 'boolean', default: false},
				write: {type: 'string'},
				count: {type: 'string'},
				interval: {type: 'number', default: 2},
				readOnly: {type: 'boolean', default: false},
				dot: {type: 'boolean', default: false},
				probe: {type: 'boolean', default: false},
				prefix: {type: 'string'},
				log: {type: 'string'},
				// Declared so that meow's own help and version also answer to -h and -v.
				help: {type: 'boolean', shortFlag: 'h'},
				version: {type: 'boolean', shortFlag: 'v'},
			},
		},
	);

	// meow would name an unknown flag on two lines; one line says it, and the UI
	// must never start on a mistyped option.
	const unknown = unknownFlags(cli.flags);
	if (unknown.length > 0) {
		const {shown} = await import('./model/shown-text.js');
		process.stderr.write(`nstui: unknown option ${shown(unknown.join(', '))}; see nstui --help\n`);
		process.exitCode = 2;
		return;
	}

	// meow answers these by itself only when they come alone.
	if (cli.flags.help) cli.showHelp(0);
	if (cli.flags.version) cli.showVersion();

	const [command] = cli.input;

	if (cli.flags.log) commandLog.setFile(cli.flags.log);

	if (command === 'snapshot') {
		const {runSnapshot} = await import('./commands/snapshot.js');
		process.exitCode = await runSnapshot({json: cli.flags.json, sockets: cli.flags.sockets});
	} else if (command === 'capture') {
		const {runCapture} = await import('./commands/capture.js');
		process.exitCode = await runCapture({
			args: cli.input.slice(1),
			filter,
			write: cli.flags.write,
			count: cli.flags.count,
		});
	} else if (command === 'topology') {
		const {runTopology} = await import('./commands/topology.js');
		process.exitCode = await runTopology({dot: cli.flags.dot});
	} else if (command === 'recipe') {
		const {runRecipeCommand} = await import('./commands/recipe.js');
		process.exitCode = await runRecipeCommand({args: cli.input.slice(1), prefix: cli.flags.prefix});
	} else if (command === 'find') {
		const {runFind} = await import('./commands/find.js');
		process.exitCode = await runFind({terms: cli.input.slice(1), json: cli.flags.json});
	} else if (command === 'trace') {
		const {runTraceCommand} = await import('./commands/trace.js');
		process.exitCode = await runTraceCommand({
			args: cli.input.slice(1),
			json: cli.flags.json,
			probe: cli.flags.probe,
		});
	} else if (command === undefined) {
		// ink renders nothing when it believes it runs in CI (is-in-ci reads these
		// once, at import): a person at a terminal is never "in CI".
		delete process.env.CI;
		delete process.env.CONTINUOUS_INTEGRATION;
		// Imported here so the headless commands do not pay for loading ink and React.
		const {runTui} = await import('./ui/app/run-tui.js');
		// Exit at once: a refresh still running must not keep the shell waiting.
		process.exit(await runTui({intervalSeconds: cli.flags.interval, readOnly: cli.flags.readOnly}));
	} else {
		const {shown} = await import('./model/shown-text.js');
		process.stderr.write(`nstui: unknown command "${shown(command)}"; see nstui --help\n`);
		process.exitCode = 2;
	}
}

/** The flags meow parsed that nstui does not know, spelled as on the command line. */
function unknownFlags(flags: Record<string, unknown>): string[] {
	// Inside the function: the top-level await above runs before module-level constants exist.
	const knownFlags = new Set([
		'json',
		'sockets',
		'write',
		'count',
		'interval',
		'readOnly',
		'dot',
		'probe',
		'prefix',
		'log',
		'help',
		'version',
		'h',
		'v',
	]);
	return Object.keys(flags)
		.filter(key => !knownFlags.has(key) && !key.includes('-'))
		.map(key =>
			key.length === 1
				? `-${key}`
				: `--${key.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`)}`,
		);
}
