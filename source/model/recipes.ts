// The seed documents' topologies as step lists, for the recipes menu (L) and
// `nstui recipe NAME up|down --prefix P`. Each step is one action of the action
// layer, described as data so a recipe can be read and tested without running it.
// The bridge recipe builds its "host" as a namespace PREFIX-host, so a recipe
// never changes the host's own network.
import {validateNamespaceName, type Validation} from './validate.js';

export const recipeNames = ['direct', 'router', 'bridge'] as const;
export type RecipeName = (typeof recipeNames)[number];

export const recipeSummaries: Record<RecipeName, string> = {
	direct: 'two namespaces joined by one veth pair (seed 000 §3)',
	router: 'two namespaces routed through a third that forwards (seed 000 §4)',
	bridge: 'web and db on a bridge, with NAT out of it (seed 001; PREFIX-host plays the host)',
};

type Ns = {name: string};
export type RecipeStep =
	| {action: 'addNamespace'; request: {name: string}}
	| {action: 'deleteNamespace'; request: {name: string}}
	| {action: 'setLinkState'; request: {namespace: Ns; device: string; up: boolean}}
	| {action: 'addVethPair'; request: {namespace: Ns; name: string; peerName: string; peerNetns: Ns}}
	| {action: 'addAddress'; request: {namespace: Ns; device: string; address: string}}
	| {action: 'addRoute'; request: {namespace: Ns; destination: string; gateway: string}}
	| {action: 'setForwarding'; request: {namespace: Ns; enabled: boolean}}
	| {action: 'addBridge'; request: {namespace: Ns; name: string}}
	| {action: 'setMaster'; request: {namespace: Ns; device: string; master: string}}
	| {action: 'addMasquerade'; request: {namespace: Ns; source: string; exceptOutInterface: string}};

export function isRecipeName(name: string): name is RecipeName {
	return (recipeNames as readonly string[]).includes(name);
}

/** The namespaces a recipe makes, so `down` removes exactly these. */
export function recipeNamespaces(recipe: RecipeName, prefix: string): string[] {
	const shorts = {
		direct: ['ns1', 'ns2'],
		router: ['a', 'router', 'b'],
		bridge: ['host', 'web', 'db'],
	}[recipe];
	return shorts.map(short => `${prefix}-${short}`);
}

export function validateRecipePrefix(prefix: string, recipe: RecipeName): Validation<string> {
	for (const name of recipeNamespaces(recipe, prefix)) {
		const check = validateNamespaceName(name);
		if (!check.ok)
			return {
				ok: false,
				reason: `Prefix "${prefix}" gives the namespace name "${name}": ${check.reason}`,
			};
	}
	return {ok: true, value: prefix};
}

export function recipeUp(recipe: RecipeName, prefix: string): RecipeStep[] {
	const names = recipeNamespaces(recipe, prefix);
	const steps: RecipeStep[] = names.map(name => ({action: 'addNamespace', request: {name}}));
	for (const name of names) steps.push(up(name, 'lo'));
	if (recipe === 'direct') steps.push(...direct(names[0]!, names[1]!));
	if (recipe === 'router') steps.push(...router(names[0]!, names[1]!, names[2]!));
	if (recipe === 'bridge') steps.push(...bridge(names[0]!, names[1]!, names[2]!));
	return steps;
}

export function recipeDown(recipe: RecipeName, prefix: string): RecipeStep[] {
	return recipeNamespaces(recipe, prefix)
		.reverse()
		.map(name => ({action: 'deleteNamespace', request: {name}}));
}

const up = (ns: string, device: string): RecipeStep => ({
	action: 'setLinkState',
	request: {namespace: {name: ns}, device, up: true},
});
const address = (ns: string, device: string, cidr: string): RecipeStep => ({
	action: 'addAddress',
	request: {namespace: {name: ns}, device, address: cidr},
});
const veth = (ns: string, name: string, peerName: string, peerNs: string): RecipeStep => ({
	action: 'addVethPair',
	request: {namespace: {name: ns}, name, peerName, peerNetns: {name: peerNs}},
});
const defaultVia = (ns: string, gateway: string): RecipeStep => ({
	action: 'addRoute',
	request: {namespace: {name: ns}, destination: 'default', gateway},
});

function direct(ns1: string, ns2: string): RecipeStep[] {
	return [
		veth(ns1, 'veth0', 'veth1', ns2),
		address(ns1, 'veth0', '192.168.1.1/24'),
		address(ns2, 'veth1', '192.168.1.2/24'),
		up(ns1, 'veth0'),
		up(ns2, 'veth1'),
	];
}

function router(a: string, r: string, b: string): RecipeStep[] {
	return [
		veth(a, 'veth-ns1', 'veth-router1', r),
		veth(b, 'veth-ns2', 'veth-router2', r),
		address(a, 'veth-ns1', '192.168.1.1/24'),
		address(r, 'veth-router1', '192.168.1.254/24'),
		address(r, 'veth-router2', '192.168.2.254/24'),
		address(b, 'veth-ns2', '192.168.2.1/24'),
		up(a, 'veth-ns1'),
		up(r, 'veth-router1'),
		up(r, 'veth-router2'),
		up(b, 'veth-ns2'),
		{action: 'setForwarding', request: {namespace: {name: r}, enabled: true}},
		defaultVia(a, '192.168.1.254'),
		defaultVia(b, '192.168.2.254'),
	];
}

function bridge(host: string, web: string, db: string): RecipeStep[] {
	const steps: RecipeStep[] = [
		{action: 'addBridge', request: {namespace: {name: host}, name: 'vnet-0'}},
		address(host, 'vnet-0', '192.168.15.1/24'),
		up(host, 'vnet-0'),
	];
	for (const [ns, inner, outer, cidr] of [
		[web, 'eth0-web', 'veth-web-br', '192.168.15.5/24'],
		[db, 'eth0-db', 'veth-db-br', '192.168.15.6/24'],
	] as const) {
		steps.push(
			veth(ns, inner, outer, host),
			{action: 'setMaster', request: {namespace: {name: host}, device: outer, master: 'vnet-0'}},
			up(host, outer),
			address(ns, inner, cidr),
			up(ns, inner),
			defaultVia(ns, '192.168.15.1'),
		);
	}
	steps.push({
		action: 'addMasquerade',
		request: {namespace: {name: host}, source: '192.168.15.0/24', exceptOutInterface: 'vnet-0'},
	});
	return steps;
}
