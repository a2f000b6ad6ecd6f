// The nsid prover's program, run by nsid-query.ts; its answers are parsed by
// model/reader-protocol.ts (parseNsidAnswer). A constant: paths reach it only
// as data on stdin.

/**
 * perl -e nsidProgram SETNS
 * Asks namespaces which nsid they give others, the kernel's own answer
 * (RTM_GETNSID with NETNSA_FD; it never assigns one). Reads NUL-terminated
 * records: the path of the namespace to ask, the paths of the namespaces to ask
 * about, and an empty path. It enters the first with setns(2) itself just to
 * make a netlink socket there (a socket belongs to the namespace it is made
 * in), and comes back. It answers one line
 * a record: `INODE` of the namespace asked, then `INODE:NSID` for each other
 * (-1: none given; `x`: could not be asked; inode 0: could not be opened); or
 * `x` alone when the first could not be entered. Requests go 64 to a send.
 */
export const nsidProgram = String.raw`
use strict;
use warnings;
$0 = "nstui nsid reader";
my ($setns) = @ARGV;
$/ = "\0";
$| = 1;
open(my $home, '<', '/proc/self/ns/net') or die "cannot open own namespace: $!\n";
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
	# In and straight back out: the socket stays in the namespace it was made in, and a
	# prover kept running (the TUI's) must not be what keeps a deleted namespace alive.
	my $entered = open($ns, '<', $from) && syscall($setns, fileno($ns), 0x40000000) == 0;
	my $made = $entered && socket($sock, 16, 3, 0);
	syscall($setns, fileno($home), 0x40000000) == 0 or die "cannot return to own namespace: $!\n" if $entered;
	if (!$made) {
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
