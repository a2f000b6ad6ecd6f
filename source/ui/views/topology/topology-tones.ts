// Colours with meaning in the topology drawing: forwarding, unresolved peers,
// links that are down, the host, unnamed and owned namespaces, and NAT rules (a risky one
// stands out). The drawing is plain text; this splits a line into toned pieces.
import type {DrawingLine} from '../../../model/topology/drawing.js';
import type {PathMarks} from '../../../model/trace/path-marks.js';
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
	if (line.mark === 'nat')
		return [{text: line.text, tone: /│ nat {2}/.test(line.text) ? 'warning' : 'muted'}];
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
		if (
			(before === undefined || !nameCharacter.test(before)) &&
			(after === undefined || !nameCharacter.test(after))
		)
			return at;
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

/**
 * A traced path on the drawing: a mark in the left column of every line of a
 * box on the path (✗ for the namespace where it breaks), and the names of the
 * namespaces and interfaces it passes in colour.
 */
export function pathTones(marks: PathMarks, labelOf: (inode: number) => string | null) {
	const toneOf = (inode: number): Tone => (inode === marks.broken ? 'error' : 'up');
	const labels = [...marks.namespaces]
		.map(inode => ({label: labelOf(inode), tone: toneOf(inode)}))
		.filter((entry): entry is {label: string; tone: Tone} => entry.label !== null);
	const interfaces = new Map<number, string[]>();
	for (const key of marks.interfaces) {
		const at = key.indexOf('|');
		const inode = Number(key.slice(0, at));
		interfaces.set(inode, [...(interfaces.get(inode) ?? []), key.slice(at + 1)]);
	}
	return {
		margin(line: DrawingLine): {mark: string; tone: Tone} | null {
			if (line.part !== 'box' || line.namespace === null || !marks.namespaces.has(line.namespace))
				return null;
			return line.namespace === marks.broken ? {mark: '✗', tone: 'error'} : {mark: '┃', tone: 'up'};
		},
		segments(line: DrawingLine, segments: Segment[]): Segment[] {
			if (line.part === 'overview')
				return labels.reduce((parts, entry) => markLabel(parts, entry.label, entry.tone), segments);
			if (line.part !== 'box' || line.namespace === null || !marks.namespaces.has(line.namespace))
				return segments;
			const names = interfaces.get(line.namespace) ?? [];
			const tone = toneOf(line.namespace);
			return names.reduce((parts, name) => markLabel(parts, name, tone), segments);
		},
	};
}
