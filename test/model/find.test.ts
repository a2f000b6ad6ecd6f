import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {findAnything, type FindResult} from '../../source/model/find.js';
import {formatFindResult} from '../../source/model/format-find.js';
import {seedLab, vrfBridgeAndOddities} from '../fixtures/synthetic-snapshots.js';

const snapshot = seedLab();
const find = (term: string) => findAnything(snapshot, term);
const brief = (results: FindResult[]) =>
	results.map(r => `${r.match} ${r.how} ${r.namespaceLabel} ${r.interface ?? '-'} ${r.pid ?? '-'}`);
const inodeOf = (name: string) => snapshot.namespaces.find(ns => ns.name === name)!.inode;

describe('find by IP address', () => {
	test('an exact address: the interface holding it, first; same-subnet interfaces after', () => {
		const results = find('192.168.1.2');
		assert.deepEqual(brief(results).slice(0, 1), ['address exact ns2 veth1 -']);
		assert.equal(results[0]!.namespace, inodeOf('ns2'));
		assert.equal(results[0]!.what, '192.168.1.2/24 on veth1');
		// The router seed reuses 192.168.1.0/24, so a's veth-ns1 is on the same subnet.
		assert.deepEqual(brief(results.filter(r => r.how === 'within')).sort(), [
			'address within a veth-ns1 -',
			'address within ns1 veth0 -',
			'address within router veth-router1 -',
		]);
		assert.ok(!results.some(r => r.namespaceLabel === 'a' && r.how === 'exact'));
	});

	test('an address no interface has, inside an interface\'s prefix: found "within"', () => {
		const results = find('192.168.15.77');
		assert.deepEqual(brief(results).sort(), [
			'address within <unnamed> pid 2324 sleep veth-f -',
			'address within db eth0-db -',
			'address within host vnet-0 -',
			'address within web eth0-web -',
		]);
		assert.match(
			results.find(r => r.interface === 'vnet-0')!.what,
			/192\.168\.15\.1\/24 on vnet-0 \(its prefix holds 192\.168\.15\.77\)/,
		);
	});

	test('a gateway address also finds the routes through it', () => {
		const routes = find('192.168.1.254').filter(r => r.match === 'route');
		assert.deepEqual(brief(routes), ['route exact a veth-ns1 -']);
		assert.equal(routes[0]!.what, 'default via 192.168.1.254 dev veth-ns1');
	});

	test('IPv6, link-local included', () => {
		const [first] = find('fe80::c0e:52ff:fea8:a390');
		assert.deepEqual(brief([first!]), ['address exact ns1 veth0 -']);
		assert.deepEqual(brief(find('fd00::2')).slice(0, 1), ['address exact <host> eth0 -']);
	});

	test('an address nowhere: nothing', () => {
		assert.deepEqual(find('10.123.45.6'), []);
	});
});

describe('find by prefix', () => {
	test('192.168.15.0/24 holds the bridge and every namespace on it', () => {
		const addresses = find('192.168.15.0/24').filter(r => r.match === 'address');
		assert.deepEqual(brief(addresses).sort(), [
			'address within <unnamed> pid 2324 sleep veth-f -',
			'address within db eth0-db -',
			'address within host vnet-0 -',
			'address within web eth0-web -',
		]);
	});

	test('the routes to exactly that prefix come with it', () => {
		const routes = find('192.168.15.0/24').filter(r => r.match === 'route');
		assert.equal(routes.length, 4);
		assert.ok(routes.every(r => r.how === 'exact' && r.what.startsWith('192.168.15.0/24 dev ')));
	});

	test('an address written with its prefix length is an exact match', () => {
		assert.deepEqual(brief(find('192.168.15.5/24')).slice(0, 1), ['address exact web eth0-web -']);
	});

	test('an address inside a blackhole, unreachable or prohibit route finds that route', () => {
		const withEnds = structuredClone(snapshot);
		const router = withEnds.namespaces.find(ns => ns.name === 'router')!;
		const end = (type: string, dst: string) => ({
			family: 'inet' as const,
			dst,
			gateway: null,
			dev: null,
			table: 'main',
			protocol: 'bird',
			scope: null,
			metric: null,
			type,
		});
		router.routes.push(end('blackhole', '60.1.2.0/24'), end('unreachable', '60.9.0.0/16'));
		const found = (term: string) =>
			findAnything(withEnds, term)
				.filter(r => r.match === 'route')
				.map(r => `${r.how} ${r.namespaceLabel} ${r.what}`);
		assert.deepEqual(found('60.1.2.3'), ['within router blackhole 60.1.2.0/24']);
		assert.deepEqual(found('60.9.200.1'), ['within router unreachable 60.9.0.0/16']);
		assert.deepEqual(found('60.1.2.0/24'), ['exact router blackhole 60.1.2.0/24']);
		assert.deepEqual(found('60.1.3.1'), []);
	});

	test('a prefix that holds no address: no address results', () => {
		assert.deepEqual(find('192.168.16.0/24'), []);
	});
});

