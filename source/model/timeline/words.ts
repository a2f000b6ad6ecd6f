// A change in words: the one sentence the timeline, `nstui watch` and
// `nstui diff` print for it (without its time and namespace), and the texts of
// addresses and routes that changes carry.
import type {Address, Route} from '../snapshot.js';
import type {Change, ChangeValue, OtherNamespace} from './change.js';

export const addressText = (address: Address) => `${address.address}/${address.prefixlen}`;

/** Everything that tells two routes apart. */
export const routeKey = (route: Route) =>
	[
		route.family,
		route.table,
		route.type ?? '',
		route.dst,
		route.gateway ?? '',
		route.dev ?? '',
		route.metric ?? '',
		route.protocol ?? '',
		route.scope ?? '',
	].join(' ');

/** As `ip route` writes it, with the table when it is not main. */
export function routeText(route: Route): string {
	const words = [route.type && route.type !== 'unicast' ? `${route.type} ${route.dst}` : route.dst];
	if (route.gateway) words.push(`via ${route.gateway}`);
	if (route.dev) words.push(`dev ${route.dev}`);
	if (route.table !== 'main') words.push(`table ${route.table}`);
	if (route.metric !== null) words.push(`metric ${route.metric}`);
	return words.join(' ');
}

const label = (value: ChangeValue) => (value as OtherNamespace).label;
const onOff = (on: boolean) => (on ? 'on' : 'off');

export function changeText(change: Change): string {
	const {before, after} = change;
	const link = change.interface?.name ?? '?';
	switch (change.kind) {
		case 'namespace-created':
			return 'namespace created';
		case 'namespace-deleted':
			return 'namespace deleted';
		case 'namespace-named':
			return before === null
				? `named ${String(after)}`
				: `renamed ${String(before)} → ${String(after)}`;
		case 'namespace-unnamed':
			return `name ${String(before)} removed`;
		case 'owner-appeared':
		case 'owner-gone': {
			const owner = (change.kind === 'owner-appeared' ? after : before) as {
				engine: string;
				id: string;
				name: string | null;
			};
			const verb = change.kind === 'owner-appeared' ? 'appeared' : 'went away';
			return `owner ${owner.engine} ${owner.name ?? owner.id.slice(0, 12)} ${verb}`;
		}
		case 'link-added': {
			const summary = after as {kind: string; state: string; mtu: number};
			return `link ${link} appeared (${summary.kind}, ${summary.state}, mtu ${summary.mtu})`;
		}
		case 'link-removed':
			return `link ${link} went away`;
		case 'link-renamed':
			return `link ${String(before)} renamed to ${String(after)}`;
		case 'link-state':
			return `link ${link} state ${String(before)} → ${String(after)}`;
		case 'link-carrier':
			return `link ${link} ${after === 'carrier' ? 'carrier back' : 'carrier lost'}`;
		case 'link-mtu':
			return `link ${link} mtu ${String(before)} → ${String(after)}`;
		case 'link-master':
			return `link ${link} master ${String(before ?? 'none')} → ${String(after ?? 'none')}`;
		case 'link-moved-out':
			return `link ${link} moved out of ${label(before)} into ${label(after)}`;
		case 'link-moved-in':
			return `link ${link} moved into ${label(after)} from ${label(before)}`;
		case 'address-added':
			return `address ${String(after)} added on ${link}`;
		case 'address-removed':
			return `address ${String(before)} removed from ${link}`;
		case 'route-added':
			return `route ${String(after)} added`;
		case 'route-removed':
			return `route ${String(before)} removed`;
		case 'forwarding': {
			const from = before as {ipv4: boolean; ipv6: boolean};
			const to = after as {ipv4: boolean; ipv6: boolean};
			const parts = (['ipv4', 'ipv6'] as const)
				.filter(family => from[family] !== to[family])
				.map(family => `${family} ${onOff(from[family])} → ${onOff(to[family])}`);
			return `forwarding ${parts.join(', ')}`;
		}
		case 'process-made':
		case 'process-entered': {
			const process = after as {pid: number; comm: string; cmdline: string};
			const command = process.cmdline || process.comm;
			if (change.kind === 'process-made') return `process ${process.pid} made it: ${command}`;
			const from = before === null ? '' : ` from ${label(before)}`;
			return `process ${process.pid} entered${from}: ${command}`;
		}
	}
}
