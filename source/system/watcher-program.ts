// The namespace watcher: one kept perl process that holds, for each network
// namespace it is told about, a NETLINK_ROUTE socket made inside it (a netlink
// socket belongs to the namespace it is made in) and subscribed to the groups
// whose events change what nstui shows (model/watch-protocol.ts). It waits on
// all of them at once and says only which namespace changed; nstui then reads
// that namespace again with `ip -j`, the one source of data. It also says when
// its mount table changes (a namespace mounted or unmounted: `ip netns
// add/del`, a container runtime), which a poll of /proc/self/mountinfo reports
// as an exception. Like the reader, the program is a constant: paths reach it
// only as data. Run by namespace-watcher.ts.

/**
 * perl -e watcherProgram SETNS GROUPS COALESCE PROCS [PROCS_HOLD]
 * Reads NUL-terminated commands on stdin: `+INODE PATH` (watch the namespace
 * that PATH leads to, which must be INODE) and `-INODE` (stop: closes its
 * socket, which otherwise keeps the namespace alive). Writes lines:
 * `watching INODE`, `failed INODE REASON`, `stopped INODE`, `changed INODE...`
 * (the namespaces with events since the last such line) and `mounts` (its
 * mount table changed). It ends when stdin closes.
 *
 * With PROCS 1 it also listens to the kernel's proc connector (process
 * events, root only) and says `procs on` once the kernel took it, `procs off
 * REASON` if not, then `procs +PID... -PID...`: processes that started (a fork
 * of a process, not a thread; an exec) and ended since the last such line. A
 * pid that started and ended in between is said only as ended. `procs lost`:
 * events were dropped (the socket's queue overflowed). PROCS_HOLD: seconds
 * between two reads of the process events (they queue meanwhile); 0 by default.
 */
