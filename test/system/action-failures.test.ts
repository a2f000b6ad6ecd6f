// Failures in the operator's words, against namespaces this test creates and
// deletes (nstui-fail-<pid>-<n>); ip's own text still follows ours.
import assert from 'node:assert/strict';
import {after, describe, test} from 'node:test';
import {
	addNamespace,
	addVethPair,
	moveInterface,
	setLinkState,
} from '../../source/system/actions/index.js';
import {CommandLog} from '../../source/system/command-log.js';
import {ip, ipJson, Lab, namespaceExists, needsRoot} from '../helpers/lab.js';

const lab = new Lab('fail');
after(() => lab.teardown());
const log = () => ({log: new CommandLog()});

describe('failures say what happened', {skip: needsRoot}, () => {
	test('moving a link into a namespace deleted meanwhile names it, then what ip said', async () => {
		const from = lab.ns('from');
		const gone = lab.ns('gone');
		const made = await addVethPair(
			{namespace: {name: from}, name: 'vf', peerName: 'vg', peerNetns: null},
			log(),
		);
		assert.equal(made.ok, true, made.message);
		ip('netns', 'del', gone);
		assert.equal(namespaceExists(gone), false);

		const moved = await moveInterface(
			{namespace: {name: from}, device: 'vf', to: {name: gone}},
			log(),
		);
		assert.equal(moved.ok, false);
		assert.ok(
			moved.message.startsWith(`${gone} no longer exists: `),
			`operator's words first: ${moved.message}`,
		);
		assert.match(moved.message, /Invalid "netns" value/, "ip's text after");
		assert.equal(ipJson('-n', from, 'link', 'show', 'dev', 'vf').length, 1, 'vf stayed');

		const inside = await setLinkState({namespace: {name: gone}, device: 'vf', up: true}, log());
		assert.equal(inside.ok, false);
		assert.match(
			inside.message,
			new RegExp(`^${gone} no longer exists: Cannot open network namespace`),
		);
	});

	test('creating a namespace that exists says so', async () => {
		const name = lab.ns('twice');
		const again = await addNamespace({name}, log());
		assert.equal(again.ok, false);
		assert.match(again.message, new RegExp(`^Namespace ${name} already exists: .*File exists`));
	});

	test('a link that is not there is named', async () => {
		const ns = lab.ns('nodev');
		const result = await setLinkState({namespace: {name: ns}, device: 'nope0', up: true}, log());
		assert.equal(result.ok, false);
		assert.equal(
			result.message,
			'nope0 no longer exists in this namespace: Cannot find device "nope0"',
		);
	});
});
