// Actions on the selected interface: move to another namespace (m), address (a),
// up/down (u), master (b); and a new veth pair (v).
import {validateCidr} from '../../../model/validate.js';
import type {NamespaceTarget} from '../../../model/namespace-target.js';
import type {Interface, Namespace} from '../../../model/snapshot.js';
import * as actions from '../../../system/actions/index.js';
import {actionForm, type ActionForm, type AnswersSoFar, type TextField} from '../dialog-state.js';
import {selectCreated} from '../../panes/select-created.js';
import {cutOffLines, withDanger} from './cut-off.js';
import type {TuiStore} from '../../app/tui-store.js';
import {
	byInode,
	interfaceNames,
	namespaceChoices,
	newInterfaceNameField,
	pickField,
} from './fields.js';
import {
	labelOf,
	noInterface,
	noNamespace,
	selected,
	targetOf,
	type Unavailable,
} from './selection.js';

type OnLink = {namespace: Namespace; link: Interface; target: NamespaceTarget};

function selectedLink(store: TuiStore): OnLink | Unavailable {
	const {namespace, link} = selected(store);
	if (!namespace) return noNamespace;
	if (!link) return noInterface;
	const way = targetOf(namespace);
	return typeof way === 'string' ? way : {namespace, link, target: way.target};
}

const addressText = (link: Interface) =>
	link.addresses.map(address => `${address.address}/${address.prefixlen}`);

/** What an interface loses by leaving its namespace; null: nothing to say. */
function moveConsequences(namespace: Namespace, link: Interface, title: string) {
	const lost = [
		...addressText(link),
		...namespace.routes.filter(route => route.dev === link.name).map(route => `route ${route.dst}`),
	];
	if (lost.length === 0 && link.kind !== 'veth') return null;
	const lines = lost.length > 0 ? [`It loses what it has here: ${lost.join(', ')}.`] : [];
	if (link.kind === 'veth')
		lines.push('Its peer stays where it is; the pair now joins the two namespaces.');
	return {title, lines};
}

export function moveForm(store: TuiStore): ActionForm | Unavailable {
	const on = selectedLink(store);
	if (typeof on === 'string') return on;
	const {namespace, link, target} = on;
	const {namespaces} = selected(store);
	const choices = namespaceChoices(namespaces, {exclude: namespace.inode});
	if (choices.length === 0) return 'there is no other namespace to move it to';
	const destination = (answers: AnswersSoFar) => byInode(namespaces, answers.to)!;
	return actionForm({
		title: `Move ${link.name} out of ${labelOf(namespace)}`,
		fields: [pickField('to', `Move ${link.name} to namespace`, choices)],
		confirm: answers => {
			const title = `Move ${link.name} to ${labelOf(destination(answers))}?`;
			const danger = cutOffLines(store, namespace, {kind: 'move-link', link});
			return withDanger(moveConsequences(namespace, link, title), danger, title);
		},
		run: answers => {
			const ref = actions.netnsRefOf(destination(answers));
			if (!ref)
				return Promise.resolve({
					ok: false,
					message: 'that namespace cannot be named to ip',
					command: null,
					commandLine: null,
				});
			return actions.moveInterface({namespace: target, device: link.name, to: ref});
		},
		select: (answers, store) =>
			selectCreated(store, {namespace: destination(answers).inode, interface: link.name}),
	});
}

export function addressForm(store: TuiStore): ActionForm | Unavailable {
	const on = selectedLink(store);
	if (typeof on === 'string') return on;
	const {namespace, link, target} = on;
	return actionForm({
		title: `Add an address to ${link.name} in ${labelOf(namespace)}`,
		fields: [
			{
				kind: 'text',
				name: 'address',
				label: 'Address with prefix length',
				placeholder: 'e.g. 192.168.1.1/24',
				validate: text => {
					const cidr = validateCidr(text);
					if (!cidr.ok) return cidr.reason;
					return addressText(link).includes(cidr.value.text)
						? `${link.name} has ${cidr.value.text} already`
						: null;
				},
			},
		],
		run: answers =>
			actions.addAddress({namespace: target, device: link.name, address: answers.address}),
		select: (_answers, store) =>
			selectCreated(store, {namespace: namespace.inode, interface: link.name}),
	});
}

