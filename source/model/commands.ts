// Pure builders: a validated request in, the argv to run out (program first).
// Never a command string; shellLine() only renders an argv for the user to read or paste.
// Names go after explicit keywords (`dev`, `name`) so a device called "help" or "up" stays a name.
import type {NamespaceTarget} from './namespace-target.js';
import {isPlain} from './shown-text.js';
import type {Cidr, IpAddress, ValidRouteRequest} from './validate.js';
import type {Family, Route} from './snapshot.js';

export type Argv = string[];

/** A namespace as `ip link set ... netns X` takes it: a name in /run/netns, or a PID inside it. */
export type NetnsRef = {name: string} | {pid: number};

/** The host's namespace, by the PID of init. */
export const hostNetns: NetnsRef = {pid: 1};

/** `ip ...ipArgs` run inside `target` (ip -n NAME, or nsenter for a namespace without a name). */
export function ipIn(target: NamespaceTarget, ipArgs: string[]): Argv {
	if (target === 'current') return ['ip', ...ipArgs];
	if ('name' in target) return ['ip', '-n', target.name, ...ipArgs];
	return ['nsenter', `--net=${target.path}`, 'ip', ...ipArgs];
}

/** Any program run inside `target`: `ip netns exec NAME ...` or `nsenter --net=PATH ...`. */
export function execIn(target: NamespaceTarget, argv: Argv): Argv {
	if (target === 'current') return [...argv];
	if ('name' in target) return ['ip', 'netns', 'exec', target.name, ...argv];
	return ['nsenter', `--net=${target.path}`, ...argv];
}

const netnsArgument = (ref: NetnsRef) => ('name' in ref ? ref.name : String(ref.pid));
const familyFlag = (family: Family) => (family === 'inet' ? '-4' : '-6');

export const addNamespaceArgv = (name: string): Argv => ['ip', 'netns', 'add', name];

export const deleteNamespaceArgv = (name: string): Argv => ['ip', 'netns', 'del', name];

export const attachNamespaceArgv = (name: string, pid: number): Argv => [
	'ip',
	'netns',
	'attach',
	name,
	String(pid),
];

export const deleteInterfaceArgv = (target: NamespaceTarget, device: string): Argv =>
	ipIn(target, ['link', 'del', 'dev', device]);

export const addAddressArgv = (target: NamespaceTarget, device: string, address: Cidr): Argv =>
	ipIn(target, ['addr', 'add', address.text, 'dev', device]);

export const deleteAddressArgv = (target: NamespaceTarget, device: string, address: Cidr): Argv =>
	ipIn(target, ['addr', 'del', address.text, 'dev', device]);

export const setLinkStateArgv = (target: NamespaceTarget, device: string, up: boolean): Argv =>
	ipIn(target, ['link', 'set', 'dev', device, up ? 'up' : 'down']);

export const moveInterfaceArgv = (target: NamespaceTarget, device: string, to: NetnsRef): Argv =>
	ipIn(target, ['link', 'set', 'dev', device, 'netns', netnsArgument(to)]);

/** Runs in the namespace of end A; `peerNetns` null leaves end B there too. */
export const addVethArgv = (
	target: NamespaceTarget,
	name: string,
	peerName: string,
	peerNetns: NetnsRef | null,
): Argv =>
	ipIn(target, [
		'link',
		'add',
		'name',
		name,
		'type',
		'veth',
		'peer',
		'name',
		peerName,
		...(peerNetns ? ['netns', netnsArgument(peerNetns)] : []),
	]);

export const addBridgeArgv = (target: NamespaceTarget, name: string): Argv =>
	ipIn(target, ['link', 'add', 'name', name, 'type', 'bridge']);

export const addVrfArgv = (target: NamespaceTarget, name: string, table: number): Argv =>
	ipIn(target, ['link', 'add', 'name', name, 'type', 'vrf', 'table', String(table)]);

export const setMasterArgv = (target: NamespaceTarget, device: string, master: string): Argv =>
	ipIn(target, ['link', 'set', 'dev', device, 'master', master]);

export const clearMasterArgv = (target: NamespaceTarget, device: string): Argv =>
	ipIn(target, ['link', 'set', 'dev', device, 'nomaster']);

