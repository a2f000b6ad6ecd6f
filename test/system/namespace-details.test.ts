import {after, before, describe, test} from 'node:test';
import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import {discover} from '../../source/system/discovery/discoverer.js';
import {readFirewall, readNeighbours} from '../../source/system/namespace-details.js';
import {riskyMasquerades} from '../../source/model/firewall.js';
import {findProgram} from '../../source/system/programs.js';
import {needsRoot} from '../helpers/root.js';
import {Lab, sh} from '../helpers/lab.js';

const cli = path.resolve(import.meta.dirname, '../../dist/cli.js');
const needsTools =
	needsRoot ||
	(!findProgram('iptables') && 'needs iptables (apt-get install iptables)') ||
	(!findProgram('ping') && 'needs ping (apt-get install iputils-ping)');

describe('neighbours and firewall of a namespace', {skip: needsTools}, () => {
	const lab = new Lab('details');
	let names: ReturnType<Lab['bridge']>;
	before(() => {
		names = lab.bridge();
	});
	after(() => lab.teardown());

	test("after web pings db, web's neighbour cache has db", async () => {
		sh('ip', 'netns', 'exec', names.web, 'ping', '-c', '1', '-W', '2', '192.168.15.6');
		const neighbours = await readNeighbours({name: names.web});
		assert.equal(neighbours.error, null);
		assert.ok(
			neighbours.value?.some(n => n.address === '192.168.15.6' && n.dev === 'eth0-web' && n.lladdr),
		);
	});

	test("the seed's masquerade rule is read from the namespace and flagged", async () => {
		sh(
			'ip',
			'netns',
			'exec',
			names.host,
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
		const firewall = await readFirewall({name: names.host});
		assert.equal(firewall.error, null);
		assert.deepEqual(
			firewall.value?.rules.filter(rule => rule.table === 'nat'),
			[{table: 'nat', chain: 'POSTROUTING', spec: '-s 192.168.15.0/24 -j MASQUERADE'}],
		);
		const host = (await discover()).snapshot.namespaces.find(ns => ns.name === names.host)!;
		assert.equal(riskyMasquerades(firewall.value, host)[0]?.bridge, 'vnet-0');
		const web = await readFirewall({name: names.web});
		assert.deepEqual(web.value?.rules, []);
	});

	test(
		'nstui topology shows the rule in the host box, marked as risky',
		{skip: existsSync(cli) ? false : 'needs the build (npm run build)'},
		() => {
			const drawing = execFileSync(process.execPath, [cli, 'topology'], {
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'ignore'],
			});
			const lines = drawing.split('\n');
			const start = lines.findIndex(line => line.includes(`─ ${names.host} `));
			const box = lines.slice(
				start,
				lines.findIndex((line, index) => index > start && line.startsWith('└')),
			);
			assert.ok(
				box.some(line => /MASQUERADE/.test(line) && /192\.168\.15\.0\/24/.test(line)),
				box.join('\n'),
			);
			assert.ok(
				box.some(line => /vnet-0/.test(line) && /! -o|between|ports/.test(line)),
				'the risk is named',
			);
		},
	);
});