export function linkStateForm(store: TuiStore): ActionForm | Unavailable {
	const on = selectedLink(store);
	if (typeof on === 'string') return on;
	const {namespace, link, target} = on;
	const up = !link.flags.includes('UP');
	// Up never cuts anyone off; down asks first on the host and on the session's interface.
	const danger = up ? [] : cutOffLines(store, namespace, {kind: 'link-down', link});
	return actionForm({
		title: `${link.name} ${up ? 'up' : 'down'} in ${labelOf(namespace)}`,
		fields: [],
		confirm: () => withDanger(null, danger, `Take ${link.name} down in ${labelOf(namespace)}?`),
		run: () => actions.setLinkState({namespace: target, device: link.name, up}),
	});
}

export function masterForm(store: TuiStore): ActionForm | Unavailable {
	const on = selectedLink(store);
	if (typeof on === 'string') return on;
	const {namespace, link, target} = on;
	const masters = namespace.interfaces.filter(
		other =>
			(other.kind === 'bridge' || other.kind === 'vrf') &&
			other.name !== link.name &&
			other.name !== link.master,
	);
	const choices = [
		...(link.master ? [{label: `no master (leave ${link.master})`, value: ''}] : []),
		...masters.map(master => ({label: `${master.name} (${master.kind})`, value: master.name})),
	];
	if (choices.length === 0)
		return `no bridge or VRF in ${labelOf(namespace)} to join: b in the Namespaces pane makes a bridge, V a VRF`;
	return actionForm({
		title: `Master of ${link.name} in ${labelOf(namespace)}`,
		fields: [pickField('master', `Set or clear the master of ${link.name}`, choices)],
		run: answers =>
			answers.master
				? actions.setMaster({namespace: target, device: link.name, master: answers.master})
				: actions.clearMaster({namespace: target, device: link.name}),
		select: (_answers, store) =>
			selectCreated(store, {namespace: namespace.inode, interface: link.name}),
	});
}

export function vethForm(store: TuiStore): ActionForm | Unavailable {
	const {namespace, namespaces} = selected(store);
	if (!namespace) return noNamespace;
	const find = (answers: AnswersSoFar, field: string) => byInode(namespaces, answers[field]);
	const choices = namespaceChoices(namespaces, {first: namespace.inode});
	return actionForm({
		title: 'New veth pair',
		fields: [
			pickField('nsA', 'Namespace of end A', choices),
			nameField('nameA', 'Name of end A', (text, answers) => checkName(text, find(answers, 'nsA'))),
			pickField('nsB', 'Namespace of end B', choices),
			nameField(
				'nameB',
				'Name of end B',
				(text, answers) =>
					checkName(text, find(answers, 'nsB')) ??
					(answers.nsA === answers.nsB && text === answers.nameA
						? 'The two ends in one namespace need different names'
						: null),
			),
		],
		run: answers => {
			const a = find(answers, 'nsA')!;
			const b = find(answers, 'nsB')!;
			const way = targetOf(a);
			if (typeof way === 'string')
				return Promise.resolve({ok: false, message: way, command: null, commandLine: null});
			const {target} = way;
			const peerNetns = a.inode === b.inode ? null : actions.netnsRefOf(b);
			return actions.addVethPair({
				namespace: target,
				name: answers.nameA,
				peerName: answers.nameB,
				peerNetns,
			});
		},
		select: (answers, store) =>
			selectCreated(store, {namespace: Number(answers.nsA), interface: answers.nameA}),
	});
}

const nameField = <Name extends string>(
	name: Name,
	label: string,
	validate: TextField['validate'],
): TextField<Name> => ({kind: 'text', name, label, validate});

function checkName(text: string, ns: Namespace | undefined): string | null {
	return newInterfaceNameField('name', '', () => interfaceNames(ns)).validate(text, {});
}
