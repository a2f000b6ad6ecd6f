// Property-based: random and hostile strings through the one validation layer.
// Whatever it accepts reaches ip as exactly one argument that cannot be read as
// an option; nothing is ever joined into a string for a shell.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
	validateCidr,
	validateGateway,
	validateInterfaceName,
	validateNamespaceName,
	validatePid,
	validateRouteDestination,
} from '../../source/model/validate.js';
import {
	addAddressArgv,
	addNamespaceArgv,
	addVethArgv,
	shellLine,
} from '../../source/model/commands.js';

const hostile = fc.oneof(
	fc.string({unit: 'binary', maxLength: 300}),
	fc.string({unit: 'grapheme', maxLength: 40}),
	fc
		.array(
			fc.constantFrom(
				';',
				'$(',
				')',
				'`',
				'|',
				'&',
				'>',
				'<',
				'\n',
				'\0',
				'-',
				' ',
				'*',
				"'",
				'"',
				'\\',
				'a',
				'1',
				'/',
				':',
				'\u200b',
				'\u202e',
				'а',
			),
			{maxLength: 30},
		)
		.map(parts => parts.join('')),
	fc.constant('x'.repeat(10_000)),
	fc.uint8Array({maxLength: 40}).map(bytes => Buffer.from(bytes).toString('latin1')),
);
const runs = {numRuns: 2000};

test('accepted namespace names: one argument, no option, no slash, no control character, ≤ 255 bytes', () => {
	fc.assert(
		fc.property(hostile, input => {
			const check = validateNamespaceName(input);
			if (!check.ok) return;
			const argv = addNamespaceArgv(check.value);
			assert.equal(argv.at(-1), input);
			assert.ok(!input.startsWith('-') && !input.includes('/') && input !== '.' && input !== '..');
			assert.doesNotMatch(input, /[\u0000-\u001f\u007f\s]/);
			assert.ok(Buffer.byteLength(input) <= 255);
		}),
		runs,
	);
});

test('accepted interface names: 1 to 15 bytes, no slash, colon, space or option', () => {
	fc.assert(
		fc.property(hostile, hostile, (a, b) => {
			const name = validateInterfaceName(a);
			const peer = validateInterfaceName(b);
			if (!name.ok || !peer.ok) return;
			const bytes = Buffer.byteLength(a);
			assert.ok(bytes >= 1 && bytes <= 15);
			assert.doesNotMatch(a, /[/:\s\u0000-\u001f]|^-/);
			const argv = addVethArgv({name: 'ns'}, name.value, peer.value, null);
			assert.equal(argv.filter(arg => arg === a).length >= 1, true);
			assert.ok(argv.every(arg => !/[\n\0]/.test(arg)));
		}),
		runs,
	);
});

test('addresses, gateways, destinations and PIDs accept only what they parse', () => {
	fc.assert(
		fc.property(hostile, input => {
			const cidr = validateCidr(input);
			if (cidr.ok) {
				assert.match(cidr.value.text, /^[0-9a-f.:]+\/\d{1,3}$/i);
				assert.deepEqual(addAddressArgv({name: 'ns'}, 'eth0', cidr.value).slice(-4), [
					'add',
					cidr.value.text,
					'dev',
					'eth0',
				]);
			}
			const gateway = validateGateway(input);
			if (gateway.ok) assert.match(gateway.value.address, /^[0-9a-f.:]+$/i);
			const destination = validateRouteDestination(input);
			if (destination.ok && destination.value.kind === 'prefix')
				assert.match(destination.value.text, /^[0-9a-f.:]+\/\d+$/i);
			const pid = validatePid(input);
			if (pid.ok) assert.ok(Number.isInteger(pid.value) && pid.value > 0);
		}),
		runs,
	);
});

test('the pasteable form of a command quotes every hostile word', () => {
	fc.assert(
		fc.property(hostile, input => {
			const line = shellLine(['ip', 'netns', 'add', input]);
			if (/[^\w@%+=:,./-]/.test(input) || input === '') assert.ok(line.endsWith("'"), line);
		}),
		{numRuns: 500},
	);
});
