// The sockets of a namespace, from the text of /proc/PID/net/{tcp,tcp6,udp,udp6,unix}
// (the kernel's own tables: what `ss -tuanx` shows, without running ss). Pure.

export type SocketProtocol = 'tcp' | 'udp' | 'unix';

/** A process that has the socket open (a descriptor in /proc/PID/fd links to `socket:[INODE]`). */
export type SocketProcess = {pid: number; comm: string; user: string; fd: number};

export type Socket = {
	protocol: SocketProtocol;
	/** inet, inet6; null for unix sockets. */
	family: 'inet' | 'inet6' | null;
	/** As ss names them: LISTEN, ESTAB, UNCONN, TIME-WAIT, SYN-SENT, ... */
	state: string;
	/** A TCP or Unix socket in LISTEN, or an unconnected UDP socket bound to a port: the ones that wait for others. */
	listening: boolean;
	/** An IP address as text; for a unix socket its path (`@name` for an abstract one, '' for none). */
	localAddress: string;
	/** null for unix sockets. */
	localPort: number | null;
	remoteAddress: string;
	remotePort: number | null;
	/** Bytes waiting to be read (rx_queue) and to be sent (tx_queue); for a listener, the accept queue. */
	recvQueue: number;
	sendQueue: number;
	/** For unix sockets: stream, dgram or seqpacket. */
	unixType?: string;
	uid: number;
	/** The socket's inode: what /proc/PID/fd links name. 0 for a socket nobody holds (TIME-WAIT). */
	inode: number;
	processes: SocketProcess[];
};

/** The files read for each namespace, in this order. */
export const inetTables = ['tcp', 'tcp6', 'udp', 'udp6'] as const;
export type SocketTable = (typeof inetTables)[number] | 'unix';

const tcpStates: Record<number, string> = {
	1: 'ESTAB',
	2: 'SYN-SENT',
	3: 'SYN-RECV',
	4: 'FIN-WAIT-1',
	5: 'FIN-WAIT-2',
	6: 'TIME-WAIT',
	7: 'UNCONN',
	8: 'CLOSE-WAIT',
	9: 'LAST-ACK',
	10: 'LISTEN',
	11: 'CLOSING',
	12: 'NEW-SYN-RECV',
};

/**
 * One address as the kernel prints it in /proc/net/tcp*: the bytes of each
 * 32-bit word in the machine's own order (so reversed on a little-endian one).
 */
export function parseHexAddress(hex: string, littleEndian = true): string | null {
	if (hex.length !== 8 && hex.length !== 32) return null;
	if (!/^[0-9A-Fa-f]+$/.test(hex)) return null;
	const bytes: number[] = [];
	for (let word = 0; word < hex.length; word += 8) {
		const wordBytes = [0, 2, 4, 6].map(at =>
			Number.parseInt(hex.slice(word + at, word + at + 2), 16),
		);
		bytes.push(...(littleEndian ? wordBytes.reverse() : wordBytes));
	}
	return bytes.length === 4 ? bytes.join('.') : ipv6Text(bytes);
}

/** RFC 5952 text: lower case, the longest run of two or more zero groups as `::`; IPv4-mapped as ::ffff:a.b.c.d. */
export function ipv6Text(bytes: readonly number[]): string {
	const groups = Array.from(
		{length: 8},
		(_, index) => (bytes[index * 2]! << 8) | bytes[index * 2 + 1]!,
	);
	if (groups.slice(0, 5).every(group => group === 0) && groups[5] === 0xffff)
		return `::ffff:${bytes.slice(12).join('.')}`;
	let best = {start: -1, length: 0};
	for (let start = 0; start < 8;) {
		if (groups[start] !== 0) {
			start++;
			continue;
		}
		let end = start;
		while (end < 8 && groups[end] === 0) end++;
		if (end - start > best.length && end - start >= 2) best = {start, length: end - start};
		start = end;
	}
	const text = groups.map(group => group.toString(16));
	if (best.start < 0) return text.join(':');
	return `${text.slice(0, best.start).join(':')}::${text.slice(best.start + best.length).join(':')}`;
}

