// The namespace reader: one small perl process that, for each nsfs path it is
// given on stdin, forks, enters that network namespace with setns(2) and execs
// `ip` there. That is one exec per namespace, where `nsenter PATH ip` costs two
// and `ip -n NAME` copies the whole mount table. The program is a constant:
// paths reach it only as data on stdin, never as program text. The namespace
// the reader itself runs in is read without entering it, so a user who is not
// root can read nstui's own namespace (setns(2) needs CAP_SYS_ADMIN even for
// that). What it prints is parsed by model/reader-protocol.ts.
import {innerBatchFile} from '../ip-query.js';
import {perlAvailable, setnsSyscall} from '../perl.js';

/**
 * perl -e readerProgram SETNS SECONDS COMMAND...
 * Reads NUL-terminated paths. After each namespace it ends that namespace's
 * stdout with "\0STATUS\n" and its stderr with "\0", so every line of output
 * belongs to exactly one namespace, whatever failed. STATUS is `exit N`,
 * `signal N`, `timeout` (killed after SECONDS), or `unopened` (no such path),
 * followed by ` @INODE`, the inode of the namespace it opened: a path such as
 * /proc/PID/ns/net may lead to another namespace by the time it is read.
 */
export const readerProgram = String.raw`
use strict;
use warnings;
$0 = "nstui namespace reader";
my ($setns, $seconds, @command) = @ARGV;
$/ = "\0";
$| = 1;
while (defined(my $path = <STDIN>)) {
	chomp $path;
	my $status = 'unopened';
	my $inode = '';
	if (open(my $ns, '<', $path)) {
		$inode = ' @' . (stat($ns))[1];
		my $pid = fork;
		if (!defined $pid) {
			print STDERR "fork: $!\n";
			$status = 'exit 125';
		} elsif ($pid == 0) {
			# The namespace it already runs in is not entered: setns(2) needs
			# CAP_SYS_ADMIN even for that, and a user who is not root can still read it.
			my @in = stat($ns);
			my @here = stat('/proc/self/ns/net');
			unless (@here && $in[0] == $here[0] && $in[1] == $here[1]) {
				syscall($setns, fileno($ns), 0x40000000) == 0 or do { print STDERR "cannot enter $path: $!\n"; exit 126 };
			}
			# perl's own warning would say it twice; the line below says it once.
			no warnings 'exec';
			exec { $command[0] } @command or do { print STDERR "$command[0]: $!\n"; exit 127 };
		} else {
			my $late = 0;
			local $SIG{ALRM} = sub { $late = 1; kill 'KILL', $pid };
			alarm $seconds;
			waitpid($pid, 0);
			alarm 0;
			$status = $late ? 'timeout' : ($? & 127) ? 'signal ' . ($? & 127) : 'exit ' . ($? >> 8);
		}
		close $ns;
	} else {
		print STDERR "cannot open $path: $!\n";
	}
	print STDOUT "\0$status$inode\n";
	print STDERR "\0";
}
`;

/** `perl -e PROGRAM ...` for this machine, or null where the reader cannot run. */
export function readerCommand(timeoutMs: number, withNsids = false): string[] | null {
	if (!perlAvailable()) return null;
	return [
		'perl',
		'-e',
		readerProgram,
		String(setnsSyscall[process.arch]),
		String(alarmSeconds(timeoutMs)),
		'ip',
		'-d',
		'-j',
		'-b',
		innerBatchFile(withNsids),
	];
}

const alarmSeconds = (timeoutMs: number) => Math.max(1, Math.ceil(timeoutMs / 1000));

/**
 * Bounds a whole read. Each namespace has its own alarm inside the reader, so
 * one that hangs costs its alarm and the rest are still read; this allows for
 * two such, and is there for a reader that hangs itself.
 */
export const overallTimeout = (timeoutMs: number, count: number) =>
	2 * alarmSeconds(timeoutMs) * 1000 + 20 * count;
