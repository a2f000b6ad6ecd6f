// `nstui snapshot` without --json: one block per namespace, readable in a terminal or a ticket.
import {ownerLines} from './owners.js';
import {publishedText} from './published-ports.js';
import {shown} from './shown-text.js';
import {linkStateText} from './link-state.js';
import {localText, processesText, remoteText, type Socket} from './sockets.js';
import {
	namespaceLabel,
	type Interface,
	type Namespace,
	type Route,
	type Snapshot,
} from './snapshot.js';

export function formatSnapshot(snapshot: Snapshot): string {
	const byInode = new Map(snapshot.namespaces.map(ns => [ns.inode, ns]));
	return snapshot.namespaces.map(ns => formatNamespace(ns, byInode)).join('\n');
}

function formatNamespace(ns: Namespace, byInode: Map<number, Namespace>): string {
	const title = [
		ns.root ? `${namespaceLabel(ns)} (host)` : namespaceLabel(ns),
		`net:[${ns.inode}]`,
		ns.nsid === null ? null : `nsid ${ns.nsid}`,
		ns.forwarding.ipv4 || ns.forwarding.ipv6 ? `forwarding ${forwardingText(ns)}` : null,
	].filter(Boolean);
	const lines = [`== ${title.join('  ')}`];
	if (ns.owner) {
		const owner = ownerLines(ns.owner);
		lines.push(`   owner: ${owner.summary}`);
		if (owner.containers.length > 1) lines.push(`   containers: ${owner.containers.join('; ')}`);
	}
	if (ns.paths.length > 0) lines.push(`   held by: ${ns.paths.join(', ')}`);
	const otherMounts = (ns.mounts ?? []).filter(mount => mount.pid !== null || mount.covered);
	if (otherMounts.length > 0) lines.push(`   mounted: ${otherMounts.map(mountText).join(', ')}`);
	if (ns.threads?.length)
		lines.push(
			`   threads: ${ns.threads.map(({tid, pid, comm}) => `${tid} (of pid ${pid} ${comm})`).join(', ')}`,
		);
	if (ns.descriptors?.length)
		lines.push(
			`   descriptors: ${ns.descriptors.map(({fd, pid, comm}) => `fd ${fd} of pid ${pid} ${comm}`).join(', ')}`,
		);
	if (ns.error) lines.push(`   error: ${ns.error}`);
	lines.push('   interfaces:');
	for (const link of ns.interfaces) lines.push(`     ${formatInterface(link, byInode)}`);
	if (ns.routes.length > 0) lines.push('   routes:');
	for (const route of ns.routes) lines.push(`     ${formatRoute(route)}`);
	lines.push(`   processes: ${ns.processes.length}`);
	for (const process of ns.processes.slice(0, 20)) {
		lines.push(
			`     ${String(process.pid).padStart(7)} ${shown(process.user).padEnd(8)} ${process.cmdline || process.comm}`,
		);
	}
	if (ns.processes.length > 20) lines.push(`     ... ${ns.processes.length - 20} more`);
	if (ns.socketsError) lines.push(`   sockets: could not be read: ${ns.socketsError}`);
	else if (ns.sockets) {
		lines.push(`   sockets: ${ns.sockets.length}`);
		for (const socket of ns.sockets) lines.push(`     ${socketLine(socket)}`);
	}
	if (ns.ports?.length) {
		lines.push(`   published ports: ${ns.ports.length}`);
		for (const port of ns.ports) lines.push(`     ${publishedText(port)}`);
	} else if (ns.portsError) lines.push(`   published ports: could not be read: ${ns.portsError}`);
	// Each line is made of names and messages from the system: one shown() each, so a name with a newline stays on its line.
	return `${lines.map(shown).join('\n')}\n`;
}

/** `tcp   LISTEN  0/0  192.168.1.1:8080  *  python3 (1234)`: protocol, state, recv/send queue, ends, holders. */
function socketLine(socket: Socket): string {
	return [
		socket.protocol.padEnd(4),
		socket.state.padEnd(10),
		`${socket.recvQueue}/${socket.sendQueue}`.padEnd(5),
		localText(socket),
		remoteText(socket),
		processesText(socket.processes),
	]
		.filter(part => part !== '')
		.join('  ');
}

function mountText(mount: NonNullable<Namespace['mounts']>[number]): string {
	const where = mount.pid === null ? 'here' : `mnt:[${mount.mountNamespace}] via pid ${mount.pid}`;
	return `${mount.path} (${where}${mount.covered ? ', covered by another mount' : ''})`;
}

function forwardingText(ns: Namespace): string {
	return [ns.forwarding.ipv4 ? 'ipv4' : null, ns.forwarding.ipv6 ? 'ipv6' : null]
		.filter(Boolean)
		.join('+');
}

export function peerText(link: Interface, byInode: Map<number, Namespace>): string | null {
	if (link.peer) {
		const ns = byInode.get(link.peer.namespace);
		return `${link.peer.name}@${ns ? namespaceLabel(ns) : `net:[${link.peer.namespace}]`}`;
	}
	return link.peerUnresolved ? 'peer unresolved' : null;
}

function formatInterface(link: Interface, byInode: Map<number, Namespace>): string {
	const parts = [
		`${link.ifindex}: ${link.name}`,
		link.kind,
		linkStateText(link),
		link.mtu ? `mtu ${link.mtu}` : null,
		link.addresses.map(a => `${a.address}/${a.prefixlen}`).join(' ') || null,
		link.master ? `master ${link.master}` : null,
		peerText(link, byInode) ? `peer ${peerText(link, byInode)}` : null,
	];
	return parts.filter(Boolean).join('  ');
}

export function formatRoute(route: Route): string {
	return [
		route.type,
		route.dst,
		route.gateway ? `via ${route.gateway}` : null,
		route.dev ? `dev ${route.dev}` : null,
		route.table === 'main' ? null : `table ${route.table}`,
		route.protocol ? `proto ${route.protocol}` : null,
		route.scope && route.scope !== 'universe' ? `scope ${route.scope}` : null,
		route.metric === null ? null : `metric ${route.metric}`,
	]
		.filter(Boolean)
		.join(' ');
}