/** "0100007F:1F90" -> {address: "127.0.0.1", port: 8080}. */
function parseEndpoint(
	text: string,
	littleEndian: boolean,
): {address: string; port: number} | null {
	const colon = text.lastIndexOf(':');
	if (colon < 0) return null;
	const address = parseHexAddress(text.slice(0, colon), littleEndian);
	const port = Number.parseInt(text.slice(colon + 1), 16);
	return address === null || !Number.isInteger(port) ? null : {address, port};
}

/**
 * /proc/net/{tcp,tcp6,udp,udp6}: a header line, then one socket a line
 * (`sl local rem st tx_queue:rx_queue tr:when retrnsmt uid timeout inode ...`).
 * Lines that do not parse are left out.
 */
export function parseInetTable(
	text: string,
	table: (typeof inetTables)[number],
	littleEndian = true,
): Socket[] {
	const protocol: SocketProtocol = table.startsWith('tcp') ? 'tcp' : 'udp';
	const family = table.endsWith('6') ? 'inet6' : 'inet';
	const sockets: Socket[] = [];
	for (const line of text.split('\n')) {
		const fields = line.trim().split(/\s+/);
		if (fields.length < 10 || !/^\d+:$/.test(fields[0]!)) continue;
		const local = parseEndpoint(fields[1]!, littleEndian);
		const remote = parseEndpoint(fields[2]!, littleEndian);
		const stateNumber = Number.parseInt(fields[3]!, 16);
		const [tx, rx] = fields[4]!.split(':').map(part => Number.parseInt(part, 16));
		const uid = Number(fields[7]);
		const inode = Number(fields[9]);
		if (
			!local ||
			!remote ||
			!Number.isInteger(stateNumber) ||
			!Number.isInteger(tx) ||
			!Number.isInteger(rx) ||
			!Number.isInteger(uid) ||
			!Number.isInteger(inode)
		)
			continue;
		const state = tcpStates[stateNumber] ?? `state ${stateNumber}`;
		sockets.push({
			protocol,
			family,
			state,
			listening:
				protocol === 'tcp'
					? state === 'LISTEN'
					: state === 'UNCONN' && remote.port === 0 && local.port !== 0,
			localAddress: local.address,
			localPort: local.port,
			remoteAddress: remote.address,
			remotePort: remote.port,
			recvQueue: rx!,
			sendQueue: tx!,
			uid,
			inode,
			processes: [],
		});
	}
	return sockets;
}

const unixTypes: Record<number, string> = {1: 'stream', 2: 'dgram', 5: 'seqpacket'};
const unixStates: Record<number, string> = {
	1: 'UNCONN',
	2: 'CONNECTING',
	3: 'ESTAB',
	4: 'DISCONNECTING',
};
/** __SO_ACCEPTCON in the Flags column: the socket listens. */
const acceptingFlag = 0x10000;

/**
 * /proc/net/unix: `Num RefCount Protocol Flags Type St Inode [Path]`. The path
 * is the rest of the line (it may hold spaces; an abstract name starts with @).
 */
export function parseUnixTable(text: string): Socket[] {
	const sockets: Socket[] = [];
	for (const line of text.split('\n')) {
		const match =
			/^\s*[0-9a-fA-F]+: ([0-9A-Fa-f]+) ([0-9A-Fa-f]+) ([0-9A-Fa-f]+) ([0-9A-Fa-f]+) ([0-9A-Fa-f]+)\s+(\d+)(?: (.*))?$/.exec(
				line,
			);
		if (!match) continue;
		const flags = Number.parseInt(match[3]!, 16);
		const type = Number.parseInt(match[4]!, 16);
		const stateNumber = Number.parseInt(match[5]!, 16);
		const listening = (flags & acceptingFlag) !== 0;
		sockets.push({
			protocol: 'unix',
			family: null,
			state: listening ? 'LISTEN' : (unixStates[stateNumber] ?? `state ${stateNumber}`),
			listening,
			localAddress: match[7] ?? '',
			localPort: null,
			remoteAddress: '',
			remotePort: null,
			recvQueue: 0,
			sendQueue: 0,
			unixType: unixTypes[type] ?? `type ${type}`,
			uid: -1,
			inode: Number(match[6]),
			processes: [],
		});
	}
	return sockets;
}

