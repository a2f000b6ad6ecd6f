// Actions on links: delete, up/down, move to another namespace, new veth pair,
// bridge and VRF, and a link's master.
import {
	addBridgeArgv,
	addVethArgv,
	addVrfArgv,
	clearMasterArgv,
	deleteInterfaceArgv,
	moveInterfaceArgv,
	setLinkStateArgv,
	setMasterArgv,
	type NetnsRef,
} from '../../model/commands.js';
import {
	validateInterfaceName,
	validateNamespaceTarget,
	validateNetnsRef,
	validateVrfTable,
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

type OnLink = {namespace: NamespaceTarget; device: string};

const describeRef = (ref: NetnsRef) =>
	'name' in ref
		? `namespace ${ref.name}`
		: ref.pid === 1
			? 'the host namespace'
			: `the namespace of PID ${ref.pid}`;

export async function deleteInterface(
	request: OnLink,
	context?: ActionContext,
): Promise<ActionResult> {
	const target = validateNamespaceTarget(request.namespace);
	const device = validateInterfaceName(request.device, 'existing');
	if (!target.ok || !device.ok) return refused(firstProblem(target, device)!);
	return perform(
		deleteInterfaceArgv(target.value, device.value),
		{
			success: `Interface ${device.value} deleted`,
			about: {namespaces: namedIn(target.value), device: device.value},
		},
		context,
	);
}

export async function setLinkState(
	request: OnLink & {up: boolean},
	context?: ActionContext,
): Promise<ActionResult> {
	const target = validateNamespaceTarget(request.namespace);
	const device = validateInterfaceName(request.device, 'existing');
	if (!target.ok || !device.ok) return refused(firstProblem(target, device)!);
	const state = request.up ? 'up' : 'down';
	return perform(
		setLinkStateArgv(target.value, device.value, request.up),
		{
			success: `${device.value} set ${state}`,
			about: {namespaces: namedIn(target.value), device: device.value},
		},
		context,
	);
}

/** Sends the interface to another namespace, named or by a PID inside it ({pid: 1}: the host's). */
export async function moveInterface(
	request: OnLink & {to: {name: string} | {pid: string | number}},
	context?: ActionContext,
): Promise<ActionResult> {
	const target = validateNamespaceTarget(request.namespace);
	const device = validateInterfaceName(request.device, 'existing');
	const to = validateNetnsRef(request.to);
	if (!target.ok || !device.ok || !to.ok) return refused(firstProblem(target, device, to)!);
	return perform(
		moveInterfaceArgv(target.value, device.value, to.value),
		{
			success: `${device.value} moved to ${describeRef(to.value)}`,
			about: {namespaces: namedIn(target.value, to.value), device: device.value},
		},
		context,
	);
}

export type VethRequest = {
	/** The namespace of end A, where the command runs. */
	namespace: NamespaceTarget;
	name: string;
	peerName: string;
	/** The namespace of end B; null: the same as end A. */
	peerNetns: {name: string} | {pid: string | number} | null;
};

export async function addVethPair(
	request: VethRequest,
	context?: ActionContext,
): Promise<ActionResult> {
	const target = validateNamespaceTarget(request.namespace);
	const name = validateInterfaceName(request.name);
	const peerName = validateInterfaceName(request.peerName);
	const peerNetns = request.peerNetns === null ? null : validateNetnsRef(request.peerNetns);
	const problem = firstProblem(target, name, peerName, ...(peerNetns ? [peerNetns] : []));
	if (problem || !target.ok || !name.ok || !peerName.ok || (peerNetns && !peerNetns.ok))
		return refused(problem!);
	const peerRef = peerNetns?.ok ? peerNetns.value : null;
	if (name.value === peerName.value && peerRef === null)
		return refused('The two ends of a veth pair in one namespace need different names');
	const where = peerRef ? ` (${peerName.value} in ${describeRef(peerRef)})` : '';
	return perform(
		addVethArgv(target.value, name.value, peerName.value, peerRef),
		{
			success: `veth pair ${name.value} and ${peerName.value} created${where}`,
			about: {namespaces: namedIn(target.value, peerRef)},
		},
		context,
	);
}

export async function addBridge(
	request: {namespace: NamespaceTarget; name: string},
	context?: ActionContext,
): Promise<ActionResult> {
	const target = validateNamespaceTarget(request.namespace);
	const name = validateInterfaceName(request.name);
	if (!target.ok || !name.ok) return refused(firstProblem(target, name)!);
	return perform(
		addBridgeArgv(target.value, name.value),
		{
			success: `Bridge ${name.value} created`,
			about: {namespaces: namedIn(target.value), creates: {kind: 'interface', name: name.value}},
		},
		context,
	);
}

export async function addVrf(
	request: {namespace: NamespaceTarget; name: string; table: string | number},
	context?: ActionContext,
): Promise<ActionResult> {
	const target = validateNamespaceTarget(request.namespace);
	const name = validateInterfaceName(request.name);
	const table = validateVrfTable(request.table);
	if (!target.ok || !name.ok || !table.ok) return refused(firstProblem(target, name, table)!);
	return perform(
		addVrfArgv(target.value, name.value, table.value),
		{
			success: `VRF ${name.value} created with table ${table.value}`,
			explainFailure: explainVrfFailure,
			about: {namespaces: namedIn(target.value), creates: {kind: 'interface', name: name.value}},
		},
		context,
	);
}

/** ip says "Unknown device type" when the kernel has no vrf module. */
export function explainVrfFailure(result: {stderr: string}): string | null {
	if (!/Unknown device type/i.test(result.stderr)) return null;
	return 'This kernel has no VRF support (CONFIG_NET_VRF, module vrf): ip says "Unknown device type"';
}

/** Enslaves the interface to a bridge or a VRF. */
export async function setMaster(
	request: OnLink & {master: string},
	context?: ActionContext,
): Promise<ActionResult> {
	const target = validateNamespaceTarget(request.namespace);
	const device = validateInterfaceName(request.device, 'existing');
	const master = validateInterfaceName(request.master, 'existing');
	if (!target.ok || !device.ok || !master.ok) return refused(firstProblem(target, device, master)!);
	if (device.value === master.value) return refused('An interface cannot be its own master');
	return perform(
		setMasterArgv(target.value, device.value, master.value),
		{
			success: `${device.value} now belongs to ${master.value}`,
			about: {namespaces: namedIn(target.value), device: device.value},
		},
		context,
	);
}

export async function clearMaster(request: OnLink, context?: ActionContext): Promise<ActionResult> {
	const target = validateNamespaceTarget(request.namespace);
	const device = validateInterfaceName(request.device, 'existing');
	if (!target.ok || !device.ok) return refused(firstProblem(target, device)!);
	return perform(
		clearMasterArgv(target.value, device.value),
		{
			success: `${device.value} no longer has a master`,
			about: {namespaces: namedIn(target.value), device: device.value},
		},
		context,
	);
}
