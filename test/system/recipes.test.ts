import {needsPrograms} from '../helpers/ci-packages.js';
import {after, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {spawnSync} from 'node:child_process';
import {runRecipe} from '../../source/system/recipes.js';
import {recipeNamespaces, type RecipeName} from '../../source/model/recipes.js';
import {CommandLog} from '../../source/system/command-log.js';
import {needsRoot} from '../helpers/root.js';
import {ip, ipJson, sh, uniquePrefix} from '../helpers/lab.js';

const skip = needsRoot || needsPrograms('ping', 'iptables', 'iptables-save', 'sysctl');
const pings = (ns: string, address: string) =>
	spawnSync('ip', ['netns', 'exec', ns, 'ping', '-c', '1', '-W', '2', address], {stdio: 'ignore'})
		.status === 0;

describe('recipes build the seed topologies for real, and tear them down', {skip}, () => {
	const made: Array<[RecipeName, string]> = [];
	after(() => {
		for (const [recipe, prefix] of made) {
			for (const name of recipeNamespaces(recipe, prefix))
				spawnSync('ip', ['netns', 'del', name], {stdio: 'ignore'});
		}
	});
	const up = async (recipe: RecipeName) => {
		const prefix = uniquePrefix(`rcp`);
		made.push([recipe, prefix]);
		const log = new CommandLog();
		const outcome = await runRecipe(recipe, 'up', prefix, {context: {log}});
		assert.equal(outcome.ok, true, outcome.message);
		assert.equal(
			log.getSnapshot().length,
			outcome.results.length,
			'every step is in the command log',
		);
		return {prefix, names: recipeNamespaces(recipe, prefix)};
	};

	test('direct: ns1 pings ns2 over the veth pair', async () => {
		const {
			names: [ns1, ns2],
		} = await up('direct');
		assert.ok(pings(ns1!, '192.168.1.2'));
		assert.equal(
			ipJson(`-n`, ns2!, 'addr', 'show', 'dev', 'veth1')[0].addr_info[0].local,
			'192.168.1.2',
		);
	});

	test('router: a pings b through the router, and not without forwarding', async () => {
		const {
			names: [a, router],
		} = await up('router');
		assert.ok(pings(a!, '192.168.2.1'));
		sh('ip', 'netns', 'exec', router!, 'sysctl', '-qw', 'net.ipv4.ip_forward=0');
		assert.equal(pings(a!, '192.168.2.1'), false);
	});

	test('bridge: web pings db and the bridge with the NAT rule in place, and down removes it all', async () => {
		const {
			prefix,
			names: [host, web],
		} = await up('bridge');
		assert.ok(pings(web!, '192.168.15.6'), 'web reaches db across the bridge');
		assert.ok(pings(web!, '192.168.15.1'), 'web reaches the bridge address');
		assert.match(
			sh('ip', 'netns', 'exec', host!, 'iptables-save', '-t', 'nat'),
			/-s 192\.168\.15\.0\/24 ! -o vnet-0 -j MASQUERADE/,
		);
		assert.equal(ipJson('-n', host!, '-d', 'link', 'show', 'veth-web-br')[0].master, 'vnet-0');
		const outcome = await runRecipe('bridge', 'down', prefix, {context: {log: new CommandLog()}});
		assert.equal(outcome.ok, true, outcome.message);
		for (const name of recipeNamespaces('bridge', prefix))
			assert.equal(existsSync(`/run/netns/${name}`), false);
	});

	test('up stops at the first failing step and says which', async () => {
		const prefix = uniquePrefix('rcp');
		made.push(['direct', prefix]);
		ip('netns', 'add', `${prefix}-ns2`);
		const outcome = await runRecipe('direct', 'up', prefix, {context: {log: new CommandLog()}});
		assert.equal(outcome.ok, false);
		assert.match(outcome.message, /step 2 of/);
		assert.equal(outcome.results.length, 2);
	});
});