export function addRouteArgv(target: NamespaceTarget, route: ValidRouteRequest): Argv {
	return ipIn(target, [
		familyFlag(route.family),
		'route',
		'add',
		route.destination.kind === 'default' ? 'default' : route.destination.text,
		...(route.gateway ? ['via', route.gateway.address] : []),
		...(route.device ? ['dev', route.device] : []),
	]);
}

/** Deletes exactly the route the snapshot shows: same table, type, gateway, device and metric. */
export function deleteRouteArgv(target: NamespaceTarget, route: Route): Argv {
	return ipIn(target, [
		familyFlag(route.family),
		'route',
		'del',
		...(route.type ? [route.type] : []),
		route.dst,
		...(route.gateway ? ['via', route.gateway] : []),
		...(route.dev ? ['dev', route.dev] : []),
		...(route.table !== 'main' ? ['table', route.table] : []),
		...(route.metric !== null ? ['metric', String(route.metric)] : []),
	]);
}

export const setForwardingArgv = (target: NamespaceTarget, enabled: boolean): Argv =>
	execIn(target, ['sysctl', '-w', `net.ipv4.ip_forward=${enabled ? 1 : 0}`]);

export type MasqueradeRule = {
	/** Only traffic from this prefix; null: from anywhere. */
	source: Cidr | null;
	/**
	 * `except`: traffic leaving through any interface but this one (the bridge
	 * that joins the namespaces, so their traffic to each other stays as it is);
	 * `only`: traffic leaving through this one (seed 000's `-o eth0`).
	 */
	out: {interface: string; match: 'except' | 'only'};
};

/** `-A` adds the rule, `-D` removes the same rule. An IPv6 source uses ip6tables. */
export function masqueradeArgv(
	target: NamespaceTarget,
	operation: 'add' | 'remove',
	rule: MasqueradeRule,
): Argv {
	return execIn(target, [
		rule.source?.family === 'inet6' ? 'ip6tables' : 'iptables',
		'-t',
		'nat',
		operation === 'add' ? '-A' : '-D',
		'POSTROUTING',
		...(rule.source ? ['-s', rule.source.text] : []),
		...(rule.out.match === 'except' ? ['!'] : []),
		'-o',
		rule.out.interface,
		'-j',
		'MASQUERADE',
	]);
}

export const pingArgv = (target: NamespaceTarget, address: IpAddress): Argv =>
	execIn(target, ['ping', '-c', '3', address.address]);

export const shellArgv = (target: NamespaceTarget, shell: string): Argv => execIn(target, [shell]);

// Characters no POSIX shell (nor zsh, nor bash's history expansion) gives a meaning to.
const plainWord = /^[A-Za-z0-9_@%+:,./-][A-Za-z0-9_@%+=:,./-]*$/;

/**
 * One argument as a shell word: unchanged when plain, else in single quotes; a
 * word with a control character (an ESC in an interface name) in bash's $'...'
 * with \xHH for each such byte, so the line is safe to show and still pastes.
 */
export function shellQuote(word: string): string {
	if (plainWord.test(word)) return word;
	if (!isPlain(word)) return ansiCQuote(word);
	return `'${word.replaceAll("'", `'\\''`)}'`;
}

function ansiCQuote(word: string): string {
	let out = "$'";
	for (const character of word) {
		if (character === '\\' || character === "'") out += `\\${character}`;
		else if (isPlain(character)) out += character;
		else
			out += [...byteEncode(character)]
				.map(byte => `\\x${byte.toString(16).padStart(2, '0')}`)
				.join('');
	}
	return `${out}'`;
}

/** The bytes of one character; a byte that was not UTF-8 (byte-text.ts) is itself again. */
function byteEncode(character: string): Uint8Array {
	const code = character.codePointAt(0)!;
	return code >= 0xdc80 && code <= 0xdcff
		? Uint8Array.of(code - 0xdc00)
		: new TextEncoder().encode(character);
}

/** The argv as a line that pastes into a shell and runs the same argv. */
export function shellLine(argv: readonly string[]): string {
	return argv.map(shellQuote).join(' ');
}
