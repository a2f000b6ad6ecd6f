// Does a socket listen for the packet at its destination? From the sockets of
// the namespace (as system/sockets.ts reads them): a TCP listener or a bound UDP socket on
// the port, on the address itself or on the wildcard (an IPv6 wildcard takes
// IPv4 too unless it is v6only, which the tables do not say).
import type {Socket} from '../sockets.js';
import {endpointText, type Packet} from './types.js';

const wildcard = new Set(['0.0.0.0', '::']);

export function listenerFor(
	sockets: readonly Socket[],
	packet: Packet,
): {listening: boolean; detail: string} {
	const where = endpointText(packet.dst, packet.dport, packet.protocol);
	const candidates = sockets.filter(
		socket =>
			socket.listening && socket.protocol === packet.protocol && socket.localPort === packet.dport,
	);
	const match = candidates.find(socket => {
		const address = socket.localAddress.replace(/^::ffff:/, '');
		if (address === packet.dst) return true;
		if (socket.localAddress === '0.0.0.0') return packet.family === 'inet';
		return socket.localAddress === '::';
	});
	if (match) {
		const holder = match.processes[0];
		return {
			listening: true,
			detail: `${holder ? `${holder.comm} (pid ${holder.pid})` : 'a socket'} listens on ${match.localAddress}:${match.localPort}/${match.protocol}`,
		};
	}
	const elsewhere = candidates
		.filter(socket => !wildcard.has(socket.localAddress))
		.map(socket => socket.localAddress);
	return {
		listening: false,
		detail: `nothing listens on ${where}${elsewhere.length ? ` (port ${packet.dport} is bound only on ${elsewhere.join(', ')})` : ''}`,
	};
}
