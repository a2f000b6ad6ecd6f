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
if (first === 'snapshot' && rest.every(arg => ['--json', '--sockets', '--ports'].includes(arg))) {
	const {runSnapshot} = await import('./commands/snapshot.js');
	process.exitCode = await runSnapshot({
		json: rest.includes('--json'),
		sockets: rest.includes('--sockets'),
		ports: rest.includes('--ports'),
	});
} else {
	const {runCommandLine} = await import('./command-line.js');
	process.exitCode = await runCommandLine(process.argv.slice(2));
}
