// issue 17: the trace on the seed topologies (built by nstui's own recipes), and
// one break per test, each checked for its first ✗ and its sentence, with a real
// ping as the probe that must agree. Everything lives in namespaces made here.
import {needsPrograms} from '../helpers/ci-packages.js';
import {after, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {spawn, spawnSync} from 'node:child_process';
import {runRecipe} from '../../source/system/recipes.js';
import {recipeNamespaces, type RecipeName} from '../../source/model/recipes.js';
import {discover} from '../../source/system/discovery/discoverer.js';
import {traceBetween} from '../../source/system/trace/run-trace.js';
import {probe} from '../../source/system/trace/probe.js';
import type {Trace} from '../../source/model/trace/types.js';
import {CommandLog} from '../../source/system/command-log.js';
import {findProgram} from '../../source/system/programs.js';
import {needsRoot} from '../helpers/root.js';
import {ip, ipJson, sh, uniquePrefix} from '../helpers/lab.js';
import {setTimeout as sleep} from 'node:timers/promises';

const skip = needsRoot || needsPrograms('ping', 'iptables', 'iptables-save', 'sysctl');

const pings = (ns: string, address: string) =>
	spawnSync('ip', ['netns', 'exec', ns, 'ping', '-c', '1', '-W', '1', address], {stdio: 'ignore'})
		.status === 0;
const inside = (ns: string, ...argv: string[]) => sh('ip', 'netns', 'exec', ns, ...argv);
/** The probe for a port: a TCP connect from inside ns (node itself, which is there wherever the tests run). */
const connects = (ns: string, address: string, port: number) =>
	spawnSync(
		'ip',
		[
			'netns',
			'exec',
			ns,
			process.execPath,
			'-e',
			`const s=require('net').connect(${port},'${address}',()=>process.exit(0));s.on('error',()=>process.exit(1));setTimeout(()=>process.exit(2),2000)`,
		],
		{stdio: 'ignore'},
	).status === 0;

async function traced(from: string, to: string): Promise<Trace> {
	// On a loaded host a namespace's reading may time out: the trace would then (rightly) stop there, so read again.
	const prefix = from.slice(0, from.lastIndexOf('-'));
	let {snapshot} = await discover({owners: false});
	for (
		let tries = 0;
		tries < 3 && snapshot.namespaces.some(ns => ns.name?.startsWith(prefix) && ns.error);
		tries++
	)
		({snapshot} = await discover({owners: false}));
	const outcome = await traceBetween(snapshot, from, to);
	assert.ok(outcome.ok, outcome.ok ? '' : outcome.reason);
	return outcome.trace;
}

/** The first hop with a ✗, and the check that failed there. */
function firstBreak(trace: Trace) {
	for (const direction of ['forward', 'return'] as const) {
		for (const hop of trace[direction]) {
			const failed = hop.checks.find(check => check.ok === false);
			if (failed) return {direction, hop, failed};
		}
	}
	return null;
}

/** A veth set up gets its carrier a moment later: wait for every link that is up to have it. */
async function carriersUp(names: string[]) {
	for (let tries = 0; tries < 100; tries++) {
		const waiting = names.some(name =>
			ipJson<Array<{flags: string[]}>>('-n', name, 'link', 'show').some(
				link => link.flags.includes('UP') && !link.flags.includes('LOWER_UP'),
			),
		);
		if (!waiting) return;
		await sleep(30);
	}
}

const explain = (trace: Trace) => JSON.stringify(trace, null, 1);

describe('nstui trace on real namespaces', {skip}, () => {
	const made: Array<[RecipeName, string]> = [];
	const extra: string[] = [];
	after(() => {
		for (const [recipe, prefix] of made)
			for (const name of recipeNamespaces(recipe, prefix))
				spawnSync('ip', ['netns', 'del', name], {stdio: 'ignore'});
		for (const name of extra) spawnSync('ip', ['netns', 'del', name], {stdio: 'ignore'});
	});
	const up = async (recipe: RecipeName) => {
		const prefix = uniquePrefix('trace');
		made.push([recipe, prefix]);
		const outcome = await runRecipe(recipe, 'up', prefix, {context: {log: new CommandLog()}});
		assert.equal(outcome.ok, true, outcome.message);
		const names = recipeNamespaces(recipe, prefix);
		await carriersUp(names);
		return names;
	};
	const addNamespace = (name: string) => {
		ip('netns', 'add', name);
		extra.push(name);
		ip('-n', name, 'link', 'set', 'lo', 'up');
		return name;
	};

	/** A new namespace behind `ns`: a veth pair up, a /30 on each end (`ns` gets .1, the new one .2). */
	const addBehind = (ns: string, name: string, nsDev: string, newDev: string, subnet: string) => {
		const added = addNamespace(name);
		ip('-n', ns, 'link', 'add', nsDev, 'type', 'veth', 'peer', 'name', newDev, 'netns', added);
		ip('-n', ns, 'addr', 'add', `${subnet}.1/30`, 'dev', nsDev);
		ip('-n', added, 'addr', 'add', `${subnet}.2/30`, 'dev', newDev);
		ip('-n', ns, 'link', 'set', nsDev, 'up');
		ip('-n', added, 'link', 'set', newDev, 'up');
		return added;
	};

	const assertWorks = (trace: Trace, from: string, address: string) => {
		assert.equal(trace.broken, null, explain(trace));
		assert.equal(trace.ok, true);
		assert.ok(trace.return.length > 0, 'the reply is traced too');
		assert.equal(trace.forward.at(-1)!.role, 'destination');
		assert.equal(trace.return.at(-1)!.label, from);
		assert.ok(pings(from, address), 'the probe agrees: ping gets through');
	};

	const assertBreaks = (
		trace: Trace,
		from: string,
		address: string,
		expected: {direction: 'forward' | 'return'; at: string; sentence: RegExp},
	) => {
		const first = firstBreak(trace);
		assert.ok(first, `a hop breaks: ${explain(trace)}`);
		assert.equal(first.direction, expected.direction, explain(trace));
		assert.equal(first.hop.label, expected.at, explain(trace));
		assert.match(trace.broken?.sentence ?? '', expected.sentence);
		assert.equal(trace.ok, false);
		assert.equal(pings(from, address), false, 'the probe agrees: ping does not get through');
	};

	test('direct (seed 000 §3): ns1 reaches ns2 and back', async () => {
		const [ns1, ns2] = await up('direct');
		const trace = await traced(ns1!, ns2!);
		assert.equal(trace.to.address, '192.168.1.2');
		assert.deepEqual(
			trace.forward.map(hop => hop.label),
			[ns1, ns2],
		);
		assertWorks(trace, ns1!, '192.168.1.2');
	});

	test('router (seed 000 §4): a reaches b through the router, which forwards', async () => {
		const [a, router, b] = await up('router');
		const trace = await traced(a!, '192.168.2.1');
		assert.deepEqual(
			trace.forward.map(hop => hop.label),
			[a, router, b],
		);
		assert.deepEqual(
			trace.return.map(hop => hop.label),
			[b, router, a],
		);
		assert.match(trace.forward[0]!.decision!, /via 192\.168\.1\.254 dev veth-ns1/);
		assertWorks(trace, a!, '192.168.2.1');
	});

	test('bridge (seed 001): web reaches db across vnet-0, and the bridge address', async () => {
		const [host, web, db] = await up('bridge');
		const trace = await traced(web!, db!);
		assert.deepEqual(
			trace.forward.map(hop => [hop.label, hop.role]),
			[
				[web, 'origin'],
				[host, 'bridge'],
				[db, 'destination'],
			],
		);
		assertWorks(trace, web!, '192.168.15.6');
		assertWorks(await traced(web!, '192.168.15.1'), web!, '192.168.15.1');
	});

	test('forwarding off: the router is the first ✗, fixed with f', async () => {
		const [a, router] = await up('router');
		inside(router!, 'sysctl', '-qw', 'net.ipv4.ip_forward=0');
		const trace = await traced(a!, '192.168.2.1');
		assertBreaks(trace, a!, '192.168.2.1', {
			direction: 'forward',
			at: router!,
			sentence: new RegExp(
				`^${router} forwards no IPv4 \\(net\\.ipv4\\.ip_forward=0\\): press f there$`,
			),
		});
	});

	test('a missing default route: the origin has no route, and the gateway to add is named', async () => {
		const [a] = await up('router');
		ip('-n', a!, 'route', 'del', 'default');
		const trace = await traced(a!, '192.168.2.1');
		assertBreaks(trace, a!, '192.168.2.1', {
			direction: 'forward',
			at: a!,
			sentence: /has no route to 192\.168\.2\.1: add `default via 192\.168\.1\.254` \(r\)$/,
		});
	});

	test('a missing return route: the forward path works, the reply has no way back', async () => {
		const [a, , b] = await up('router');
		ip('-n', b!, 'route', 'del', 'default');
		const trace = await traced(a!, '192.168.2.1');
		assert.equal(trace.forward.at(-1)!.role, 'destination', 'the request arrives');
		assertBreaks(trace, a!, '192.168.2.1', {
			direction: 'return',
			at: b!,
			sentence: new RegExp(
				`^${b} has no route back to 192\\.168\\.1\\.1: add \`default via 192\\.168\\.2\\.254\` \\(r\\)$`,
			),
		});
	});

	test('a link down: its routes went with it, and u brings it back', async () => {
		const [a] = await up('router');
		ip('-n', a!, 'link', 'set', 'veth-ns1', 'down');
		const trace = await traced(a!, '192.168.2.1');
		assertBreaks(trace, a!, '192.168.2.1', {
			direction: 'forward',
			at: a!,
			sentence: /because veth-ns1 is down .*press u on veth-ns1 there/,
		});
	});

	test('a peer with no carrier: the far end is down, named with its namespace', async () => {
		const [a, router] = await up('router');
		ip('-n', router!, 'link', 'set', 'veth-router1', 'down');
		const trace = await traced(a!, '192.168.2.1');
		assertBreaks(trace, a!, '192.168.2.1', {
			direction: 'forward',
			at: a!,
			sentence: new RegExp(
				`veth-ns1 in ${a} has no carrier: its peer veth-router1 in ${router} is down: press u on it there`,
			),
		});
	});

	test('a wrong prefix length: the origin thinks the destination is on its wire', async () => {
		const [a] = await up('router');
		ip('-n', a!, 'addr', 'del', '192.168.1.1/24', 'dev', 'veth-ns1');
		ip('-n', a!, 'addr', 'add', '192.168.1.1/16', 'dev', 'veth-ns1');
		const trace = await traced(a!, '192.168.2.1');
		assertBreaks(trace, a!, '192.168.2.1', {
			direction: 'forward',
			at: a!,
			sentence: /wrong prefix length \(the other end has 192\.168\.1\.254\/24\)/,
		});
	});

	test('a DROP rule in FORWARD: the rule and its counter are named', async () => {
		const [a, router] = await up('router');
		inside(router!, 'iptables', '-A', 'FORWARD', '-d', '192.168.2.0/24', '-j', 'DROP');
		pings(a!, '192.168.2.1');
		const trace = await traced(a!, '192.168.2.1');
		assertBreaks(trace, a!, '192.168.2.1', {
			direction: 'forward',
			at: router!,
			sentence:
				/drops it in filter FORWARD by `-A FORWARD -d 192\.168\.2\.0\/24 -j DROP` \([1-9]\d* packets? so far\): remove or change that rule/,
		});
	});

	test('a FORWARD policy DROP that accepts only replies: the request is dropped by the policy', async () => {
		const [a, router] = await up('router');
		inside(router!, 'iptables', '-P', 'FORWARD', 'DROP');
		inside(
			router!,
			'iptables',
			'-A',
			'FORWARD',
			'-m',
			'conntrack',
			'--ctstate',
			'RELATED,ESTABLISHED',
			'-j',
			'ACCEPT',
		);
		const blocked = await traced(a!, '192.168.2.1');
		assertBreaks(blocked, a!, '192.168.2.1', {
			direction: 'forward',
			at: router!,
			sentence: /filter FORWARD by its policy DROP/,
		});
		inside(router!, 'iptables', '-A', 'FORWARD', '-i', 'veth-router1', '-j', 'ACCEPT');
		const opened = await traced(a!, '192.168.2.1');
		assert.ok(
			opened.return.some(hop =>
				hop.checks.some(check =>
					/accepted by `-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`/.test(
						check.text,
					),
				),
			),
			explain(opened),
		);
		assertWorks(opened, a!, '192.168.2.1');
	});

	test(
		'a drop in an nftables table of its own, which iptables-save does not show',
		{skip: findProgram('nft') ? false : 'needs nft (apt-get install nftables)'},
		async () => {
			const [a, router] = await up('router');
			inside(router!, 'nft', 'add', 'table', 'inet', 'guard');
			inside(
				router!,
				'nft',
				'add',
				'chain',
				'inet',
				'guard',
				'fw',
				'{ type filter hook forward priority 10; policy accept; }',
			);
			inside(
				router!,
				'nft',
				'add',
				'rule',
				'inet',
				'guard',
				'fw',
				'ip',
				'saddr',
				'192.168.1.0/24',
				'oifname',
				'veth-router2',
				'counter',
				'drop',
			);
			const trace = await traced(a!, '192.168.2.1');
			assertBreaks(trace, a!, '192.168.2.1', {
				direction: 'forward',
				at: router!,
				sentence:
					/drops it in inet guard fw by `ip saddr 192\.168\.1\.0\/24 meta oifname veth-router2 counter drop` \(\d+ packets? so far\)/,
			});
		},
	);

	test('a policy rule into an empty table', async () => {
		const [a] = await up('router');
		ip('-n', a!, 'route', 'del', 'default');
		ip('-n', a!, 'rule', 'add', 'to', '192.168.2.0/24', 'lookup', '100', 'pref', '100');
		const trace = await traced(a!, '192.168.2.1');
		assertBreaks(trace, a!, '192.168.2.1', {
			direction: 'forward',
			at: a!,
			sentence: /by rule 100 \(from all to 192\.168\.2\.0\/24\) lookup 100, and table 100 is empty/,
		});
	});

	test('a blackhole route in the router', async () => {
		const [a, router] = await up('router');
		ip('-n', router!, 'route', 'add', 'blackhole', '192.168.2.0/25');
		const trace = await traced(a!, '192.168.2.1');
		assertBreaks(trace, a!, '192.168.2.1', {
			direction: 'forward',
			at: router!,
			sentence:
				/drops traffic to 192\.168\.2\.1 by `blackhole 192\.168\.2\.0\/25`: delete that route \(d in Routes\)/,
		});
	});

	test('rp_filter=1 with an asymmetric path: b would answer through another link', async () => {
		const [a, , b] = await up('router');
		addBehind(b!, `${b}-c`, 'veth-c', 'veth-b', '10.9.0');
		ip('-n', b!, 'route', 'add', '192.168.1.0/24', 'via', '10.9.0.2');
		inside(b!, 'sysctl', '-qw', 'net.ipv4.conf.all.rp_filter=1');
		const trace = await traced(a!, '192.168.2.1');
		assertBreaks(trace, a!, '192.168.2.1', {
			direction: 'forward',
			at: b!,
			sentence:
				/drops packets from 192\.168\.1\.1 that come in on veth-ns2: rp_filter=1 and its route back to 192\.168\.1\.1 leaves through veth-c, not veth-ns2/,
		});
	});

	test('a bridge port down: the port and its bridge are named', async () => {
		const [host, web] = await up('bridge');
		ip('-n', host!, 'link', 'set', 'veth-db-br', 'down');
		const trace = await traced(web!, '192.168.15.6');
		assertBreaks(trace, web!, '192.168.15.6', {
			direction: 'forward',
			at: host!,
			sentence: new RegExp(
				`bridge port veth-db-br of vnet-0 in ${host} is down: press u on it there`,
			),
		});
	});

	test('seed 001\'s masquerade without "! -o vnet-0", with br_netfilter: the replies are sent to the host', async t => {
		const [host, web] = await up('bridge');
		if (!existsSync('/proc/sys/net/bridge/bridge-nf-call-iptables')) {
			// Loading br_netfilter would change how every bridge on the host is filtered: nstui's tests do not.
			t.skip('br_netfilter is not loaded on this host (tests do not load it)');
			return;
		}
		inside(host!, 'sysctl', '-qw', 'net.bridge.bridge-nf-call-iptables=1');
		inside(
			host!,
			'iptables',
			'-t',
			'nat',
			'-A',
			'POSTROUTING',
			'-s',
			'192.168.15.0/24',
			'-j',
			'MASQUERADE',
		);
		const trace = await traced(web!, '192.168.15.6');
		assert.ok(
			trace.forward.some(
				hop =>
					hop.role === 'bridge' &&
					hop.checks.some(check =>
						/rewrites the source 192\.168\.15\.5 to 192\.168\.15\.1 \(between ports of vnet-0\)/.test(
							check.text,
						),
					),
			),
			explain(trace),
		);
		assertBreaks(trace, web!, '192.168.15.6', {
			direction: 'return',
			at: host!,
			sentence:
				/masquerades traffic between ports of vnet-0 \(`-A POSTROUTING -s 192\.168\.15\.0\/24 -j MASQUERADE`\).*add "! -o vnet-0" to that rule \(M\)/,
		});
	});

	test('a port: nothing listens on it, then a listener does', async () => {
		const [, web, db] = await up('bridge');
		const closed = await traced(web!, `${db}:8080`);
		assert.equal(closed.to.port, 8080);
		const first = firstBreak(closed);
		assert.equal(first?.hop.label, db, explain(closed));
		assert.equal(first?.direction, 'forward');
		assert.match(
			closed.broken?.sentence ?? '',
			new RegExp(`^nothing in ${db} listens on 192\\.168\\.15\\.6:8080/tcp`),
		);
		assert.equal(
			connects(web!, '192.168.15.6', 8080),
			false,
			'the probe agrees: the connection is refused',
		);

		const server = spawn(
			'ip',
			[
				'netns',
				'exec',
				db!,
				process.execPath,
				'-e',
				`require('net').createServer(c=>c.end()).listen(8080,'0.0.0.0')`,
			],
			{stdio: 'ignore'},
		);
		try {
			for (
				let tries = 0;
				tries < 100 && !inside(db!, 'ss', '-Hltn', 'sport = :8080').trim();
				tries++
			)
				await sleep(30);
			const open = await traced(web!, `${db}:8080`);
			assert.equal(open.broken, null, explain(open));
			assert.ok(
				open.forward
					.at(-1)!
					.checks.some(
						check => check.ok === true && /listens on 0\.0\.0\.0:8080\/tcp/.test(check.text),
					),
				explain(open),
			);
			assert.ok(connects(web!, '192.168.15.6', 8080), 'the probe agrees: the connection is made');
		} finally {
			server.kill('SIGKILL');
		}
	});

	test(
		'the probe: a capture on each hop while FROM pings, agreeing with the trace both ways',
		{skip: findProgram('tcpdump') ? false : 'needs tcpdump (apt-get install tcpdump)'},
		async () => {
			const [a, router, b] = await up('router');
			const {snapshot} = await discover({owners: false});
			const works = await traceBetween(snapshot, a!, '192.168.2.1');
			assert.ok(works.ok);
			const fine = await probe(snapshot, works.trace);
			assert.equal(fine.answered, true);
			assert.equal(fine.agrees, true);
			assert.ok(
				fine.seen.every(point => point.error === null && point.requests > 0),
				JSON.stringify(fine.seen),
			);
			assert.ok(
				fine.seen.some(
					point => point.label === b && point.interface === 'veth-ns2' && point.replies > 0,
				),
			);

			inside(router!, 'sysctl', '-qw', 'net.ipv4.ip_forward=0');
			const broken = await traceBetween(snapshot, a!, '192.168.2.1');
			assert.ok(broken.ok && broken.trace.broken);
			const stopped = await probe(snapshot, broken.trace);
			assert.equal(stopped.answered, false);
			assert.equal(stopped.agrees, true);
			const seen = new Map(
				stopped.seen.map(point => [`${point.label} ${point.interface}`, point.requests]),
			);
			assert.ok(seen.get(`${router} veth-router1`)! > 0, 'the requests reach the router');
			assert.equal(
				stopped.lines.at(-1),
				`ping got no reply; the requests were seen last at ${router} veth-router1: the probe agrees with the trace`,
			);
		},
	);

	test('only the kernel knows: a rule sends the packet to a more specific route in another table', async () => {
		const [a, router] = await up('router');
		const c = addBehind(a!, `${a}-c`, 'veth-c', 'veth-a', '10.8.0');
		ip('-n', a!, 'route', 'add', '192.168.2.0/25', 'via', '10.8.0.2', 'table', '100');
		ip('-n', a!, 'rule', 'add', 'to', '192.168.2.0/24', 'lookup', '100', 'pref', '100');
		const trace = await traced(a!, '192.168.2.1');
		// The main table alone says "via 192.168.1.254 through the router"; the kernel says table 100, through c.
		assert.match(trace.forward[0]!.decision!, /via 10\.8\.0\.2 dev veth-c table 100/);
		assert.ok(
			trace.forward[0]!.checks.some(check => /rule 100 .* sends it to table 100/.test(check.text)),
			explain(trace),
		);
		assert.ok(!trace.forward.some(hop => hop.label === router), 'the router is not on the path');
		assertBreaks(trace, a!, '192.168.2.1', {
			direction: 'forward',
			at: c,
			sentence: new RegExp(`^${c} forwards no IPv4`),
		});
	});
});
