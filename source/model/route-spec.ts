// The `r` prompt's one line, in `ip route` syntax: `default via GW`,
// `DST via GW [dev DEV]`, `DST dev DEV`. Split into its parts here, then
// checked as strictly as every other value (validateRouteRequest).
import {
	printable,
	validateInterfaceName,
	validateRouteRequest,
	type Validation,
	type ValidRouteRequest,
} from './validate.js';

export type RouteSpec = {destination: string; gateway: string; device: string};

const usage = 'type DST via GW, DST dev DEV or both, as for ip route (DST: default or a prefix)';

/** The words of the line, as ip would read them; nothing is ever passed on as a whole line. */
export function parseRouteSpec(input: string): Validation<RouteSpec> {
	const words = input.split(/[ \t]+/).filter(word => word !== '');
	const [destination, ...rest] = words;
	if (destination === undefined) return {ok: false, reason: `A route cannot be empty: ${usage}`};
	if (destination === 'via' || destination === 'dev')
		return {ok: false, reason: `A route starts with its destination: ${usage}`};
	const parts: {via?: string; dev?: string} = {};
	for (let index = 0; index < rest.length; index += 2) {
		const keyword = rest[index]!;
		const value = rest[index + 1];
		if (keyword !== 'via' && keyword !== 'dev')
			return {ok: false, reason: `"${printable(keyword)}" is not understood here: ${usage}`};
		if (parts[keyword] !== undefined) return {ok: false, reason: `"${keyword}" is given twice`};
		if (value === undefined)
			return {
				ok: false,
				reason:
					keyword === 'via'
						? '"via" needs a gateway address after it'
						: '"dev" needs an interface name after it',
			};
		parts[keyword] = value;
	}
	return {ok: true, value: {destination, gateway: parts.via ?? '', device: parts.dev ?? ''}};
}

/** The line checked whole: its parts, and that `dev` names an interface of the namespace. */
export function validateRouteSpec(
	input: string,
	interfaces: readonly string[],
): Validation<ValidRouteRequest & {spec: RouteSpec}> {
	const spec = parseRouteSpec(input);
	if (!spec.ok) return spec;
	const {destination, gateway, device} = spec.value;
	if (device !== '') {
		const name = validateInterfaceName(device);
		if (!name.ok) return name;
		if (!interfaces.includes(device))
			return {ok: false, reason: `There is no interface ${printable(device)} here`};
	}
	const request = validateRouteRequest({destination, gateway, device});
	return request.ok ? {ok: true, value: {...request.value, spec: spec.value}} : request;
}
