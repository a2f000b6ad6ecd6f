// T in the built nstui, in tmux, on real namespaces: the trace view traces,
// says why after a break (Ctrl-R), and shows the path on the topology.
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {builtCli, endToEndSkip, TmuxSession} from '../helpers/tmux.js';
import {Lab, sh} from '../helpers/lab.js';
import {needsPrograms} from '../helpers/ci-packages.js';

// The trace reads each namespace's firewall (iptables-save) and sysctls; the router seed sets forwarding.
const skip = endToEndSkip || needsPrograms('iptables', 'iptables-save', 'sysctl');

describe('T: the trace view in a real terminal', {skip}, () => {
	const lab = new Lab('tracetui');
	const tmux = new TmuxSession(`nstui-trace-${process.pid}`);
	let names: ReturnType<Lab['router']>;
	before(() => {
		names = lab.router();
		tmux.start({width: 120, height: 40});
		tmux.typeLine(`${process.execPath} ${builtCli}`);
	});
	after(async () => {
		tmux.kill();
		await lab.teardown();
	});

	test('from a to 192.168.2.1: it works, then forwarding off is named after Ctrl-R, and t shows the path', async () => {
		await tmux.waitFor('the first frame', screen => /1 Namespaces/.test(screen), 60_000);
		tmux.type('/');
		tmux.typeLine(names.a);
		// The only namespace left by the filter is selected (its name may be cut short in the pane).
		await tmux.waitFor('a selected', screen => /1 Namespaces {2}1\/1 of/.test(screen), 20_000);
		tmux.type('T');
		await tmux.waitFor('the trace view', screen => screen.includes(`Trace from ${names.a}`));
		tmux.typeLine('192.168.2.1');
		await tmux.waitFor(
			'the trace',
			screen => screen.includes('reaches 192.168.2.1 and the replies come back'),
			30_000,
		);
		sh('ip', 'netns', 'exec', names.router, 'sysctl', '-qw', 'net.ipv4.ip_forward=0');
		tmux.press('C-r');
		const broken = await tmux.waitFor(
			'the break',
			screen => screen.includes('forwards no IPv4'),
			30_000,
		);
		assert.match(broken, /✗ broken/);
		assert.ok(
			broken.includes(`${names.router} forwards no IPv4 (net.ipv4.ip_forward=0): press f there`),
			broken,
		);
		tmux.type('t');
		const topology = await tmux.waitFor(
			'the path on the topology',
			screen => screen.includes('path ') && screen.includes('✗ at'),
		);
		assert.ok(topology.includes(`✗ at ${names.router}`), topology);
		tmux.type('q');
		await tmux.waitFor('back in the trace', screen => screen.includes(`Trace from ${names.a}`));
		tmux.type('q');
		await tmux.waitFor('back in the panes', screen => /1 Namespaces/.test(screen));
		tmux.type('q');
		await tmux.waitFor(
			'the shell again',
			screen => /e2e\$ $/m.test(screen.trimEnd()) || screen.trimEnd().endsWith('e2e$'),
			20_000,
		);
	});
});
