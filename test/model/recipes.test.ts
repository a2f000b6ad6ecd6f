import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
	recipeDown,
	recipeNamespaces,
	recipeUp,
	validateRecipePrefix,
} from '../../source/model/recipes.js';

test("every recipe step stays inside the recipe's own namespaces", () => {
	for (const recipe of ['direct', 'router', 'bridge'] as const) {
		const own = new Set(recipeNamespaces(recipe, 'p'));
		for (const step of recipeUp(recipe, 'p')) {
			const request = step.request as {
				name?: string;
				namespace?: {name: string};
				peerNetns?: {name: string};
			};
			const touched = [
				request.namespace?.name,
				request.peerNetns?.name,
				step.action === 'addNamespace' ? request.name : undefined,
			];
			for (const name of touched)
				if (name !== undefined) assert.ok(own.has(name), `${step.action} touches ${name}`);
		}
	}
});

test('router forwards on the router and routes a and b through it', () => {
	const steps = recipeUp('router', 'lab');
	assert.deepEqual(
		steps.filter(s => s.action === 'setForwarding').map(s => s.request),
		[{namespace: {name: 'lab-router'}, enabled: true}],
	);
	assert.deepEqual(
		steps.filter(s => s.action === 'addRoute').map(s => s.request),
		[
			{namespace: {name: 'lab-a'}, destination: 'default', gateway: '192.168.1.254'},
			{namespace: {name: 'lab-b'}, destination: 'default', gateway: '192.168.2.254'},
		],
	);
});

test('bridge masquerades out of anything but the bridge', () => {
	const nat = recipeUp('bridge', 'lab').filter(s => s.action === 'addMasquerade');
	assert.deepEqual(
		nat.map(s => s.request),
		[{namespace: {name: 'lab-host'}, source: '192.168.15.0/24', exceptOutInterface: 'vnet-0'}],
	);
});

test('down deletes exactly the namespaces up made', () => {
	assert.deepEqual(
		recipeDown('bridge', 'x').map(s => s.request),
		[{name: 'x-db'}, {name: 'x-web'}, {name: 'x-host'}],
	);
});

test('a prefix that makes a bad namespace name is refused', () => {
	assert.equal(validateRecipePrefix('a/b', 'direct').ok, false);
	assert.equal(validateRecipePrefix('x'.repeat(250), 'router').ok, false);
	assert.equal(validateRecipePrefix('lab', 'router').ok, true);
});
