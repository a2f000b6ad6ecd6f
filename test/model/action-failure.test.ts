import assert from 'node:assert/strict';
import {test} from 'node:test';
import {operatorFailure} from '../../source/model/action-failure.js';

test('a namespace that vanished is named first, then what ip said', () => {
	const ipText = 'Error: argument "lab-b" is wrong: Invalid "netns" value';
	assert.equal(operatorFailure({ipText, vanished: ['lab-b']}), `lab-b no longer exists: ${ipText}`);
	assert.equal(operatorFailure({ipText: 'x', vanished: ['a', 'b']}), 'a and b no longer exist: x');
	assert.equal(operatorFailure({ipText: '', vanished: ['a']}), 'a no longer exists');
});

test('a vanished namespace explains the failure even when something was being created', () => {
	assert.match(
		operatorFailure({
			ipText: 'RTNETLINK answers: File exists',
			vanished: ['gone'],
			creates: {kind: 'interface', name: 'v0'},
		})!,
		/^gone no longer exists/,
	);
});

test('creating what exists says so, for each kind', () => {
	const cases = [
		[
			'namespace',
			'lab',
			'Cannot create namespace file "/run/netns/lab": File exists',
			'Namespace lab already exists',
		],
		[
			'interface',
			'br0',
			'RTNETLINK answers: File exists',
			'An interface named br0 already exists there',
		],
		[
			'address',
			'10.0.0.1/24',
			'Error: ipv4: Address already assigned.',
			'10.0.0.1/24 is already assigned there',
		],
		[
			'route',
			'10.8.0.0/24',
			'RTNETLINK answers: File exists',
			'A route to 10.8.0.0/24 already exists',
		],
	] as const;
	for (const [kind, name, ipText, words] of cases)
		assert.equal(
			operatorFailure({ipText, vanished: [], creates: {kind, name}}),
			`${words}: ${ipText}`,
		);
});

test('an interface that is gone is named', () => {
	assert.equal(
		operatorFailure({ipText: 'Cannot find device "eth9"', vanished: [], device: 'eth9'}),
		'eth9 no longer exists in this namespace: Cannot find device "eth9"',
	);
	assert.equal(
		operatorFailure({ipText: 'Cannot find device "other"', vanished: [], device: 'eth9'}),
		null,
	);
});

test("other failures keep ip's text alone", () => {
	assert.equal(
		operatorFailure({ipText: 'RTNETLINK answers: Operation not permitted', vanished: []}),
		null,
	);
	assert.equal(
		operatorFailure({
			ipText: 'RTNETLINK answers: No such process',
			vanished: [],
			creates: {kind: 'route', name: 'default'},
		}),
		null,
	);
});