describe('find by MAC, PID, command, interface and namespace name', () => {
	const web = snapshot.namespaces.find(ns => ns.name === 'web')!;
	const mac = web.interfaces.find(link => link.name === 'eth0-web')!.mac!;

	test('a MAC, in any case and with dashes', () => {
		for (const term of [mac, mac.toUpperCase(), mac.replace(/:/g, '-')]) {
			assert.deepEqual(brief(find(term)), ['mac exact web eth0-web -'], term);
		}
		assert.deepEqual(find('02:00:00:00:00:99'), []);
	});

	test('part of a MAC', () => {
		assert.deepEqual(brief(find(mac.slice(-5).toUpperCase())), ['mac partial web eth0-web -']);
	});

	test('a PID: the process and the namespace it holds', () => {
		const results = find('2324');
		assert.deepEqual(brief(results), ['process exact <unnamed> pid 2324 sleep - 2324']);
		assert.equal(results[0]!.what, 'pid 2324 sleep: sleep infinity');
		assert.deepEqual(results[0]!.pids, [2324]);
	});

	test('a PID is not a substring search: 232 finds nothing', () => {
		assert.deepEqual(find('232'), []);
	});

	test('a command name, exactly or in part, and a piece of a command line', () => {
		assert.deepEqual(brief(find('sleep')), ['process exact <unnamed> pid 2324 sleep - 2324']);
		assert.deepEqual(brief(find('SLEE')), ['process partial <unnamed> pid 2324 sleep - 2324']);
		assert.deepEqual(brief(find('infinity')), ['process partial <unnamed> pid 2324 sleep - 2324']);
		assert.deepEqual(brief(find('sshd')), ['process exact <host> - 812']);
	});

	test("an interface name: which namespace holds it, its peer and the namespace's PIDs (seed 002)", () => {
		const results = find('veth-e');
		assert.deepEqual(brief(results), ['interface exact host veth-e -']);
		assert.match(
			results[0]!.what,
			/^veth-e \(veth, UP, .*master vnet-0, peer veth-f in <unnamed> pid 2324 sleep\)$/,
		);
		assert.equal(results[0]!.namespace, inodeOf('host'));
		const eth0 = find('eth0').find(r => r.how === 'exact')!;
		assert.deepEqual([eth0.namespaceLabel, eth0.pids, eth0.processCount], ['<host>', [1, 812], 2]);
	});

	test('part of an interface name finds every interface with it, exact ones first', () => {
		const results = find('veth-router');
		assert.deepEqual(brief(results), [
			'interface partial router veth-router1 -',
			'interface partial router veth-router2 -',
		]);
		assert.deepEqual(brief(find('eth0')).slice(0, 1), ['interface exact <host> eth0 -']);
	});

	test('a namespace, by name or by inode', () => {
		assert.deepEqual(brief(find('router')).slice(0, 1), ['namespace exact router - -']);
		const inode = inodeOf('ns1');
		assert.deepEqual(brief(find(`net:[${inode}]`)), ['namespace exact ns1 - -']);
		assert.deepEqual(brief(find(String(inode))), ['namespace exact ns1 - -']);
	});

	test('nothing and blank: no results', () => {
		assert.deepEqual(find('no-such-thing'), []);
		assert.deepEqual(find('   '), []);
	});
});

describe('find in odd namespaces, and its one-line text', () => {
	test('part of a command name alone, with no command line to fall back on', () => {
		const results = findAnything(vrfBridgeAndOddities(), 'PHP-FPM');
		assert.deepEqual(brief(results), ['process partial <unnamed> pid 4242 nginx - 4250']);
		assert.equal(results[0]!.what, 'pid 4250 php-fpm7.4');
	});

	test('an unresolved veth is found and says so', () => {
		const [result] = findAnything(vrfBridgeAndOddities(), 'veth9');
		assert.match(result!.what, /peer unresolved/);
	});

	test('the text line says what, then where with the PIDs', () => {
		const [result] = find('veth-f');
		assert.equal(
			formatFindResult(result!),
			`interface  ${result!.what}  ·  in <unnamed> pid 2324 sleep net:[${result!.namespace}], pids 2324`,
		);
		const [host] = find('veth-e');
		assert.match(formatFindResult(host!), / {2}· {2}in host net:\[\d+\], no processes$/);
	});
});
