import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
	compareSockets,
	endpointText,
	ipv6Text,
	localText,
	parseHexAddress,
	parseInetTable,
	parsePortTerm,
	parseSocketLink,
	parseSocketsOutput,
	parseUnixTable,
	processesText,
	remoteText,
	sortSockets,
} from '../../source/model/sockets.js';

// Captured from a test namespace on x86-64 (little-endian): a listener on [::1]:8080,
// a client connected to it, the server's end still in the accept queue (inode 0).
const tcp6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000001 00:00000000 00000000     0        0 8012219 2 00000000d86a524b 100 0 0 10 0
   1: 00000000000000000000000001000000:BB18 00000000000000000000000001000000:1F90 01 00000000:00000000 00:00000000 00000000     0        0 8012221 2 0000000088941631 20 0 0 10 -1
   2: 00000000000000000000000001000000:1F90 00000000000000000000000001000000:BB18 01 00000000:00000000 00:00000000 00000000     0        0 0 1 000000009859b935 20 0 0 10 -1
`;
const udp = `   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
13270: 0100007F:14E9 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 8012220 2 000000005fb3a838 0
13271: 0100007F:A001 0200007F:0035 01 0000000A:00000020 00:00000000 00000000  1000        0 8012225 2 000000005fb3a838 0
`;
const unix = `Num       RefCount Protocol Flags    Type St Inode Path
000000005bbc0cb7: 00000002 00000000 00010000 0001 01 8012222 @abs name
000000003adc20e4: 00000003 00000000 00000000 0001 03   660
0000000076bd68a6: 00000002 00000000 00000000 0002 01 8012230 /run/with space.sock
`;

test("IPv4 and IPv6 addresses are read in the machine's byte order", () => {
	assert.equal(parseHexAddress('0100007F'), '127.0.0.1');
	assert.equal(parseHexAddress('7F000001', false), '127.0.0.1');
	assert.equal(parseHexAddress('00000000000000000000000001000000'), '::1');
	assert.equal(parseHexAddress('0000000000000000FFFF00000100A8C0'), '::ffff:192.168.0.1');
	assert.equal(parseHexAddress('B80D0120000000000000000001000000'), '2001:db8::1');
	assert.equal(parseHexAddress('xyz'), null);
	assert.equal(parseHexAddress('0100007G'), null);
});

test('ipv6Text compresses the longest zero run, and only a run of two or more', () => {
	const bytes = (groups: number[]) => groups.flatMap(group => [group >> 8, group & 0xff]);
	assert.equal(ipv6Text(bytes([0, 0, 0, 0, 0, 0, 0, 0])), '::');
	assert.equal(ipv6Text(bytes([0x2001, 0xdb8, 0, 1, 0, 0, 0, 1])), '2001:db8:0:1::1');
	assert.equal(ipv6Text(bytes([0x2001, 0, 0, 1, 0, 0, 0, 1])), '2001:0:0:1::1');
	assert.equal(ipv6Text(bytes([0xfe80, 0, 0, 0, 0xa, 0xb, 0xc, 0xd])), 'fe80::a:b:c:d');
});

test('tcp6: a listener, an established client, and the accepted end not yet taken', () => {
	const sockets = parseInetTable(tcp6, 'tcp6');
	assert.equal(sockets.length, 3);
	const [listener, client, queued] = sockets;
	assert.deepEqual(
		{...listener, processes: undefined},
		{
			protocol: 'tcp',
			family: 'inet6',
			state: 'LISTEN',
			listening: true,
			localAddress: '::1',
			localPort: 8080,
			remoteAddress: '::',
			remotePort: 0,
			recvQueue: 1,
			sendQueue: 0,
			uid: 0,
			inode: 8012219,
			processes: undefined,
		},
	);
	assert.equal(localText(listener!), '[::1]:8080');
	assert.equal(remoteText(listener!), '*');
	assert.equal(client!.state, 'ESTAB');
	assert.equal(client!.listening, false);
	assert.equal(remoteText(client!), '[::1]:8080');
	assert.equal(queued!.inode, 0);
});

test('udp: a bound unconnected socket listens, a connected one does not; queues and uid are read', () => {
	const [bound, connected] = parseInetTable(udp, 'udp');
	assert.equal(bound!.state, 'UNCONN');
	assert.equal(bound!.listening, true);
	assert.equal(localText(bound!), '127.0.0.1:5353');
	assert.equal(connected!.state, 'ESTAB');
	assert.equal(connected!.listening, false);
	assert.deepEqual([connected!.sendQueue, connected!.recvQueue, connected!.uid], [10, 32, 1000]);
	assert.equal(remoteText(connected!), '127.0.0.2:53');
});

test('lines that do not parse are left out, not guessed', () => {
	assert.deepEqual(
		parseInetTable(
			'header\n   0: zz:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1\ngarbage\n',
			'tcp',
		),
		[],
	);
	assert.deepEqual(parseInetTable('', 'udp6'), []);
});

test('unix: listening flag, type, state, abstract and spaced paths, no path', () => {
	const [listener, connected, dgram] = parseUnixTable(unix);
	assert.equal(listener!.state, 'LISTEN');
	assert.equal(listener!.listening, true);
	assert.equal(listener!.localAddress, '@abs name');
	assert.equal(listener!.unixType, 'stream');
	assert.equal(connected!.state, 'ESTAB');
	assert.equal(connected!.localAddress, '');
	assert.equal(connected!.inode, 660);
	assert.equal(dgram!.unixType, 'dgram');
	assert.equal(dgram!.localAddress, '/run/with space.sock');
});

test('sorting puts listeners first, TCP before UDP before unix, then by port', () => {
	const all = [
		...parseUnixTable(unix),
		...parseInetTable(udp, 'udp'),
		...parseInetTable(tcp6, 'tcp6'),
	];
	const sorted = sortSockets(all);
	assert.deepEqual(
		sorted.map(
			socket => `${socket.protocol} ${socket.state} ${socket.localPort ?? socket.localAddress}`,
		),
		[
			'tcp LISTEN 8080',
			'udp UNCONN 5353',
			'unix LISTEN @abs name',
			'tcp ESTAB 8080',
			'tcp ESTAB 47896',
			'udp ESTAB 40961',
			'unix ESTAB ',
			'unix UNCONN /run/with space.sock',
		],
	);
	assert.ok(compareSockets(sorted[0]!, sorted[1]!) < 0);
});

test('endpoints print as ss prints them', () => {
	assert.equal(endpointText('0.0.0.0', 0, 'inet'), '*');
	assert.equal(endpointText('0.0.0.0', 53, 'inet'), '0.0.0.0:53');
	assert.equal(endpointText('::', 22, 'inet6'), '[::]:22');
	assert.equal(endpointText('/run/x.sock', null, null), '/run/x.sock');
});

test('socket links, port terms and owner cells', () => {
	assert.equal(parseSocketLink('socket:[8012219]'), 8012219);
	assert.equal(parseSocketLink('pipe:[8012219]'), null);
	assert.equal(parsePortTerm(':8080'), 8080);
	assert.equal(parsePortTerm(' :22 '), 22);
	assert.equal(parsePortTerm(':65536'), null);
	assert.equal(parsePortTerm('8080'), null);
	assert.equal(parsePortTerm(':http'), null);
	assert.equal(processesText([]), '');
	assert.equal(
		processesText([
			{pid: 10, comm: 'nginx', user: 'root', fd: 6},
			{pid: 11, comm: 'nginx', user: 'www', fd: 6},
			{pid: 12, comm: 'nginx', user: 'www', fd: 6},
			{pid: 13, comm: 'nginx', user: 'www', fd: 6},
			{pid: 20, comm: 'python3', user: 'root', fd: 3},
		]),
		'nginx (10,11,+2) python3 (20)',
	);
});

test("the socket reader's output splits into one answer per path, errors included", () => {
	const out = `4026532001\0t\0t6\0u\0u6\0x cannot open /run/netns/gone: No such file or directory\x004026532002\0a\0b\0`;
	assert.deepEqual(parseSocketsOutput(out, 4), [
		{inode: 4026532001, tables: ['t', 't6', 'u', 'u6']},
		{error: 'cannot open /run/netns/gone: No such file or directory'},
	]);
	assert.deepEqual(parseSocketsOutput('', 4), []);
});
