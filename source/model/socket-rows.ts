// The Sockets pane's rows: a namespace's sockets, listening ones
// first, Unix sockets only when toggled on, each with identity, search text
// and a signature like the other panes' rows (model/pane-rows.ts). Pure.
import type {RowIdentity} from './row-identity.js';
import {localText, processesText, remoteText, sortSockets, type Socket} from './sockets.js';

export type SocketRow = RowIdentity & {
	search: string;
	signature: string;
	socket: Socket;
	/** tcp, udp, tcp6, udp6; unix/stream, unix/dgram. */
	protocol: string;
	state: string;
	local: string;
	remote: string;
	/** `recv/send` queue bytes. */
	queues: string;
	/** `python3 (1234)`, several comm (pids) when more hold it. */
	processes: string;
	/** The first holder's user, '' when none. */
	user: string;
	/** The process Enter selects: the first holder. */
	pid: number | null;
};

/** Rows for a namespace's sockets; `unix` false leaves the Unix ones out. */
export function socketRows(
	sockets: readonly Socket[],
	{unix = false}: {unix?: boolean} = {},
): SocketRow[] {
	return sortSockets(sockets.filter(socket => unix || socket.protocol !== 'unix')).map(socket => {
		const protocol =
			socket.protocol === 'unix'
				? `unix/${socket.unixType ?? '?'}`
				: `${socket.protocol}${socket.family === 'inet6' ? '6' : ''}`;
		const local = localText(socket);
		const remote = remoteText(socket);
		const processes = processesText(socket.processes);
		const queues = `${socket.recvQueue}/${socket.sendQueue}`;
		// Sockets in TIME-WAIT (inode 0) have no inode of their own: their ends name them.
		const id = `sock:${socket.protocol}:${socket.inode !== 0 ? socket.inode : `${local}>${remote}`}`;
		return {
			id,
			aliases: [`sock:${socket.protocol}:${local}>${remote}`],
			socket,
			protocol,
			state: socket.state,
			local,
			remote,
			queues,
			processes,
			user: socket.processes[0]?.user ?? '',
			pid: socket.processes[0]?.pid ?? null,
			search: [
				protocol,
				socket.state,
				local,
				remote,
				processes,
				socket.processes.map(owner => owner.user).join(' '),
			].join(' '),
			signature: [socket.state, queues, remote, processes].join('|'),
		};
	});
}