export const watcherProgram = String.raw`
use strict;
use warnings;
$0 = "nstui namespace watcher";
my ($setns, $groups, $coalesce, $procs, $procs_hold) = @ARGV;
$procs_hold //= 0;
require Time::HiRes;
# Process events are read at most once per $procs_hold seconds: they wait in the socket's queue
# meanwhile, so a host that starts hundreds of processes a second wakes this program a few times.
my $procs_next = 0;
$| = 1;
open(my $home, '<', '/proc/self/ns/net') or die "cannot open own namespace: $!\n";
my $mounts;
open($mounts, '<', '/proc/self/mountinfo') or undef $mounts;
sub drain_mounts { return unless $mounts; seek($mounts, 0, 0); local $/; my $ignored = <$mounts>; }
drain_mounts();
my (%socket, %inode_of);
my $input = '';
my $set_changed = 1;
my ($rin, $ein);
sub watch {
	my ($inode, $path) = @_;
	return "already" if exists $socket{$inode};
	open(my $ns, '<', $path) or return "cannot open: $!";
	my $opened = (stat($ns))[1];
	return "leads to another namespace ($opened)" if $opened != $inode;
	syscall($setns, fileno($ns), 0x40000000) == 0 or return "cannot enter: $!";
	my $sock;
	# AF_NETLINK, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, NETLINK_ROUTE
	my $made = socket($sock, 16, 3 | 04000 | 02000000, 0);
	my $error = "$!";
	syscall($setns, fileno($home), 0x40000000) == 0 or die "cannot return to own namespace: $!\n";
	close $ns;
	return "socket: $error" unless $made;
	bind($sock, pack('SSLL', 16, 0, 0, $groups)) or return "bind: $!";
	$socket{$inode} = $sock;
	$inode_of{fileno($sock)} = $inode;
	$set_changed = 1;
	return '';
}
my ($pc, %started, %ended, $lost);
sub listen_procs {
	# AF_NETLINK, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, NETLINK_CONNECTOR, in the group CN_IDX_PROC
	socket($pc, 16, 2 | 04000 | 02000000, 11) or return "socket: $!";
	bind($pc, pack('SSLL', 16, 0, 0, 1)) or return "bind: $!";
	# SO_RCVBUFFORCE: room for a burst of a busy host's events between two reads.
	setsockopt($pc, 1, 33, pack('i', 1 << 21));
	# nlmsghdr (NLMSG_DONE), cn_msg (CN_IDX_PROC, CN_VAL_PROC, 4 bytes), PROC_CN_MCAST_LISTEN
	send($pc, pack('LSSLL LLLLSS L', 40, 3, 0, 0, 0, 1, 1, 0, 0, 4, 0, 1), 0) or return "send: $!";
	return '';
}
if ($procs) {
	my $why = listen_procs();
	if ($why ne '') { print "procs off $why\n"; undef $pc; }
}
sub read_procs {
	my $buffer;
	for (1 .. 100000) {
		if (!defined recv($pc, $buffer, 65536, 0x40)) { if ($!{ENOBUFS}) { $lost = 1; next } last }
		my $offset = 0;
		while ($offset + 68 <= length $buffer) {
			my ($length) = unpack('L', substr($buffer, $offset, 4));
			last if $length < 16;
			# proc_event after nlmsghdr and cn_msg: what, cpu, timestamp, then the event's first four fields
			my ($what, $a, $b, $c, $d) = unpack('L x12 L4', substr($buffer, $offset + 36, 32));
			if ($what == 1) { $started{$c} = 1 if $c == $d }
			elsif ($what == 2) { $started{$b} = 1 }
			elsif ($what == 0x80000000) { if ($a == $b) { delete $started{$a}; $ended{$a} = 1 } }
			elsif ($what == 0) {
				# The kernel's answer to the listen request: err 0, or why not.
				if ($a == 0) { print "procs on\n" } else { print "procs off error $a\n"; close $pc; undef $pc; $set_changed = 1; return }
			}
			$offset += ($length + 3) & ~3;
		}
	}
}
sub unwatch {
	my ($inode) = @_;
	my $sock = delete $socket{$inode} or return;
	delete $inode_of{fileno($sock)};
	close $sock;
	$set_changed = 1;
}
sub command {
	my ($line) = @_;
	if ($line =~ /^\+(\d+) (.+)$/s) {
		my $why = watch($1, $2);
		print $why eq '' || $why eq 'already' ? "watching $1\n" : "failed $1 $why\n";
	} elsif ($line =~ /^-(\d+)$/) {
		unwatch($1);
		print "stopped $1\n";
	}
}
while (1) {
	if ($set_changed) {
		$rin = '';
		vec($rin, fileno(STDIN), 1) = 1;
		vec($rin, $_, 1) = 1 for keys %inode_of;
		vec($rin, fileno($pc), 1) = 1 if $pc;
		$ein = '';
		vec($ein, fileno($mounts), 1) = 1 if $mounts;
		$set_changed = 0;
	}
	my ($rout, $eout) = ($rin, $ein);
	my $wait;
	if ($pc) {
		my $left = $procs_next - Time::HiRes::time();
		if ($left > 0) { vec($rout, fileno($pc), 1) = 0; $wait = $left; }
	}
	my $ready = select($rout, undef, $eout, $wait);
	if ($ready < 0) { next if $!{EINTR}; die "select: $!\n" }
	my @changed;
	for my $fd (keys %inode_of) {
		next unless vec($rout, $fd, 1);
		my $inode = $inode_of{$fd};
		my $sock = $socket{$inode};
		my $buffer;
		# Drain everything queued; ENOBUFS (the queue overflowed) also means it changed.
		for (1 .. 1000) { last unless defined(recv($sock, $buffer, 65536, 0x40)) || $!{ENOBUFS}; }
		push @changed, $inode;
	}
	my $remounted = $mounts && vec($eout, fileno($mounts), 1);
	if ($remounted) {
		drain_mounts();
		print "mounts\n";
	}
	print "changed @changed\n" if @changed;
	if ($pc && vec($rout, fileno($pc), 1)) {
		read_procs();
		$procs_next = Time::HiRes::time() + $procs_hold;
	}
	my $moved = %started || %ended;
	if ($moved) {
		print join(' ', 'procs', (map { "+$_" } keys %started), (map { "-$_" } keys %ended)), "\n";
		%started = ();
		%ended = ();
	}
	if ($lost) {
		print "procs lost\n";
		$lost = 0;
	}
	if (vec($rout, fileno(STDIN), 1)) {
		my $got = sysread(STDIN, $input, 65536, length $input);
		exit 0 unless $got;
		while ((my $end = index($input, "\0")) >= 0) {
			command(substr($input, 0, $end));
			substr($input, 0, $end + 1) = '';
		}
	}
	select(undef, undef, undef, $coalesce) if @changed || $remounted;
}
`;
