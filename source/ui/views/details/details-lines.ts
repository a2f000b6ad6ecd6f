// The text of the details view (i): the neighbour cache as a table, then the nat
// and filter rules of iptables, risky masquerade rules pointed out under theirs.
import {riskyMasquerades, type Firewall} from '../../../model/firewall.js';
import type {Neighbour} from '../../../model/neighbours.js';
import {ownerLines} from '../../../model/owners.js';
import {publishedText} from '../../../model/published-ports.js';
import type {Namespace, Owner} from '../../../model/snapshot.js';
import {shown} from '../../../model/shown-text.js';
import {cell, shownCell, textWidth, wrapText} from '../../../model/text-cells.js';
import type {DetailsViewState, Reading} from '../full-view-state.js';
import type {Tone} from '../../app/theme.js';
import type {ToneLine} from '../../app/ToneLines.js';
import type {TrafficState} from '../../app/tui-store.js';
import {problemsText, rateText, sparkline} from '../../../model/link-rates.js';
import {historyKey} from '../../../system/rates.js';

export type DetailsLine = ToneLine;

const shownTables = ['nat', 'filter'];

export function detailsLines(
	view: DetailsViewState,
	ns: Namespace | undefined,
	width: number,
	traffic: TrafficState | null = null,
): DetailsLine[] {
	const waiting = view.status !== 'read';
	return [
		...(ns?.owner ? ownerDetails(ns.owner, width) : []),
		...(ns ? trafficLines(ns, traffic, width) : []),
		{text: 'Neighbours (ARP/NDP cache)', tone: 'paneTitle'},
		...(waiting ? [reading()] : neighbourLines(view.neighbours, width)),
		{text: ''},
		...(waiting
			? [{text: 'Firewall (iptables)', tone: 'paneTitle' as const}, reading()]
			: firewallLines(view.firewall, ns, width)),
	];
}

/** Who owns it: engine, name, ids, image, every container in it, and the labels. */
function ownerDetails(owner: Owner, width: number): DetailsLine[] {
	const {summary, containers, labels} = ownerLines(owner);
	const lines: DetailsLine[] = [
		{text: 'Owner', tone: 'paneTitle'},
		...wrapText(shown(`  ${summary}`), width, '    ').map(text => ({text})),
	];
	if (containers.length > 0)
		lines.push(
			{text: '  containers:', tone: 'muted'},
			...containers.map(text => ({text: cell(shown(`    ${text}`), width).trimEnd()})),
		);
	if (owner.pod)
		lines.push({
			text: cell(
				shown(
					`  pod ${owner.pod.namespace}/${owner.pod.name}${owner.pod.uid ? ` uid ${owner.pod.uid}` : ''}`,
				),
				width,
			).trimEnd(),
		});
	if (labels.length > 0)
		lines.push(
			{text: '  labels:', tone: 'muted'},
			...labels.map(text => ({text: cell(shown(`    ${text}`), width).trimEnd()})),
		);
	lines.push({text: ''});
	return lines;
}

const reading = (): DetailsLine => ({text: '  reading…', tone: 'muted'});

const sparkWidth = 30;

/** Each interface's rate now and a sparkline of the last refreshes, scaled per interface. */
function trafficLines(ns: Namespace, traffic: TrafficState | null, width: number): DetailsLine[] {
	const links = ns.interfaces.filter(link => link.kind !== 'loopback');
	if (links.length === 0) return [];
	// Only once there are rates: before the second reading of the counters there is nothing to draw.
	const rates = traffic?.rates.get(ns.inode);
	if (!rates) return [];
	const lines: DetailsLine[] = [
		{
			text: `Traffic (the last ${sparkWidth} refreshes, rx+tx, each scaled to its own peak)`,
			tone: 'paneTitle',
		},
	];
	const nameWidth = Math.min(Math.max(4, ...links.map(link => textWidth(shown(link.name)))), 15);
	for (const link of links) {
		const rate = rates.get(link.ifindex);
		const history = traffic?.history.get(historyKey(ns.inode, link.ifindex)) ?? [];
		const now = rate ? rateText(rate) : 'no rate yet';
		lines.push({
			text: cell(
				`  ${shownCell(link.name, nameWidth)} ${sparkline(history, sparkWidth)}  ${now}`,
				width,
			).trimEnd(),
			tone: rate && problemsText(rate) ? 'warning' : undefined,
		});
	}
	lines.push({text: ''});
	return lines;
}

