// v, a, u, m, r, b, V and d (interface, address, route) driven through the App
// against real namespaces this test creates, checked with ip -j.
import assert from 'node:assert/strict';
import {after, afterEach, describe, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {run} from '../../source/system/run.js';
import {keys} from './tui-harness.js';
import {logLength, renderLive, type LiveTui} from './live-harness.js';
import {ipJson, Lab, needsRoot} from '../helpers/lab.js';

const spaces = new Lab('ui');
const tag = String(process.pid % 100000);

type Link = {
	ifname: string;
	flags: string[];
	master?: string;
	link_netnsid?: number;
	addr_info?: {local: string; prefixlen: number}[];
	linkinfo?: {info_kind?: string; info_data?: {table?: number}};
};
const links = async (ns: string) => ipJson<Link[]>('-n', ns, '-d', 'addr', 'show');
const link = async (ns: string, name: string) => (await links(ns)).find(l => l.ifname === name);

/** A link of our own to act on: one end of a veth pair whose other end (pNAME) stays in the same namespace. */
async function ownLink(ns: string, name: string) {
	const result = await run('ip', [
		'-n',
		ns,
		'link',
		'add',
		name,
		'type',
		'veth',
		'peer',
		'name',
		`p${name}`,
	]);
	assert.ok(result.ok, result.stderr);
}

/** Each bad text for the current field is refused in place, nothing runs, and the form stays. */
async function refuses(
	tui: LiveTui,
	open: () => Promise<void>,
	before: string[],
	bad: readonly [string, RegExp][],
) {
	for (const [text, reason] of bad) {
		const logged = logLength();
		await open();
		for (const answer of before) await tui.answer(answer);
		await tui.answer(text);
		await tui.until(`the reason for "${text}"`, () => reason.test(tui.frame()));
		assert.equal(tui.modalKind(), 'form');
		assert.equal(logLength(), logged, `nothing ran for "${text}"`);
		await tui.closeForm();
		assert.equal(tui.modalKind(), null);
	}
}

const badInterfaceNames: [string, RegExp][] = [
	['name-longer-than-15', /at most 15 bytes/],
	['a:b', /cannot contain ":"/],
	['a/b', /cannot contain "\/"/],
	['', /cannot be empty/],
];

describe('link, address and route actions from the keyboard', {skip: needsRoot}, () => {
	afterEach(() => cleanup());
	after(() => spaces.teardown());

	test('v makes a veth pair between two namespaces (picked by typing part of the name) and selects end A', async () => {
		const a = spaces.ns();
		const b = spaces.ns();
		const tui = await renderLive();
		await tui.selectNamespace(a);
		const open = () => tui.press('v');
		await refuses(tui, open, [a], badInterfaceNames);
		await refuses(
			tui,
			open,
			[a, `va${tag}`, b],
			[['lo', /lo exists already/], ...badInterfaceNames],
		);
		await open();
		await tui.answer(a);
		await tui.answer(`va${tag}`);
		await tui.answer(b);
		await tui.answer(`vb${tag}`);
		await tui.until(
			'both ends',
			async () =>
				(await link(a, `va${tag}`)) !== undefined && (await link(b, `vb${tag}`)) !== undefined,
		);
		await tui.until(
			'end A selected',
			() => tui.view().interfaces.rows[tui.view().interfaces.selected]?.link.name === `va${tag}`,
		);
		assert.equal(tui.view().selectedNamespace?.name, a);
		assert.equal(
			tui.store.getState().focus,
			'namespaces',
			'the focus stays where v was pressed (#13)',
		);
	});

	test('a adds an address to the selected interface, u toggles it up and down', async () => {
		const ns = spaces.ns();
		await ownLink(ns, `d${tag}`);
		const tui = await renderLive();
		await tui.selectNamespace(ns);
		await tui.selectInterface(`d${tag}`);
		await refuses(
			tui,
			() => tui.press('a'),
			[],
			[
				['10.9.8.7', /needs a prefix length/],
				['10.9.8.300/24', /not an IPv4 or IPv6 address/],
				['10.9.8.7/33', /prefix length is 0 to 32/],
				['', /cannot be empty/],
			],
		);
		await tui.press('a');
		await tui.answer('10.9.8.7/24');
		await tui.until(
			'the address',
			async () =>
				(await link(ns, `d${tag}`))?.addr_info?.some(
					info => info.local === '10.9.8.7' && info.prefixlen === 24,
				) === true,
		);
		await tui.until('the pane to show it', () => /10\.9\.8\.7\/24/.test(tui.frame()));
		await tui.press('u');
		await tui.until('up', async () => (await link(ns, `d${tag}`))?.flags.includes('UP') === true);
		await tui.until(
			'the pane to know it is up',
			() =>
				tui.view().interfaces.rows[tui.view().interfaces.selected]?.link.flags.includes('UP') ===
				true,
		);
		// Its peer is down, so the kernel's operstate stays DOWN: the row must not say DOWN after "set up" (#6).
		await tui.until('the state column to say up without carrier', () =>
			new RegExp(`d${tag}\\s+veth\\s+UP no-carrier `).test(tui.frame()),
		);
		await tui.press('u');
		await tui.until(
			'down',
			async () => (await link(ns, `d${tag}`))?.flags.includes('UP') === false,
		);
		await tui.until('the state column to say DOWN', () =>
			new RegExp(`d${tag}\\s+veth\\s+DOWN `).test(tui.frame()),
		);
	});

	test('d on an interface asks which: one of its addresses, or the interface; each after a confirmation', async () => {
		const ns = spaces.ns();
		await ownLink(ns, `x${tag}`);
		assert.ok((await run('ip', ['-n', ns, 'addr', 'add', '10.7.7.1/24', 'dev', `x${tag}`])).ok);
		const tui = await renderLive();
		await tui.selectNamespace(ns);
		await tui.selectInterface(`x${tag}`);
		await tui.press('d');
		await tui.answer('address 10.7.7.1');
		await tui.until('the question', () =>
			/Delete address 10\.7\.7\.1\/24 from x/.test(tui.frame()),
		);
		await tui.confirm(keys.escape);
		assert.equal(
			(await link(ns, `x${tag}`))?.addr_info?.length,
			1,
			'cancelled: the address is still there',
		);
		await tui.press('d');
		await tui.answer('address');
		await tui.confirm('y');
		await tui.until(
			'the address to go',
			async () => (await link(ns, `x${tag}`))?.addr_info?.length === 0,
		);
		await tui.until(
			'the pane to see it go',
			() => tui.view().interfaces.rows[tui.view().interfaces.selected]?.link.addresses.length === 0,
		);
		// Without addresses, d asks about the interface straight away.
		await tui.press('d');
		await tui.until('the question', () =>
			new RegExp(`Delete interface x${tag} in ${ns}\\?`).test(tui.frame()),
		);
		await tui.confirm('y');
		await tui.until('the interface to go', async () => (await link(ns, `x${tag}`)) === undefined);
	});

	test('m moves the selected interface to a namespace picked from the list, warning that its address goes', async () => {
		const from = spaces.ns();
		const to = spaces.ns();
		await ownLink(from, `m${tag}`);
		assert.ok((await run('ip', ['-n', from, 'addr', 'add', '10.6.6.1/24', 'dev', `m${tag}`])).ok);
		const tui = await renderLive();
		await tui.selectNamespace(from);
		await tui.selectInterface(`m${tag}`);
		// Narrowed to nothing: Enter picks nothing and runs nothing.
		const before = logLength();
		await tui.press('m');
		await tui.answer('no-such-namespace-anywhere');
		await tui.until('the note', () =>
			/nothing matches "no-such-namespace-anywhere"/.test(tui.frame()),
		);
		assert.equal(logLength(), before);
		await tui.press(keys.escape);
		await tui.press('m');
		await tui.answer(to);
		await tui.until('the question', () =>
			/It loses what it has here: 10\.6\.6\.1\/24/.test(tui.frame()),
		);
		await tui.confirm('y');
		await tui.until(
			'the interface in its new namespace',
			async () =>
				(await link(to, `m${tag}`)) !== undefined && (await link(from, `m${tag}`)) === undefined,
		);
		await tui.until(
			'the selection to follow it',
			() =>
				tui.view().selectedNamespace?.name === to &&
				tui.view().interfaces.rows[tui.view().interfaces.selected]?.link.name === `m${tag}`,
		);
	});

	test("r takes a route in one line as for ip route, hints a gateway of the namespace's subnet, and selects it; d on the Routes pane deletes it after a confirmation", async () => {
		const ns = spaces.ns();
		const gw = spaces.ns();
		await ownLink(ns, `r${tag}`);
		assert.ok((await run('ip', ['-n', ns, 'link', 'set', `pr${tag}`, 'netns', gw])).ok);
		assert.ok((await run('ip', ['-n', ns, 'addr', 'add', '10.5.5.1/24', 'dev', `r${tag}`])).ok);
		assert.ok((await run('ip', ['-n', gw, 'addr', 'add', '10.5.5.254/24', 'dev', `pr${tag}`])).ok);
		assert.ok((await run('ip', ['-n', ns, 'link', 'set', `r${tag}`, 'up'])).ok);
		assert.ok((await run('ip', ['-n', gw, 'link', 'set', `pr${tag}`, 'up'])).ok);
		const tui = await renderLive();
		await tui.selectNamespace(ns);
		const open = () => tui.press('r');
		await refuses(
			tui,
			open,
			[],
			[
				['', /route cannot be empty/],
				['10.1.2.3/16 dev r' + tag, /has host bits set: the network is 10\.1\.0\.0\/16/],
				['nowhere via 10.5.5.254', /not an IPv4 or IPv6 address/],
				['10.44.0.0/16 via 2001:db8::1', /gateway is IPv6 but the destination is IPv4/],
				['10.44.0.0/16 via 10.5.5', /not an IPv4 or IPv6 address/],
				['10.44.0.0/16', /needs a gateway \("via"\) or an interface \("dev"\)/],
				['10.44.0.0/16 dev nosuch0', /no interface nosuch0 here/],
				['10.44.0.0/16 via 10.5.5.254 metric 5', /"metric" is not understood here/],
				['default via 10.5.5.254 via 10.5.5.253', /"via" is given twice/],
			],
		);
		// The hint is the other end of its veth, on its own subnet, not a fixed address.
		await open();
		await tui.until('the hint', () =>
			/default via 10\.5\.5\.254 {2}\(Tab takes it\)/.test(tui.frame()),
		);
		await tui.answer(`10.44.0.0/16 via 10.5.5.254 dev r${tag}`);
		type Route = {dst: string; gateway?: string; dev?: string};
		const routes = async () => ipJson<Route[]>('-n', ns, 'route', 'show');
		await tui.until('the route', async () =>
			(await routes()).some(
				route =>
					route.dst === '10.44.0.0/16' && route.gateway === '10.5.5.254' && route.dev === `r${tag}`,
			),
		);
		// Selected in its own pane; the focus stays where r was pressed (#13).
		await tui.until(
			'the route selected',
			() => tui.view().routes.rows[tui.view().routes.selected]?.route.dst === '10.44.0.0/16',
		);
		assert.equal(tui.store.getState().focus, 'namespaces');
		await tui.press('3', 'd');
		await tui.until('the question', () =>
			/Delete route 10\.44\.0\.0\/16 via 10\.5\.5\.254/.test(tui.frame()),
		);
		await tui.confirm('y');
		await tui.until(
			'the route to go',
			async () => !(await routes()).some(route => route.dst === '10.44.0.0/16'),
		);
		// The README's forms: default via GW, and DST dev DEV.
		await open();
		await tui.answer('default via 10.5.5.254');
		await tui.until('the default route', async () =>
			(await routes()).some(route => route.dst === 'default' && route.gateway === '10.5.5.254'),
		);
		await tui.until(
			'the default route selected',
			() => tui.view().routes.rows[tui.view().routes.selected]?.route.dst === 'default',
		);
		await open();
		await tui.answer(`10.46.0.0/16 dev r${tag}`);
		await tui.until('the device route', async () =>
			(await routes()).some(
				route =>
					route.dst === '10.46.0.0/16' && route.dev === `r${tag}` && route.gateway === undefined,
			),
		);
	});

	test('b makes a bridge in the Namespaces pane; on an interface it sets and clears the master', async () => {
		const ns = spaces.ns();
		await ownLink(ns, `p${tag}`);
		const tui = await renderLive();
		await tui.selectNamespace(ns);
		await tui.press('2', '1');
		await refuses(tui, () => tui.press('b'), [], badInterfaceNames);
		await tui.press('b');
		await tui.answer(`br${tag}`);
		await tui.until(
			'the bridge',
			async () => (await link(ns, `br${tag}`))?.linkinfo?.info_kind === 'bridge',
		);
		await tui.until(
			'the bridge selected',
			() => tui.view().interfaces.rows[tui.view().interfaces.selected]?.link.name === `br${tag}`,
		);
		assert.equal(
			tui.store.getState().focus,
			'namespaces',
			'the focus stays where b was pressed (#13)',
		);
		await tui.selectInterface(`p${tag}`);
		await tui.press('b');
		await tui.answer(`br${tag}`);
		await tui.until('the master', async () => (await link(ns, `p${tag}`))?.master === `br${tag}`);
		await tui.until(
			'the pane to show it',
			() => tui.view().interfaces.rows[tui.view().interfaces.selected]?.link.master === `br${tag}`,
		);
		await tui.press('b');
		await tui.answer('no master');
		await tui.until('no master', async () => (await link(ns, `p${tag}`))?.master === undefined);
	});

	test('V makes a VRF with its table, or says the kernel has no VRF support', async () => {
		const ns = spaces.ns();
		const tui = await renderLive();
		await tui.selectNamespace(ns);
		await refuses(
			tui,
			() => tui.press('V'),
			[`vrf${tag}`],
			[
				['254', /kernel's "main" table/],
				['ten', /not a table number/],
				['', /cannot be empty/],
			],
		);
		await tui.press('V');
		await tui.answer(`vrf${tag}`);
		await tui.answer('77');
		await tui.until('the outcome', () =>
			/VRF vrf\d+ created with table 77|no VRF support/.test(tui.message()),
		);
		if (/no VRF support/.test(tui.message())) return;
		const vrf = await link(ns, `vrf${tag}`);
		assert.equal(vrf?.linkinfo?.info_kind, 'vrf');
		assert.equal(vrf?.linkinfo?.info_data?.table, 77);
	});
});
