// The namespace reader: one small perl process that, for each nsfs path it is
// given on stdin, forks, enters that network namespace with setns(2) and execs
// `ip` there. That is one exec per namespace, where `nsenter PATH ip` costs two
// and `ip -n NAME` copies the whole mount table; perl is part of every Debian
// system (perl-base is essential). The program is a constant: paths reach it
// only as data on stdin, never as program text. The namespace the reader
// itself runs in is read without entering it, so a user who is not root can
// read nstui's own namespace (setns(2) needs CAP_SYS_ADMIN even for that).

/** setns(2) by architecture (process.arch); elsewhere nstui falls back to nsenter. */
export const setnsSyscall: Readonly<Partial<Record<string, number>>> = {
	x64: 308,
	ia32: 346,
	arm64: 268,
	arm: 375,
	riscv64: 268,
	loong64: 268,
	ppc64: 350,
	s390x: 339,
};

/**
 * perl -e readerProgram SETNS SECONDS COMMAND...
 * Reads NUL-terminated paths. After each namespace it ends that namespace's
 * stdout with "\0STATUS\n" and its stderr with "\0", so every line of output
 * belongs to exactly one namespace, whatever failed. STATUS is `exit N`,
 * `signal N`, `timeout` (killed after SECONDS), or `unopened` (no such path).
 */
export const readerProgram = String.raw`
$0 = "nstui namespace reader";
my ($setns, $seconds, @command) = @ARGV;
$/ = "\0";
$| = 1;
while (defined(my $path = <STDIN>)) {
	chomp $path;
	my $status = 'unopened';
	if (open(my $ns, '<', $path)) {
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
			exec { $command[0] } @command;
			print STDERR "$command[0]: $!\n";
			exit 127;
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
	print STDOUT "\0$status\n";
	print STDERR "\0";
}
`;

export type SectionStatus = {exitCode: number | null; timedOut: boolean; unopened: boolean};

export function parseSectionStatus(text: string): SectionStatus | null {
	const match = /^(exit|signal) (\d+)$|^(timeout)$|^(unopened)$/.exec(text);
	if (!match) return null;
	return {exitCode: match[1] === 'exit' ? Number(match[2]) : null, timedOut: match[3] !== undefined, unopened: match[4] !== undefined};
}

/** The complete "TEXT\0STATUS\n" sections at the start of `buffer`, and what is left (an incomplete one). */
export function takeOutputSections(buffer: string): {sections: Array<{text: string; status: SectionStatus | null}>; rest: string} {
	const sections: Array<{text: string; status: SectionStatus | null}> = [];
	let start = 0;
	for (;;) {
		const nul = buffer.indexOf('\0', start);
		if (nul < 0) break;
		const end = buffer.indexOf('\n', nul);
		if (end < 0) break;
		sections.push({text: buffer.slice(start, nul), status: parseSectionStatus(buffer.slice(nul + 1, end))});
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
