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
 * `signal N`, `timeout` (killed after SECONDS), or `unopened` (no such path),
 * followed by ` @INODE`, the inode of the namespace it opened: a path such as
 * /proc/PID/ns/net may lead to another namespace by the time it is read.
 */
export const readerProgram = String.raw`
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
	print STDOUT "\0$status$inode\n";
	print STDERR "\0";
}
`;

/** `inode`: the namespace that was opened, when the reader says (it always does; the nsenter fallback cannot). */
export type SectionStatus = {exitCode: number | null; timedOut: boolean; unopened: boolean; inode?: number};

export function parseSectionStatus(text: string): SectionStatus | null {
	const match = /^(?:(exit|signal) (\d+)|(timeout)|(unopened))(?: @(\d+))?$/.exec(text);
	if (!match) return null;
	const status: SectionStatus = {exitCode: match[1] === 'exit' ? Number(match[2]) : null, timedOut: match[3] !== undefined, unopened: match[4] !== undefined};
	if (match[5] !== undefined) status.inode = Number(match[5]);
	return status;
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

/**
 * perl -e nsidProgram SETNS
 * Asks namespaces which nsid they give others, the kernel's own answer
 * (RTM_GETNSID with NETNSA_FD; it never assigns one). Reads NUL-terminated
 * records: the path of the namespace to ask, the paths of the namespaces to ask
 * about, and an empty path. It enters the first with setns(2) itself (a
 * netlink socket belongs to the namespace it is made in), and answers one line
 * a record: `INODE` of the namespace asked, then `INODE:NSID` for each other
 * (-1: none given; `x`: could not be asked; inode 0: could not be opened); or
 * `x` alone when the first could not be entered. Requests go 64 to a send.
 */
export const nsidProgram = String.raw`
$0 = "nstui nsid reader";
my ($setns) = @ARGV;
$/ = "\0";
$| = 1;
my $seq = 0;
sub ask_all {
	my ($sock, @fds) = @_;
	my %answer;
	my $first = $seq + 1;
	my $message = '';
	for my $fd (@fds) {
		$seq++;
		# nlmsghdr (RTM_GETNSID = 90, NLM_F_REQUEST), rtgenmsg, NETNSA_FD (3)
		$message .= pack('LSSLL C x3 SS l', 28, 90, 1, $seq, 0, 0, 8, 3, $fd);
	}
	return %answer unless @fds;
	send($sock, $message, 0) or return %answer;
	my $left = scalar @fds;
	while ($left > 0) {
		my $buffer;
		defined(recv($sock, $buffer, 65536, 0)) or last;
		last if length($buffer) == 0;
		my $offset = 0;
		while ($offset + 16 <= length $buffer) {
			my ($length, $type, $flags, $number) = unpack('LSSL', substr($buffer, $offset, 12));
			last if $length < 16;
			if ($number >= $first && $number <= $seq && !exists $answer{$number}) {
				my $nsid = 'x';
				if ($type == 88) {
					my $at = $offset + 20;
					while ($at + 8 <= $offset + $length) {
						my ($size, $kind) = unpack('SS', substr($buffer, $at, 4));
						last if $size < 4;
						if ($kind == 1) { $nsid = unpack('l', substr($buffer, $at + 4, 4)); last }
						$at += ($size + 3) & ~3;
					}
				}
				$answer{$number} = $nsid;
				$left--;
			}
			$offset += ($length + 3) & ~3;
		}
	}
	return %answer;
}
while (defined(my $from = <STDIN>)) {
	chomp $from;
	my @others;
	while (defined(my $other = <STDIN>)) { chomp $other; last if $other eq ''; push @others, $other; }
	my $sock;
	my $ns;
	if (!(open($ns, '<', $from) && syscall($setns, fileno($ns), 0x40000000) == 0 && socket($sock, 16, 3, 0))) {
		print STDOUT "x\n";
		next;
	}
	my @line = ((stat($ns))[1]);
	close $ns;
	for (my $start = 0; $start < @others; $start += 64) {
		my @chunk = @others[$start .. ($start + 63 < $#others ? $start + 63 : $#others)];
		my @handles = map { my $handle; open($handle, '<', $_) ? $handle : undef } @chunk;
		my $base = $seq;
		my @open = grep { defined $handles[$_] } 0 .. $#handles;
		my %answer = ask_all($sock, map { fileno($handles[$_]) } @open);
		my %nsid;
		@nsid{@open} = map { $answer{$base + 1 + $_} // 'x' } 0 .. $#open;
		for my $index (0 .. $#chunk) {
			my $handle = $handles[$index];
			push @line, defined $handle ? (stat($handle))[1] . ':' . $nsid{$index} : '0:x';
			close $handle if defined $handle;
		}
	}
	close $sock;
	print STDOUT join(' ', @line), "\n";
}
`;

/** One answer of nsidProgram: the namespace asked, and what it gives each other one (null: could not be asked). */
export type NsidAnswer = {inode: number; others: Array<{inode: number; nsid: number | null}>} | null;

export function parseNsidAnswer(line: string): NsidAnswer {
	const [first, ...rest] = line.trim().split(' ');
	if (!first || !/^\d+$/.test(first)) return null;
	const others = rest.map(part => {
		const match = /^(\d+):(-?\d+|x)$/.exec(part);
		return match ? {inode: Number(match[1]), nsid: match[2] === 'x' ? null : Number(match[2])} : {inode: 0, nsid: null};
	});
	return {inode: Number(first), others};
}
