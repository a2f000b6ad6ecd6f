import assert from 'node:assert/strict';
import {test} from 'node:test';
import {versionLine} from '../../source/model/version-line.js';

test('the npm install names the node it runs on', () => {
	assert.equal(
		versionLine('0.1.0', {standalone: false, node: 'v20.20.2', platform: 'linux', arch: 'x64'}),
		'nstui 0.1.0 (node v20.20.2 linux-x64)',
	);
});

test('the standalone executable says so, and names the node built into it', () => {
	assert.equal(
		versionLine('0.1.0', {standalone: true, node: 'v26.12.1', platform: 'linux', arch: 'arm64'}),
		'nstui 0.1.0 (standalone, node v26.12.1 linux-arm64)',
	);
});
