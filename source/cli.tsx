#!/usr/bin/env node
import meow from 'meow';
import {runSnapshot} from './commands/snapshot.js';

const cli = meow(
	`
	Usage
	  $ nstui                     the terminal UI
	  $ nstui snapshot [--json]   print every network namespace and what is in it

	Options
	  --json        machine-readable output (snapshot)
	  --help        this text
	  --version     the version

	Exit codes
	  0  success
	  1  an unexpected error
	  2  a needed program is missing, or bad usage
`,
	{
		importMeta: import.meta,
		flags: {
			json: {type: 'boolean', default: false},
		},
	},
);

const [command] = cli.input;

if (command === 'snapshot') {
	process.exitCode = await runSnapshot({json: cli.flags.json});
} else if (command === undefined) {
	process.stderr.write('nstui: the terminal UI is not built yet; try `nstui snapshot`\n');
	process.exitCode = 2;
} else {
	process.stderr.write(`nstui: unknown command "${command}"; see nstui --help\n`);
	process.exitCode = 2;
}
