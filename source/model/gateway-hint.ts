// An example for the `r` prompt taken from the namespace itself: a gateway in
// one of its own IPv4 subnets, preferably an address that exists there (the
// other end of its veth, or another namespace on the same subnet).
import {addressToBigInt, bigIntToAddress, networkOf} from './ip-address.js';
import type {Namespace} from './snapshot.js';

type Subnet = {
	device: string;
	address: string;
	prefixlen: number;
	peer: Namespace['interfaces'][number]['peer'];
};

export function routeHint(namespace: Namespace, namespaces: readonly Namespace[]): string {
	const subnet = subnetsOf(namespace)[0];
	if (!subnet) {
		const device = namespace.interfaces.find(link => link.kind !== 'loopback')?.name;
		return device
			? `e.g. 10.0.0.0/24 dev ${device}`
			: 'e.g. default via GW (no address here yet: a adds one)';
	}
	const destination = namespace.routes.some(
		route => route.dst === 'default' && route.family === 'inet',
	)
		? '10.0.0.0/8'
		: 'default';
	return `e.g. ${destination} via ${gatewayIn(subnet, namespace, namespaces)}`;
}

function subnetsOf(namespace: Namespace): Subnet[] {
	return namespace.interfaces.flatMap(link =>
		link.kind === 'loopback'
			? []
			: link.addresses
					.filter(
						address =>
							address.family === 'inet' &&
							address.prefixlen <= 30 &&
							!address.address.startsWith('169.254.'),
					)
					.map(address => ({
						device: link.name,
						address: address.address,
						prefixlen: address.prefixlen,
						peer: link.peer,
					})),
	);
}

/** The value `routeHint` proposes, to take with Tab; null when the hint is only a shape to fill in. */
export function routeSuggestion(hint: string): string | null {
	return hint.startsWith('e.g. ') && !hint.includes('(') ? hint.slice('e.g. '.length) : null;
}

/** An address in the namespace's first subnet that some namespace has (its veth's other end): worth a ping. */
export function neighbourAddress(
	namespace: Namespace,
	namespaces: readonly Namespace[],
): string | null {
	const subnet = subnetsOf(namespace)[0];
	return subnet ? knownGateway(subnet, namespace, namespaces) : null;
}

function gatewayIn(subnet: Subnet, namespace: Namespace, namespaces: readonly Namespace[]): string {
	const existing = knownGateway(subnet, namespace, namespaces);
	if (existing) return existing;
	const network = networkOf(subnet.address, subnet.prefixlen, 'inet');
	// None known: the first host of the subnet, or the last when that one is ours.
	const first = bigIntToAddress(addressToBigInt(network) + 1n, 'inet');
	if (first !== subnet.address) return first;
	return bigIntToAddress(
		addressToBigInt(network) + (1n << BigInt(32 - subnet.prefixlen)) - 2n,
		'inet',
	);
}

function knownGateway(
	subnet: Subnet,
	namespace: Namespace,
	namespaces: readonly Namespace[],
): string | null {
	const network = networkOf(subnet.address, subnet.prefixlen, 'inet');
	const inSubnet = (address: string) =>
		networkOf(address, subnet.prefixlen, 'inet') === network && address !== subnet.address;
	const addressesOf = (ns: Namespace, only?: string) =>
		ns.interfaces
			.filter(link => only === undefined || link.name === only)
			.flatMap(link => link.addresses.filter(a => a.family === 'inet').map(a => a.address));
	const peerNamespace = subnet.peer
		? namespaces.find(ns => ns.inode === subnet.peer!.namespace)
		: undefined;
	const others = namespaces.filter(ns => ns.inode !== namespace.inode);
	const candidates = [
		...(peerNamespace ? addressesOf(peerNamespace, subnet.peer!.name) : []),
		...others.filter(ns => ns.forwarding.ipv4).flatMap(ns => addressesOf(ns)),
		...others.flatMap(ns => addressesOf(ns)),
	];
	return candidates.find(inSubnet) ?? null;
}
