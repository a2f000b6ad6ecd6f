// M (masquerade), p (ping in a popup) and L (recipes) driven through the App
// against real namespaces this test creates, checked with iptables-save, ping and ip -j.
import assert from 'node:assert/strict';
import {after, afterEach, describe, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {recipeUp} from '../../source/model/recipes.js';
import {run} from '../../source/system/run.js';
import {keys} from './tui-harness.js';
import {logLength, renderLive} from './live-harness.js';
import {Lab, namespaceExists, needsRootAnd, outputIn} from '../helpers/lab.js';

const spaces = new Lab('ui');
const tag = String(process.pid % 100000);

const ok = async (...args: string[]) => assert.ok((await run('ip', args)).ok, args.join(' '));

describe('network actions from the keyboard', () => {
	afterEach(() => cleanup());
	after(() => spaces.teardown());

	test(
		'M adds a masquerade rule that leaves the bridge alone, and removes it after a confirmation',
		{skip: needsRootAnd('iptables', 'iptables-save')},
		async () => {
			const ns = spaces.ns();
			await ok('-n', ns, 'link', 'add', `br${tag}`, 'type', 'bridge');
			const tui = await renderLive();
			await tui.selectNamespace(ns);
			const before = logLength();
			await tui.press('M');
			await tui.answer('add');
			await tui.answer('192.168.77.1/24');
			await tui.until('the reason', () => /has host bits set/.test(tui.frame()));
			assert.equal(logLength(), before);
			await tui.closeForm();
			const rules = () => outputIn(ns, ['iptables-save', '-t', 'nat']);
			const rule = new RegExp(
				`-A POSTROUTING -s 192\\.168\\.77\\.0/24 ! -o br${tag} -j MASQUERADE`,
			);
			await tui.press('M');
			await tui.answer('add');
			await tui.answer('192.168.77.0/24');
			await tui.answer(`br${tag}`);
			await tui.until('the rule', async () => rule.test(await rules()));
			await tui.press('M');
			await tui.answer('remove');
			await tui.answer('192.168.77.0/24');
			await tui.answer(`br${tag}`);
			await tui.until('the question', () => /Remove the masquerade rule/.test(tui.frame()));
			await tui.confirm('y');
			await tui.until('the rule to go', async () => !rule.test(await rules()));
		},
	);

	test(
		'p pings from the selected namespace and shows the result in a popup while the panes stay live',
		{skip: needsRootAnd('ping')},
		async () => {
			const a = spaces.ns();
			const b = spaces.ns();
			await ok(
				'-n',
				a,
				'link',
				'add',
				`pa${tag}`,
				'type',
				'veth',
				'peer',
				'name',
				`pb${tag}`,
				'netns',
				b,
			);
			await ok('-n', a, 'addr', 'add', '10.77.0.1/24', 'dev', `pa${tag}`);
			await ok('-n', b, 'addr', 'add', '10.77.0.2/24', 'dev', `pb${tag}`);
			await ok('-n', a, 'link', 'set', `pa${tag}`, 'up');
			await ok('-n', b, 'link', 'set', `pb${tag}`, 'up');
			const tui = await renderLive();
			await tui.selectNamespace(a);
			await tui.press('p');
			await tui.answer('10.77.0.300');
			await tui.until('the reason', () => /not an IPv4 or IPv6 address/.test(tui.frame()));
			await tui.press(keys.escape);
			await tui.press('p');
			await tui.answer('10.77.0.2');
			await tui.until(
				'the popup',
				() => tui.modalKind() === 'popup' && /running…/.test(tui.frame()),
			);
			// Each reply shows as ping prints it, while it still runs (#7).
			await tui.until(
				'the first reply while ping runs',
				() => /icmp_seq=1 /.test(tui.frame()) && /running…/.test(tui.frame()),
				20_000,
			);
			// The panes above the popup are still there and still follow the data.
			assert.match(tui.frame(), new RegExp(`›${a}`));
			// Other test runs on this machine add and remove namespaces too: the header must count what was read, ours included.
			const shownCount = () => Number(/ (\d+) namespaces/.exec(tui.frame())?.[1]);
			await ok('netns', 'add', `${spaces.prefix}-live`);
			await tui.poller.refreshAfterChange();
			// Counted against the data it has (other tests' namespaces come and go meanwhile), which holds the new one.
			const data = () => tui.store.getState().snapshot?.namespaces ?? [];
			await tui.until(
				'the header to count the namespace added behind the popup',
				() =>
					data().some(ns => ns.name === `${spaces.prefix}-live`) && shownCount() === data().length,
			);
			assert.equal(tui.modalKind(), 'popup');
			await tui.until(
				'the answer',
				() => /3 packets transmitted, 3 received/.test(tui.frame()),
				20_000,
			);
			await tui.until('ping to end', () => /Esc, Enter or q closes/.test(tui.frame()));
			// In the popup once (the status bar below says it too: it shows the last result).
			const popup = tui
				.lines()
				.filter(line => line.startsWith('│'))
				.join('\n');
			assert.equal(popup.match(/packets transmitted/g)?.length, 1, `the summary once:\n${popup}`);
			assert.equal(popup.match(/icmp_seq=1 /g)?.length, 1, 'the replies once');
			await tui.press(keys.escape);
			assert.equal(tui.modalKind(), null);
		},
	);

	test(
		'L builds the direct recipe step by step under a prefix, the two ends ping, and L tears it down after a confirmation',
		{skip: needsRootAnd('ping')},
		async () => {
			const prefix = `${spaces.prefix}-r`;
			const tui = await renderLive();
			const before = logLength();
			await tui.press('L');
			await tui.answer('direct');
			await tui.answer('bad/prefix');
			await tui.until('the reason', () => /cannot contain "\/"/.test(tui.frame()));
			assert.equal(logLength(), before);
			await tui.closeForm();
			await tui.press('L');
			await tui.answer('direct');
			await tui.answer(prefix);
			await tui.answer('up');
			await tui.until(
				'the recipe to finish',
				() => {
					const modal = tui.store.getState().modal;
					return modal?.kind === 'popup' && !modal.running;
				},
				20_000,
			);
			assert.match(tui.frame(), /✓ \d+\/\d+ ip netns add/);
			assert.match(tui.message(), /direct up with prefix .*steps done/);
			assert.equal(
				logLength() - before,
				recipeUp('direct', prefix).length,
				'each step is in the command log',
			);
			await tui.until(
				'the first namespace selected',
				() => tui.view().selectedNamespace?.name === `${prefix}-ns1`,
			);
			assert.match(
				await outputIn(`${prefix}-ns1`, ['ping', '-c', '1', '-W', '2', '192.168.1.2']),
				/1 received/,
			);
			await tui.press(keys.escape);
			await tui.press('L');
			await tui.answer('direct');
			await tui.answer(prefix);
			await tui.answer('down');
			await tui.until('the question', () => /Tear down direct/.test(tui.frame()));
			await tui.confirm('y');
			await tui.until(
				'the namespaces to go',
				async () => !namespaceExists(`${prefix}-ns1`) && !namespaceExists(`${prefix}-ns2`),
				20_000,
			);
		},
	);
});
