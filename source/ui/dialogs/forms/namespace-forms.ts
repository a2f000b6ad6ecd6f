// Actions on the selected namespace: new namespace (n), name an unnamed one (N),
// IPv4 forwarding (f), new bridge (b) and VRF (V), masquerade (M), ping (p).
import {validateIpAddress, validatePrefix, validateVrfTable} from '../../../model/validate.js';
import {neighbourAddress} from '../../../model/gateway-hint.js';
import * as actions from '../../../system/actions/index.js';
import {actionForm, type ActionForm} from '../dialog-state.js';
import {selectCreated} from '../../panes/select-created.js';
import {cutOffLines, withDanger} from './cut-off.js';
import type {TuiStore} from '../../app/tui-store.js';
import {interfaceNames, newInterfaceNameField, newNamespaceNameField, pickField} from './fields.js';
import {enterSelected, labelOf, noNamespace, selected, type Unavailable} from './selection.js';

const reason = (check: {ok: true} | {ok: false; reason: string}) =>
	check.ok ? null : check.reason;

export function newNamespaceForm(store: TuiStore): ActionForm {
	const {namespaces} = selected(store);
	return actionForm({
		title: 'New namespace',
		fields: [newNamespaceNameField(namespaces, 'name')],
		run: answers => actions.addNamespace({name: answers.name}),
		select: (answers, store) => selectCreated(store, {namespace: answers.name}),
	});
}

export function attachNameForm(store: TuiStore): ActionForm | Unavailable {
	const {namespace, namespaces} = selected(store);
	if (!namespace) return noNamespace;
	if (namespace.root) return 'the host namespace needs no name: ip reaches it without one';
	if (namespace.name !== null) return `${namespace.name} has a name already`;
	const pid = namespace.processes[0]?.pid;
	if (pid === undefined)
		return `${labelOf(namespace)} has no process inside to name it by (ip netns attach NAME PID)`;
	const inode = namespace.inode;
	return actionForm({
		title: `Name the namespace of PID ${pid}`,
		fields: [newNamespaceNameField(namespaces, 'name', `Name for ${labelOf(namespace)}`)],
		run: answers => actions.attachNamespaceName({name: answers.name, pid}),
		select: (_answers, store) => selectCreated(store, {namespace: inode}),
	});
}

export function forwardingForm(store: TuiStore): ActionForm | Unavailable {
	const entered = enterSelected(store);
	if (typeof entered === 'string') return entered;
	const {namespace, target} = entered;
	const enabled = !namespace.forwarding.ipv4;
	const danger = cutOffLines(store, namespace, {
		kind: enabled ? 'forwarding-on' : 'forwarding-off',
	});
	return actionForm({
		title: `IPv4 forwarding ${enabled ? 'on' : 'off'} in ${labelOf(namespace)}`,
		fields: [],
		confirm: () =>
			withDanger(
				null,
				danger,
				`Turn IPv4 forwarding ${enabled ? 'on' : 'off'} in ${labelOf(namespace)}?`,
			),
		run: () => actions.setForwarding({namespace: target, enabled}),
	});
}

export function newBridgeForm(store: TuiStore): ActionForm | Unavailable {
	const entered = enterSelected(store);
	if (typeof entered === 'string') return entered;
	const {namespace, target} = entered;
	const inode = namespace.inode;
	return actionForm({
		title: `New bridge in ${labelOf(namespace)}`,
		fields: [newInterfaceNameField('name', 'Bridge name', () => interfaceNames(namespace))],
		run: answers => actions.addBridge({namespace: target, name: answers.name}),
		select: (answers, store) => selectCreated(store, {namespace: inode, interface: answers.name}),
	});
}

export function newVrfForm(store: TuiStore): ActionForm | Unavailable {
	const entered = enterSelected(store);
	if (typeof entered === 'string') return entered;
	const {namespace, target} = entered;
	const inode = namespace.inode;
	return actionForm({
		title: `New VRF in ${labelOf(namespace)}`,
		fields: [
			newInterfaceNameField('name', 'VRF name', () => interfaceNames(namespace)),
			{
				kind: 'text',
				name: 'table',
				label: 'Routing table number',
				placeholder: 'e.g. 10',
				validate: text => reason(validateVrfTable(text)),
			},
		],
		run: answers => actions.addVrf({namespace: target, name: answers.name, table: answers.table}),
		select: (answers, store) => selectCreated(store, {namespace: inode, interface: answers.name}),
	});
}

export function masqueradeForm(store: TuiStore): ActionForm | Unavailable {
	const entered = enterSelected(store);
	if (typeof entered === 'string') return entered;
	const {namespace, target} = entered;
	const links = namespace.interfaces.filter(link => link.kind !== 'loopback');
	if (links.length === 0) return `${labelOf(namespace)} has no interface for the rule to name`;
	const bridgesFirst = [
		...links.filter(link => link.kind === 'bridge'),
		...links.filter(link => link.kind !== 'bridge'),
	];
	const request = (answers: Record<string, string>) => ({
		namespace: target,
		source: answers.source,
		exceptOutInterface: answers.bridge,
	});
	const rule = (answers: Record<string, string>) =>
		`-s ${answers.source} ! -o ${answers.bridge} -j MASQUERADE`;
	return actionForm({
		title: `Masquerade in ${labelOf(namespace)}`,
		fields: [
			pickField('operation', 'Add or remove the rule', [
				{label: 'add a masquerade rule', value: 'add'},
				{label: 'remove a masquerade rule', value: 'remove'},
			]),
			{
				kind: 'text',
				name: 'source',
				label: 'Source prefix to rewrite',
				placeholder: 'e.g. 192.168.15.0/24',
				validate: text => reason(validatePrefix(text, 'A source prefix')),
			},
			pickField(
				'bridge',
				'Interface whose traffic stays as it is (! -o, the bridge)',
				bridgesFirst.map(link => ({label: `${link.name} (${link.kind})`, value: link.name})),
			),
		],
		confirm: answers =>
			answers.operation === 'remove'
				? {
						title: `Remove the masquerade rule in ${labelOf(namespace)}?`,
						lines: [
							`iptables -t nat -D POSTROUTING ${rule(answers)}`,
							'Traffic from that prefix leaves with its own source address again.',
						],
					}
				: null,
		run: answers =>
			answers.operation === 'remove'
				? actions.removeMasquerade(request(answers))
				: actions.addMasquerade(request(answers)),
	});
}

export function pingForm(store: TuiStore): ActionForm | Unavailable {
	const entered = enterSelected(store);
	if (typeof entered === 'string') return entered;
	const {namespace, target} = entered;
	const neighbour = neighbourAddress(namespace, selected(store).namespaces);
	return actionForm({
		title: `ping from ${labelOf(namespace)}`,
		fields: [
			{
				kind: 'text',
				name: 'address',
				label: 'Address to ping (ping -c 3)',
				placeholder: 'e.g. 192.168.1.2',
				// The other end of its veth (or a namespace on its subnet): the first thing to ping.
				...(neighbour === null ? {} : {suggestion: neighbour}),
				validate: text => reason(validateIpAddress(text)),
			},
		],
		// Each reply shows in the popup as ping prints it.
		run: (answers, progress) =>
			actions.ping({namespace: target, address: answers.address}, {onOutputLine: progress}),
		output: 'popup',
	});
}