function neighbourLines(neighbours: Reading<Neighbour[]> | null, width: number): DetailsLine[] {
	if (!neighbours || neighbours.error !== null)
		return [{text: `  could not read: ${shown(neighbours?.error ?? 'not read')}`, tone: 'error'}];
	if (neighbours.value.length === 0)
		return [{text: '  (empty: this namespace has not talked to anyone yet)', tone: 'muted'}];
	const addressWidth = Math.min(
		Math.max(7, ...neighbours.value.map(item => textWidth(shown(item.address)))),
		39,
	);
	const devWidth = Math.min(
		Math.max(3, ...neighbours.value.map(item => textWidth(shown(item.dev ?? '')))),
		15,
	);
	const row = (address: string, dev: string, mac: string, state: string) =>
		cell(
			`  ${shownCell(address, addressWidth)}  ${shownCell(dev, devWidth)}  ${shownCell(mac, 17)}  ${shown(state)}`,
			width,
		).trimEnd();
	return [
		{text: row('ADDRESS', 'DEV', 'MAC', 'STATE'), tone: 'muted'},
		...neighbours.value.map(item => ({
			text: row(
				item.address,
				item.dev ?? '-',
				item.lladdr ?? '-',
				item.state + (item.router ? ' router' : ''),
			),
			tone: stateTone(item.state),
		})),
	];
}

function stateTone(state: string): Tone | undefined {
	if (/FAILED|INCOMPLETE/.test(state)) return 'down';
	return /REACHABLE|PERMANENT/.test(state) && !state.includes('UNREACHABLE') ? 'up' : undefined;
}

function firewallLines(
	firewall: Reading<Firewall> | null,
	ns: Namespace | undefined,
	width: number,
): DetailsLine[] {
	if (!firewall || firewall.error !== null) {
		return [
			{text: 'Firewall (iptables)', tone: 'paneTitle'},
			{text: `  ${shown(firewall?.error ?? 'not read')}`, tone: 'warning'},
		];
	}
	const risks = ns ? riskyMasquerades(firewall.value, ns) : [];
	const lines: DetailsLine[] = [];
	const published = firewall.value.published ?? [];
	if (published.length > 0) {
		lines.push({text: `Published ports (${published.length})`, tone: 'paneTitle'});
		for (const port of published)
			lines.push(
				...wrapText(shown(`  ${publishedText(port)}`), width, '      ').map(text => ({text})),
			);
		lines.push({text: ''});
	}
	for (const table of shownTables) {
		const rules = firewall.value.rules.filter(rule => rule.table === table);
		const policies = firewall.value.policies.filter(policy => policy.table === table);
		lines.push({
			text: `iptables -t ${table}  (${rules.length} ${rules.length === 1 ? 'rule' : 'rules'})`,
			tone: 'paneTitle',
		});
		if (policies.length > 0)
			lines.push({
				text: `  policies: ${shown(policies.map(policy => `${policy.chain} ${policy.policy}`).join(', '))}`,
				tone: 'muted',
			});
		if (rules.length === 0) lines.push({text: '  (no rules)', tone: 'muted'});
		for (const rule of rules) {
			const risk = risks.filter(item => item.rule === rule);
			lines.push(
				...wrapText(shown(`  -A ${rule.chain} ${rule.spec}`), width, '      ').map(text => ({
					text,
					tone: risk.length > 0 ? ('warning' as const) : undefined,
				})),
			);
			for (const item of risk)
				lines.push(
					...wrapText(shown(`    ! risky: ${item.message}`), width, '      ').map(text => ({
						text,
						tone: 'error' as const,
					})),
				);
		}
		lines.push({text: ''});
	}
	const others = [...new Set(firewall.value.rules.map(rule => rule.table))].filter(
		table => !shownTables.includes(table),
	);
	if (others.length > 0)
		lines.push({
			text: `also rules in: ${shown(others.join(', '))} (iptables-save shows them)`,
			tone: 'muted',
		});
	return lines;
}

let last: {
	view: DetailsViewState;
	ns: Namespace | undefined;
	width: number;
	traffic: TrafficState | null;
	lines: DetailsLine[];
} | null = null;

/** The lines as the view shows them in a body `width` wide (one column less: the margin), kept while nothing they come from changes. */
export function detailsLinesOf(
	view: DetailsViewState,
	ns: Namespace | undefined,
	width: number,
	traffic: TrafficState | null = null,
): DetailsLine[] {
	if (
		last &&
		last.view === view &&
		last.ns === ns &&
		last.width === width &&
		last.traffic === traffic
	)
		return last.lines;
	const lines = detailsLines(view, ns, width - 1, traffic);
	last = {view, ns, width, traffic, lines};
	return lines;
}