/** What ss prints for an endpoint: `127.0.0.1:80`, `[::1]:80`, `*` for an unset remote end. */
export function endpointText(
	address: string,
	port: number | null,
	family: Socket['family'],
): string {
	if (port === null) return address;
	const wildcard = address === '0.0.0.0' || address === '::';
	if (wildcard && port === 0) return '*';
	return family === 'inet6' ? `[${address}]:${port}` : `${address}:${port}`;
}

export const localText = (socket: Socket) =>
	endpointText(socket.localAddress, socket.localPort, socket.family);
export const remoteText = (socket: Socket) =>
	endpointText(socket.remoteAddress, socket.remotePort, socket.family);

const protocolRank: Record<SocketProtocol, number> = {tcp: 0, udp: 1, unix: 2};

/** Listening sockets first, then TCP before UDP before Unix, then by local port and address. */
export function compareSockets(a: Socket, b: Socket): number {
	return (
		Number(b.listening) - Number(a.listening) ||
		protocolRank[a.protocol] - protocolRank[b.protocol] ||
		(a.localPort ?? 0) - (b.localPort ?? 0) ||
		a.localAddress.localeCompare(b.localAddress) ||
		(a.remotePort ?? 0) - (b.remotePort ?? 0) ||
		a.remoteAddress.localeCompare(b.remoteAddress) ||
		a.inode - b.inode
	);
}

export const sortSockets = (sockets: readonly Socket[]): Socket[] =>
	[...sockets].sort(compareSockets);

/** `socket:[12345]` (readlink of /proc/PID/fd/N) -> 12345. */
export function parseSocketLink(link: string): number | null {
	const match = /^socket:\[(\d+)\]$/.exec(link);
	return match ? Number(match[1]) : null;
}

/** `:8080` (find's port term) -> 8080; null for anything else. */
export function parsePortTerm(term: string): number | null {
	const match = /^:(\d{1,5})$/.exec(term.trim());
	if (!match) return null;
	const port = Number(match[1]);
	return port <= 65535 ? port : null;
}

/** The owners in one cell: `python3 (1234)`, `nginx (10,11,+3)`. */
export function processesText(processes: readonly SocketProcess[]): string {
	if (processes.length === 0) return '';
	const byComm = new Map<string, number[]>();
	for (const process of processes) {
		const pids = byComm.get(process.comm) ?? [];
		if (!pids.includes(process.pid)) pids.push(process.pid);
		byComm.set(process.comm, pids);
	}
	return [...byComm]
		.map(
			([comm, pids]) =>
				`${comm} (${pids.length > 3 ? `${pids.slice(0, 2).join(',')},+${pids.length - 2}` : pids.join(',')})`,
		)
		.join(' ');
}

/** One answer of the socket reader (system/sockets-program.ts): the tables of a namespace, or why not. */
export type TablesAnswer = {inode: number; tables: string[]} | {error: string};

/** The socket reader's output, one answer per path asked, in order (fewer when it stopped early). */
export function parseSocketsOutput(stdout: string, tableCount: number): TablesAnswer[] {
	const parts = stdout.split('\0');
	const answers: TablesAnswer[] = [];
	for (let at = 0; at < parts.length - 1;) {
		const head = parts[at]!;
		if (head.startsWith('x ')) {
			answers.push({error: head.slice(2)});
			at++;
			continue;
		}
		if (!/^\d+$/.test(head) || at + tableCount >= parts.length - 1) break;
		answers.push({inode: Number(head), tables: parts.slice(at + 1, at + 1 + tableCount)});
		at += 1 + tableCount;
	}
	return answers;
}
