// Actions on addresses and routes inside a namespace.
import {
	addAddressArgv,
	addRouteArgv,
	deleteAddressArgv,
	deleteRouteArgv,
} from '../../model/commands.js';
import type {Route} from '../../model/snapshot.js';
import {
	validateCidr,
	validateInterfaceName,
	validateNamespaceTarget,
	validateRoute,
	validateRouteRequest,
} from '../../model/validate.js';
import type {NamespaceTarget} from '../../model/namespace-target.js';
import {
	firstProblem,
	namedIn,
	perform,
	refused,
	type ActionContext,
	type ActionResult,
} from './perform.js';

type AddressRequest = {
	namespace: NamespaceTarget;
	device: string;
	/** address/prefix, e.g. 192.168.1.1/24 */ address: string;
};

export async function addAddress(
	request: AddressRequest,
	context?: ActionContext,
): Promise<ActionResult> {
	const target = validateNamespaceTarget(request.namespace);
	const device = validateInterfaceName(request.device, 'existing');
	const address = validateCidr(request.address);
	if (!target.ok || !device.ok || !address.ok)
		return refused(firstProblem(target, device, address)!);
	return perform(
		addAddressArgv(target.value, device.value, address.value),
		{
			success: `${address.value.text} added to ${device.value}`,
			about: {
				namespaces: namedIn(target.value),
				device: device.value,
				creates: {kind: 'address', name: address.value.text},
			},
		},
		context,
	);
}

export async function deleteAddress(
	request: AddressRequest,
	context?: ActionContext,
): Promise<ActionResult> {
	const target = validateNamespaceTarget(request.namespace);
	const device = validateInterfaceName(request.device, 'existing');
	const address = validateCidr(request.address);
	if (!target.ok || !device.ok || !address.ok)
		return refused(firstProblem(target, device, address)!);
	return perform(
		deleteAddressArgv(target.value, device.value, address.value),
		{
			success: `${address.value.text} removed from ${device.value}`,
			about: {namespaces: namedIn(target.value), device: device.value},
		},
		context,
	);
}

export type AddRouteRequest = {
	namespace: NamespaceTarget;
	/** "default" or a prefix (a bare address is a host route). */
	destination: string;
	/** Empty or absent: no gateway. */
	gateway?: string;
	/** Empty or absent: let the kernel pick the interface from the gateway. */
	device?: string;
};

export async function addRoute(
	request: AddRouteRequest,
	context?: ActionContext,
): Promise<ActionResult> {
	const target = validateNamespaceTarget(request.namespace);
	const route = validateRouteRequest(request);
	if (!target.ok || !route.ok) return refused(firstProblem(target, route)!);
	const {destination, gateway, device} = route.value;
	const what = `${destination.kind === 'default' ? 'default' : destination.text}${gateway ? ` via ${gateway.address}` : ''}${device ? ` dev ${device}` : ''}`;
	return perform(
		addRouteArgv(target.value, route.value),
		{
			success: `Route ${what} added`,
			about: {
				namespaces: namedIn(target.value),
				...(device ? {device} : {}),
				creates: {
					kind: 'route',
					name: destination.kind === 'default' ? 'default' : destination.text,
				},
			},
		},
		context,
	);
}

/** Deletes a route exactly as the snapshot shows it. */
export async function deleteRoute(
	request: {namespace: NamespaceTarget; route: Route},
	context?: ActionContext,
): Promise<ActionResult> {
	const target = validateNamespaceTarget(request.namespace);
	const route = validateRoute(request.route);
	if (!target.ok || !route.ok) return refused(firstProblem(target, route)!);
	return perform(
		deleteRouteArgv(target.value, route.value),
		{success: `Route ${route.value.dst} deleted`, about: {namespaces: namedIn(target.value)}},
		context,
	);
}
