import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {mtuMismatches, mtuMismatchText} from '../../source/model/mtu-mismatch.js';
import {namespace, wire} from '../fixtures/synthetic-snapshots.js';

describe('veth ends with different MTUs', () => {
	test('one warning per pair, naming the smaller end and its size', () => {
		const a = namespace(10, 'ns-a');
		const b = namespace(20, 'ns-b');
		wire(a, 'veth0', b, 'veth1');
		b.interfaces.find(link => link.name === 'veth1')!.mtu = 1400;
		const found = mtuMismatches([b, a]);
		assert.equal(found.length, 1);
		assert.equal(
			mtuMismatchText(found[0]!),
			'veth ends differ: veth1@ns-b (MTU 1400) and veth0@ns-a (MTU 1500): packets over 1400 bytes sent from ns-a are dropped at veth1',
		);
	});

	test('equal ends, an unresolved peer and a peer outside the snapshot say nothing', () => {
		const a = namespace(10, 'ns-a');
		const b = namespace(20, 'ns-b');
		wire(a, 'veth0', b, 'veth1');
		const c = namespace(30, 'ns-c');
		wire(c, 'out0', namespace(40, 'gone'), 'out1');
		c.interfaces.find(link => link.name === 'out0')!.mtu = 9000;
		assert.deepEqual(mtuMismatches([a, b, c]), []);
	});

	test('both ends in one namespace count once', () => {
		const a = namespace(10, 'ns-a');
		wire(a, 'left', a, 'right');
		a.interfaces.find(link => link.name === 'right')!.mtu = 1280;
		assert.equal(mtuMismatches([a]).length, 1);
	});
});
