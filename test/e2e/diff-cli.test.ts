// `nstui diff OLD.json NEW.json [--json]` from the built CLI, on two real
// `nstui snapshot --json` files around one change: that change, and only it,
// among the namespaces the test made (the host's others may change meanwhile).
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {builtCli} from '../helpers/tmux.js';
import {needsRoot} from '../helpers/root.js';
import {Lab, ip} from '../helpers/lab.js';
import {validateChangeLine} from '../helpers/change-schema.js';

const skip =
	needsRoot ||
	(existsSync(builtCli) ? false : 'needs the build: run `npm run build` first (npm test does)');
const nstui = (...args: string[]) =>
	spawnSync(process.execPath, [builtCli, ...args], {
		stdio: ['ignore', 'pipe', 'pipe'],
		encoding: 'utf8',
		timeout: 60_000,
		maxBuffer: 256 * 1024 * 1024,
	});

type Line = {
	kind: string;
	namespace: {name: string | null};
	text: string;
	before: unknown;
	after: unknown;
};

describe('nstui diff', {skip}, () => {
	const lab = new Lab('tldiff');
	const dir = mkdtempSync(path.join(tmpdir(), 'nstui-tldiff-'));
	const file = (name: string) => path.join(dir, name);
	let a = '';
	let b = '';
	const snapshot = (name: string) => {
		const result = nstui('snapshot', '--json');
		assert.equal(result.status, 0, result.stderr);
		writeFileSync(file(name), result.stdout);
	};
	const ours = (lines: Line[]) => lines.filter(line => line.namespace.name?.startsWith(lab.prefix));
	before(() => {
		a = lab.ns('a');
		b = lab.ns('b');
		ip(
			'link',
			'add',
			`${lab.prefix.slice(-6)}x`,
			'netns',
			a,
			'type',
			'veth',
			'peer',
			'name',
			'vb',
			'netns',
			b,
		);
		ip('-n', a, 'link', 'set', `${lab.prefix.slice(-6)}x`, 'name', 'va');
	});
	after(async () => {
		await lab.teardown();
		rmSync(dir, {recursive: true, force: true});
	});

	test('an address added between two snapshots is named, exactly, in text and in JSON', () => {
		snapshot('old.json');
		ip('-n', a, 'addr', 'add', '10.77.0.1/24', 'dev', 'va');
		snapshot('new.json');
		const json = nstui('diff', file('old.json'), file('new.json'), '--json');
		assert.equal(json.status, 1, json.stderr);
		const lines = json.stdout.trimEnd().split('\n');
		for (const line of lines) assert.deepEqual(validateChangeLine(line), [], line);
		const mine = ours(lines.map(line => JSON.parse(line) as Line));
		// Adding an address to a link that is down adds no route: the one change is the address.
		assert.deepEqual(
			mine.map(line => [line.namespace.name, line.kind, line.text]),
			[[a, 'address-added', 'address 10.77.0.1/24 added on va']],
		);
		const text = nstui('diff', file('old.json'), file('new.json'));
		assert.equal(text.status, 1);
		const ourText = text.stdout.split('\n').filter(line => line.includes(lab.prefix));
		assert.equal(ourText.length, 1, text.stdout);
		assert.match(
			ourText[0]!,
			new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z  ${a}  address 10\\.77\\.0\\.1/24 added on va$`),
		);
	});

	test('a veth moved between two snapshots is "moved out of A" and "moved into B"', () => {
		snapshot('before-move.json');
		ip('-n', a, 'link', 'set', 'va', 'netns', b);
		snapshot('after-move.json');
		const result = nstui('diff', file('before-move.json'), file('after-move.json'), '--json');
		const mine = ours(
			result.stdout
				.trimEnd()
				.split('\n')
				.map(line => JSON.parse(line) as Line),
		);
		assert.deepEqual(
			mine.map(line => [line.namespace.name, line.kind, line.text]),
			[
				[a, 'link-moved-out', `link va moved out of ${a} into ${b}`],
				[b, 'link-moved-in', `link va moved into ${b} from ${a}`],
			],
		);
	});

	test('the same file twice: nothing, exit 0; a file that is not a snapshot: exit 2', () => {
		const same = nstui('diff', file('old.json'), file('old.json'));
		assert.equal(same.status, 0);
		assert.equal(same.stdout, '');
		writeFileSync(file('bad.json'), '{"hello": 1}');
		const bad = nstui('diff', file('old.json'), file('bad.json'));
		assert.equal(bad.status, 2);
		assert.match(bad.stderr, /bad\.json: not a snapshot/);
		assert.equal(nstui('diff', file('old.json')).status, 2);
	});
});
