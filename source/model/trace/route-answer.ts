// What the kernel answers to `ip -j route get TO from SRC [iif IN]`: the route
// it chose, or why it refused (the errno names the route type that refused:
// blackhole, prohibit, unreachable, no route, a failed reverse-path check).
import {parseJsonArray} from '../ip-json.js';

export type ChosenRoute = {
	kind: 'route';
	/** unicast, local, broadcast, multicast, ... */
	type: string;
	dst: string;
	dev: string | null;
	gateway: string | null;
	prefsrc: string | null;
	/** main unless the kernel names another (a policy rule chose it). */
	table: string;
	flags: string[];
};

export type Refusal =
	| 'no-route' // ENETUNREACH: no route at all
	| 'unreachable' // EHOSTUNREACH: an unreachable route, or forwarding off on the way in
	| 'blackhole' // EINVAL
	| 'prohibit' // EACCES
	| 'reverse-path' // EXDEV: rp_filter refused the source on this interface
	| 'link-down' // ENETDOWN
	| 'other';

export type RouteAnswer = ChosenRoute | {kind: 'refused'; refusal: Refusal; message: string};

const refusals: Array<[RegExp, Refusal]> = [
	[/Network is unreachable/i, 'no-route'],
	[/No route to host/i, 'unreachable'],
	[/Invalid argument/i, 'blackhole'],
	[/Permission denied/i, 'prohibit'],
	[/Invalid cross-device link/i, 'reverse-path'],
	[/Network is down/i, 'link-down'],
];

export function parseRouteAnswer(stdout: string, stderr: string): RouteAnswer {
	const item = parseJsonArray(stdout.trim() || 'null')?.[0];
	if (item && typeof item === 'object') {
		const entry = item as Record<string, unknown>;
		const text = (key: string) => (typeof entry[key] === 'string' ? entry[key] : null);
		return {
			kind: 'route',
			type: text('type') ?? 'unicast',
			dst: text('dst') ?? '',
			dev: text('dev'),
			gateway: text('gateway'),
			prefsrc: text('prefsrc'),
			table: text('table') ?? 'main',
			flags: Array.isArray(entry.flags)
				? entry.flags.filter((flag): flag is string => typeof flag === 'string')
				: [],
		};
	}
	const message =
		stderr
			.split('\n')
			.find(line => line.trim() !== '')
			?.replace(/^RTNETLINK answers:\s*/, '') ?? 'ip route get failed';
	const refusal = refusals.find(([pattern]) => pattern.test(message))?.[1] ?? 'other';
	return {kind: 'refused', refusal, message};
}

/** The route in ip's own words: "192.168.2.1 via 192.168.1.254 dev veth-ns1 table 100 src 192.168.1.1". */
export function routeText(route: ChosenRoute): string {
	return [
		route.type === 'unicast' ? null : route.type,
		route.dst,
		route.gateway ? `via ${route.gateway}` : null,
		route.dev ? `dev ${route.dev}` : null,
		`table ${route.table}`,
		route.prefsrc ? `src ${route.prefsrc}` : null,
	]
		.filter(Boolean)
		.join(' ');
}
