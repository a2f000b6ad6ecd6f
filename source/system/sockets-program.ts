// The socket reader: one perl for any number of namespaces (system/sockets.ts
// runs it). Its output is parsed by model/sockets.ts (parseSocketsOutput).

/**
 * perl -e socketsProgram SETNS TABLE...
 * Reads NUL-terminated nsfs paths; for each, enters that network namespace
 * itself with setns(2) (one process for every namespace, no fork, no exec) and
 * prints `INODE\0` followed by each table and a NUL, or `x MESSAGE\0` when the
 * namespace cannot be opened or entered. tcp and tcp6 are asked of the kernel
 * with sock_diag (NETLINK_SOCK_DIAG, as ss does) and printed in the format of
 * /proc/net/tcp: reading /proc/net/tcp walks the whole host's hash table,
 * ~3 ms a table on a machine with much memory, the dump ~0.25 ms. Where the
 * dump fails (no tcp_diag), and for the other tables, /proc/self/net/TABLE,
 * which is the namespace the reading task is in. The tables hold no NUL: an
 * abstract unix name's NULs are printed as `@`. The namespace it already runs
 * in is not entered (setns(2) needs CAP_SYS_ADMIN even for that). Paths reach
 * it only as data on stdin.
 */
export const socketsProgram = String.raw`
use strict;
use warnings;
$0 = "nstui socket reader";
my ($setns, @tables) = @ARGV;
$/ = "\0";
$| = 1;
my $seq = 0;
sub tcp_table {
	my ($family) = @_;
	socket(my $sock, 16, 3, 4) or return undef;
	$seq++;
	# nlmsghdr (SOCK_DIAG_BY_FAMILY = 20, NLM_F_REQUEST | NLM_F_DUMP), inet_diag_req_v2 (TCP, every state)
	send($sock, pack('LSSLL CCCC L x48', 72, 20, 0x301, $seq, 0, $family, 6, 0, 0, 0xffffffff), 0) or return undef;
	my $words = $family == 2 ? 1 : 4;
	my $out = '';
	my $line = 0;
	for (;;) {
		my $buffer;
		defined(recv($sock, $buffer, 65536, 0)) or return undef;
		return undef if length($buffer) == 0;
		my $offset = 0;
		while ($offset + 16 <= length $buffer) {
			my ($length, $type) = unpack('LS', substr($buffer, $offset, 6));
			last if $length < 16;
			return $out if $type == 3;
			return undef if $type == 2;
			my ($state, $sport, $dport, $src, $dst, $rq, $wq, $uid, $inode) = unpack('x C x2 n n a16 a16 x16 L L L L', substr($buffer, $offset + 16, 72));
			# A listener's wqueue is its backlog; /proc/net/tcp says 0 there.
			$wq = 0 if $state == 10;
			my @src = (unpack('L4', $src))[0 .. $words - 1];
			my @dst = (unpack('L4', $dst))[0 .. $words - 1];
			$out .= sprintf("%4d: %s:%04X %s:%04X %02X %08X:%08X 00:00000000 00000000 %5d 0 %d\n", $line++, join('', map { sprintf '%08X', $_ } @src), $sport, join('', map { sprintf '%08X', $_ } @dst), $dport, $state, $wq, $rq, $uid, $inode);
			$offset += ($length + 3) & ~3;
		}
	}
}
while (defined(my $path = <STDIN>)) {
	chomp $path;
	my $ns;
	if (!open($ns, '<', $path)) { print "x cannot open $path: $!\0"; next; }
	my @in = stat($ns);
	my @here = stat('/proc/self/ns/net');
	unless (@here && $in[0] == $here[0] && $in[1] == $here[1]) {
		if (syscall($setns, fileno($ns), 0x40000000) != 0) { print "x cannot enter $path: $!\0"; close $ns; next; }
	}
	close $ns;
	print "$in[1]\0";
	for my $table (@tables) {
		my $text = $table eq 'tcp' ? tcp_table(2) : $table eq 'tcp6' ? tcp_table(10) : undef;
		if (!defined $text) {
			$text = '';
			if (open(my $file, '<', "/proc/self/net/$table")) { local $/; $text = <$file> // ''; close $file; }
		}
		print $text, "\0";
	}
}
`;
