// Colours with meaning in the topology drawing: forwarding, unresolved peers,
// links that are down, the host, unnamed and owned namespaces, and NAT rules (a risky one
// stands out). The drawing is plain text; this splits a line into toned pieces.
import type {DrawingLine} from '../../../model/topology/drawing.js';
import type {Tone} from '../../app/theme.js';

export type Segment = {text: string; tone?: Tone};

const tokens: [RegExp, Tone][] = [
	[/forwarding(?: ipv4\+ipv6| ipv6)?/, 'warning'],
	[/\? peer unresolved/, 'error'],
	[/! could not read: .*?(?= *│|$)/, 'error'],
	[/\b(?:DOWN|LOWERLAYERDOWN)\b/, 'down'],
	[/<host>/, 'host'],
	[/<unnamed> pid \d+ \S+/, 'unnamed'],
	// An owner's engine tag, in a box's title or after a peer's @ (see model/owners.ts ownerLabel).
	[/(?<=^|[\s@─┌])(?:docker|podman|containerd|crio)(?= \S)/, 'engineContainer'],
	[/(?<=^|[\s@─┌])k8s(?= \S)/, 'enginePod'],
	[/(?<=^|[\s@─┌])(?:lxc|nspawn|svc)(?= \S)/, 'engineSystem'],
	[/net:\[\d+\]/, 'muted'],
];

const anyToken = new RegExp(tokens.map(([pattern]) => `(${pattern.source})`).join('|'), 'g');

export function lineSegments(line: DrawingLine): Segment[] {
	if (line.part === 'summary') return [{text: line.text, tone: 'muted'}];
	if (line.mark === 'risky') return [{text: line.text, tone: 'error'}];
	if (line.mark === 'nat') return [{text: line.text, tone: /│ nat {2}/.test(line.text) ? 'warning' : 'muted'}];
	const segments: Segment[] = [];
	let at = 0;
	for (const match of line.text.matchAll(anyToken)) {
		const index = match.index ?? 0;
		if (index > at) segments.push({text: line.text.slice(at, index)});
		const which = match.slice(1).findIndex(group => group !== undefined);
		segments.push({text: match[0], tone: tokens[which]![1]});
		at = index + match[0].length;
	}
	if (at < line.text.length) segments.push({text: line.text.slice(at)});
	return segments;
}

const nameCharacter = /[\w.<>-]/;

/** Where `label` stands as a whole name in `text` (not inside a longer one), or -1. */
export function labelIndex(text: string, label: string): number {
	for (let at = text.indexOf(label); at !== -1; at = text.indexOf(label, at + 1)) {
		const before = text[at - 1];
		const after = text[at + label.length];
		if ((before === undefined || !nameCharacter.test(before)) && (after === undefined || !nameCharacter.test(after))) return at;
	}
	return -1;
}

/** The segments with `label` (a whole name) given `tone`, wherever it is. */
export function markLabel(segments: readonly Segment[], label: string, tone: Tone): Segment[] {
	return segments.flatMap(segment => {
		const at = labelIndex(segment.text, label);
		if (at === -1) return [segment];
		const rest = segment.text.slice(at + label.length);
		return [
			...(at > 0 ? [{text: segment.text.slice(0, at), tone: segment.tone}] : []),
			{text: label, tone},
			...markLabel(rest === '' ? [] : [{text: rest, tone: segment.tone}], label, tone),
		];
	});
}
