// Actions on whole namespaces: create, delete, name an unnamed one, IPv4 forwarding.
import {
	addNamespaceArgv,
	attachNamespaceArgv,
	deleteNamespaceArgv,
	setForwardingArgv,
} from '../../model/commands.js';
import {validateNamespaceName, validateNamespaceTarget, validatePid} from '../../model/validate.js';
import type {NamespaceTarget} from '../../model/namespace-target.js';
import {
	firstProblem,
	namedIn,
	perform,
	refused,
	type ActionContext,
	type ActionResult,
} from './perform.js';

export async function addNamespace(
	request: {name: string},
	context?: ActionContext,
): Promise<ActionResult> {
	const name = validateNamespaceName(request.name, 'new');
	if (!name.ok) return refused(name.reason);
	return perform(
		addNamespaceArgv(name.value),
		{
			success: `Namespace ${name.value} created`,
			about: {creates: {kind: 'namespace', name: name.value}},
		},
		context,
	);
}

export async function deleteNamespace(
	request: {name: string},
	context?: ActionContext,
): Promise<ActionResult> {
	const name = validateNamespaceName(request.name, 'existing');
	if (!name.ok) return refused(name.reason);
	return perform(
		deleteNamespaceArgv(name.value),
		{success: `Namespace ${name.value} deleted`, about: {namespaces: [name.value]}},
		context,
	);
}

/** `ip netns attach NAME PID`: the namespace PID is in gets a name in /run/netns. */
export async function attachNamespaceName(
	request: {name: string; pid: string | number},
	context?: ActionContext,
): Promise<ActionResult> {
	const name = validateNamespaceName(request.name, 'new');
	const pid = validatePid(request.pid);
	if (!name.ok || !pid.ok) return refused(firstProblem(name, pid)!);
	return perform(
		attachNamespaceArgv(name.value, pid.value),
		{
			success: `The namespace of PID ${pid.value} is now named ${name.value}`,
			about: {creates: {kind: 'namespace', name: name.value}},
		},
		context,
	);
}

export async function setForwarding(
	request: {namespace: NamespaceTarget; enabled: boolean},
	context?: ActionContext,
): Promise<ActionResult> {
	const target = validateNamespaceTarget(request.namespace);
	if (!target.ok) return refused(target.reason);
	const state = request.enabled ? 'on' : 'off';
	return perform(
		setForwardingArgv(target.value, request.enabled),
		{
			success: `IPv4 forwarding ${state}`,
			innerProgram: 'sysctl',
			about: {namespaces: namedIn(target.value)},
		},
		context,
	);
}
