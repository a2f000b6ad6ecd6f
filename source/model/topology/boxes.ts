// One box per namespace: its title and marks, then its interfaces with addresses,
// ports and VRF members indented under their master, and where each veth leads.
import type {NatNote} from '../nat-notes.js';
import {
	labelOf,
	type TopologyGraph,
	type TopologyInterface,
	type TopologyNamespace,
} from './graph.js';
import {shown} from '../shown-text.js';
import {cell, fit, wrapText} from '../text-cells.js';

/** nat: a NAT rule or what is known of them; risky: a rule that breaks traffic, and why. */
export type LineMark = 'nat' | 'risky';

export type BoxLine = {text: string; namespace: number; mark?: LineMark};

/** NAT rules drawn in one box at most; the details view (i) lists them all. */
const natRulesShown = 6;

export function drawNamespaceBox(
	ns: TopologyNamespace,
	graph: TopologyGraph,
	width: number,
	nat?: NatNote,
): BoxLine[] {
	const inner = width - 4;
	const body: {text: string; mark?: LineMark}[] = [
		...(ns.error ? [{text: `! could not read: ${ns.error}`}] : []),
		...interfaceRows(ns, graph, inner).map(text => ({text})),
		...(nat ? natRows(nat, inner) : []),
	];
	const line = (text: string, mark?: LineMark): BoxLine =>
		mark ? {text, namespace: ns.inode, mark} : {text, namespace: ns.inode};
	return [
		line(boxTop(ns, width)),
		...body.map(row => line(`│ ${cell(row.text, inner)} │`, row.mark)),
		line(`└${'─'.repeat(width - 2)}┘`),
	];
}

function natRows(nat: NatNote, inner: number): {text: string; mark: LineMark}[] {
	if (nat.state === 'reading') return [{text: 'nat: reading…', mark: 'nat'}];
	if (nat.state === 'unknown')
		return wrapText(shown(`nat: ${nat.reason}`), inner, '     ').map(text => ({text, mark: 'nat'}));
	if (nat.rules.length === 0) return [{text: 'nat: no rules', mark: 'nat'}];
	const rows = nat.rules.slice(0, natRulesShown).flatMap(rule => [
		...wrapText(shown(`nat  ${rule.text}`), inner, '       ').map(text => ({
			text,
			mark: 'nat' as const,
		})),
		...(rule.risk
			? wrapText(shown(`  ! ${rule.risk}`), inner, '    ').map(text => ({
					text,
					mark: 'risky' as const,
				}))
			: []),
	]);
	const more = nat.rules.length - natRulesShown;
	return more > 0 ? [...rows, {text: `nat  +${more} more (i lists them all)`, mark: 'nat'}] : rows;
}

export function forwardingText(ns: TopologyNamespace): string | null {
	const {ipv4, ipv6} = ns.forwarding;
	if (ipv4 && ipv6) return 'forwarding ipv4+ipv6';
	if (ipv4) return 'forwarding';
	return ipv6 ? 'forwarding ipv6' : null;
}

function boxTop(ns: TopologyNamespace, width: number): string {
	const inode = ` net:[${ns.inode}] `;
	const marks = [ns.root && ns.label !== '<host>' ? 'host' : null, forwardingText(ns)]
		.filter(Boolean)
		.join(', ');
	const markText = marks ? ` ${marks} ` : '';
	// The label gives way first: the marks are what the drawing is for.
	const room = width - 4 - inode.length - markText.length - 2;
	const title = ` ${fit(ns.label, Math.max(room, 8))} `;
	const fill = Math.max(
		1,
		width - 2 - 1 - title.length - markText.length - inode.length - 1 - (markText ? 1 : 0),
	);
	const text = `┌─${title}${markText ? `─${markText}` : ''}${'─'.repeat(fill)}${inode}─┐`;
	return text.length > width ? `${fit(text, width - 1)}┐` : text;
}

type Row = {prefix: string; link: TopologyInterface; underMaster: boolean};

function interfaceRows(ns: TopologyNamespace, graph: TopologyGraph, inner: number): string[] {
	const rows = ns.interfaces
		.filter(link => link.kind !== 'loopback')
		.flatMap(link => [{prefix: '', link, underMaster: false}, ...membersOf(link, '')]);
	if (rows.length === 0) return [ns.interfaces.length > 0 ? '(only lo)' : '(no interfaces)'];
	const nameWidth = Math.min(
		24,
		Math.max(...rows.map(row => row.prefix.length + row.link.name.length)),
	);
	const kindWidth = Math.min(8, Math.max(...rows.map(row => row.link.kind.length)));
	const lead = nameWidth + 2 + kindWidth + 2;
	return rows.flatMap(row => {
		const first = `${cell(row.prefix + row.link.name, nameWidth)}  ${cell(row.link.kind, kindWidth)}  `;
		return wrapSegments(first, detailsOf(row, graph), lead, inner);
	});
}

function membersOf(link: TopologyInterface, indent: string): Row[] {
	return link.members.flatMap((member, index) => {
		const last = index === link.members.length - 1;
		return [
			{prefix: `${indent}${last ? '└ ' : '├ '}`, link: member, underMaster: true},
			...membersOf(member, `${indent}${last ? '  ' : '│ '}`),
		];
	});
}

function detailsOf({link, underMaster}: Row, graph: TopologyGraph): string[] {
	const segments: string[] = [];
	if (link.state !== 'UP' && link.state !== 'UNKNOWN') segments.push(link.state);
	// Link-local IPv6 addresses are on every interface that is up: noise in a wiring picture.
	segments.push(...link.addresses.filter(address => !address.toLowerCase().startsWith('fe80:')));
	// A port drawn under its master needs no word for it; one whose master is not here does.
	if (link.master !== null && !underMaster) segments.push(`master ${link.master}`);
	if (link.peer) segments.push(`──── ${link.peer.name} [${labelOf(graph, link.peer.namespace)}]`);
	else if (link.peerUnresolved) segments.push('──── ? peer unresolved');
	return segments;
}

/** Segments after `first`, on as many lines as the box needs, continuation lines under the first segment. */
function wrapSegments(first: string, segments: string[], lead: number, inner: number): string[] {
	const lines: string[] = [];
	let line = first;
	let empty = true;
	for (const segment of segments) {
		const gap = empty ? '' : segment.startsWith('─') ? '  ' : ' ';
		if (!empty && line.length + gap.length + segment.length > inner) {
			lines.push(line);
			line = ' '.repeat(lead);
			empty = true;
		}
		line += (empty ? '' : gap) + segment;
		empty = false;
	}
	lines.push(line.trimEnd());
	return lines;
}
