// Changes that can cut the operator off ask first, in a real terminal: `u` and
// `f` on the host's namespace (answered n: the host's links and forwarding are
// checked untouched with ip -j and sysctl), and on the interface that carries a
// simulated SSH session: nstui runs inside a test namespace (ip netns exec)
// with SSH_CONNECTION naming an address routed through a test veth there.
// Elsewhere they act at once, as before.
//
// A guard on PATH refuses any command that would take a host link down or
// change the host's forwarding, so a confirmation that fails to appear fails
// the test (the guard's refusal is in the status bar) instead of the host.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {chmodSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {setTimeout as delay} from 'node:timers/promises';
import {findProgram} from '../../source/system/programs.js';
import {builtCli, endToEndSkip, TmuxSession} from '../helpers/tmux.js';
import {ip, ipJson, Lab, sh} from '../helpers/lab.js';

async function until(what: string, check: () => boolean, timeoutMs = 10_000) {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
		await delay(100);
	}
}

type Link = {ifname: string; flags: string[]};
const hostLinks = () =>
	ipJson<Link[]>('link', 'show').map(link => `${link.ifname} ${link.flags.includes('UP')}`);
const hostForwarding = () => sh('sysctl', '-n', 'net.ipv4.ip_forward').trim();

describe(
	'confirmations before a change that can cut the operator off',
	{skip: endToEndSkip},
	() => {
		const lab = new Lab('cutoff');
		const term = new TmuxSession(`nstui-cutoff-${process.pid}`);
		const tag = String(process.pid % 100000);
		const here = `${lab.prefix}-run`;
		const session = `s${tag}`;
		const other = `o${tag}`;
		const guardDir = mkdtempSync(path.join(tmpdir(), `${lab.prefix}-guard-`));
		const linksBefore = hostLinks();
		const forwardingBefore = hostForwarding();

		let peer = '';
		/** The namespace nstui takes for the host's (PID 1's; its own where PID 1's cannot be read, as in some sandboxes). */
		let hostLabel = '';
		before(() => {
			lab.ns('run');
			peer = lab.ns('peer');
			for (const [name, subnet] of [
				[session, '10.77.0'],
				[other, '10.78.0'],
			] as const) {
				ip(
					'-n',
					here,
					'link',
					'add',
					name,
					'type',
					'veth',
					'peer',
					'name',
					`p${name}`,
					'netns',
					peer,
				);
				ip('-n', here, 'addr', 'add', `${subnet}.1/24`, 'dev', name);
				ip('-n', peer, 'addr', 'add', `${subnet}.2/24`, 'dev', `p${name}`);
				ip('-n', here, 'link', 'set', name, 'up');
				ip('-n', peer, 'link', 'set', `p${name}`, 'up');
			}
			for (const tool of ['ip', 'nsenter']) {
				const real = findProgram(tool)!;
				const wrapper = path.join(guardDir, tool);
				writeFileSync(
					wrapper,
					`#!/bin/sh
case " $* " in
  *" --net=/proc/1/ns/net "*" down "*|*" --net=/proc/1/ns/net "*ip_forward=*)
    echo "e2e guard: refused to change the host: $*" >&2; exit 1;;
esac
exec ${real} "$@"
`,
				);
				chmodSync(wrapper, 0o755);
			}
			const seen = JSON.parse(
				execFileSync(
					'ip',
					['netns', 'exec', here, process.execPath, builtCli, 'snapshot', '--json'],
					{
						encoding: 'utf8',
						maxBuffer: 1024 * 1024 * 1024,
					},
				),
			) as {namespaces: {root: boolean; name: string | null}[]};
			hostLabel = seen.namespaces.find(ns => ns.root)?.name ?? '<host>';
			term.start({width: 200, height: 50});
			term.typeLine(
				`ip netns exec ${here} env PATH=${guardDir}:$PATH SSH_CONNECTION='10.77.0.2 50022 10.77.0.1 22' ${process.execPath} ${builtCli} --interval 1`,
			);
		});
		after(async () => {
			term.kill();
			await lab.teardown();
			rmSync(guardDir, {recursive: true, force: true});
			assert.deepEqual(hostLinks(), linksBefore, "the host's links as they were");
			assert.equal(hostForwarding(), forwardingBefore, "the host's forwarding as it was");
		});

		const selectNamespace = async (label: string) => {
			term.press('1', '/');
			term.type(label);
			term.press('Enter');
			await term.waitFor(`${label} selected`, text => text.includes(`›${label}`), 20_000);
		};
		const selectInterface = async (name: string) => {
			term.press('2', '/');
			term.type(name);
			term.press('Enter');
			await term.waitFor(`${name} selected`, text => new RegExp(`›${name} `).test(text));
		};
		const cancel = async () => {
			term.press('n');
			await term.waitFor('cancelled', text => text.includes('cancelled: nothing was run'));
		};
		const linkUp = (name: string) =>
			ipJson<Link[]>('-n', here, 'link', 'show', 'dev', name)[0]!.flags.includes('UP');

		test('u and f on the host ask, saying why; n leaves the host as it was', async () => {
			await term.waitFor(
				'the panes',
				text => /1 Namespaces/.test(text) && text.includes(here),
				20_000,
			);
			await selectNamespace(hostLabel);
			await selectInterface('lo');
			term.press('u');
			const asked = await term.waitFor('the question', text =>
				text.includes(`Take lo down in ${hostLabel}?`),
			);
			assert.match(asked, /This is the host's own namespace/);
			assert.match(asked, /y confirms/);
			await cancel();
			term.press('1');
			term.press('f');
			const forwarding = await term.waitFor('the question', text =>
				text.includes(
					`Turn IPv4 forwarding ${hostForwarding() === '1' ? 'off' : 'on'} in ${hostLabel}?`,
				),
			);
			assert.match(forwarding, /This is the host's own namespace: the host (starts|stops)/);
			await cancel();
			assert.deepEqual(hostLinks(), linksBefore);
			assert.equal(hostForwarding(), forwardingBefore);
			assert.doesNotMatch(term.screen(), /e2e guard/);
		});

		test('u on the interface that carries the SSH session asks and names it; f off there too', async () => {
			await selectNamespace(here);
			await selectInterface(session);
			term.press('u');
			const asked = await term.waitFor('the question', text =>
				text.includes(`Take ${session} down in ${here}?`),
			);
			assert.match(
				asked,
				new RegExp(
					`${session} carries your SSH session from 10\\.77\\.0\\.2: taking it down can cut you off`,
				),
			);
			await cancel();
			assert.equal(linkUp(session), true);
			// On first (it asks only where nstui takes this namespace for the host's); then off asks, naming the session.
			const forwarding = () =>
				sh('ip', 'netns', 'exec', here, 'sysctl', '-n', 'net.ipv4.ip_forward').trim();
			term.press('1');
			term.press('f');
			if (hostLabel === here) {
				await term.waitFor('the host question', text => text.includes('y confirms'));
				term.press('y');
			}
			await until('forwarding on', () => forwarding() === '1');
			await term.waitFor(
				'the pane to know it is on',
				text => new RegExp(`›${here}( \\(host\\))?\\s+\\d+\\s+\\d+\\s+\\d+\\s+v4`).test(text),
				20_000,
			);
			term.press('f');
			const off = await term.waitFor('the question', text =>
				text.includes(`Turn IPv4 forwarding off in ${here}?`),
			);
			assert.match(
				off,
				new RegExp(`Your SSH session from 10\\.77\\.0\\.2 comes through ${session} here`),
			);
			term.press('y');
			await until(
				'forwarding off after y',
				() => sh('ip', 'netns', 'exec', here, 'sysctl', '-n', 'net.ipv4.ip_forward').trim() === '0',
			);
		});

		test('u and f elsewhere act at once, as before', async () => {
			const inPeer = (...argv: string[]) => sh('ip', 'netns', 'exec', peer, ...argv).trim();
			await selectNamespace(peer);
			term.press('f');
			await until(
				'forwarding on in the peer, without a question',
				() => inPeer('sysctl', '-n', 'net.ipv4.ip_forward') === '1',
			);
			await selectInterface(`p${other}`);
			term.press('u');
			await until(
				`p${other} down without a question`,
				() =>
					!ipJson<Link[]>('-n', peer, 'link', 'show', 'dev', `p${other}`)[0]!.flags.includes('UP'),
			);
			assert.doesNotMatch(term.screen(), /y confirms/);
		});
	},
);
