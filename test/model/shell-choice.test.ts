import assert from 'node:assert/strict';
import {test} from 'node:test';
import {chooseShell, parseEtcShells} from '../../source/model/shell-choice.js';

const etcShells = '# /etc/shells: valid login shells\n/bin/sh\n/bin/bash\n\n/usr/bin/zsh\n';

test('/etc/shells: paths only', () => {
	assert.deepEqual(parseEtcShells(etcShells), ['/bin/sh', '/bin/bash', '/usr/bin/zsh']);
});

test('$SHELL only when listed and executable, else /bin/sh', () => {
	const listed = parseEtcShells(etcShells);
	assert.equal(
		chooseShell('/bin/bash', listed, () => true),
		'/bin/bash',
	);
	assert.equal(
		chooseShell('/usr/bin/zsh', listed, () => false),
		'/bin/sh',
	);
	assert.equal(
		chooseShell('/tmp/evil', listed, () => true),
		'/bin/sh',
	);
	assert.equal(
		chooseShell('bash', listed, () => true),
		'/bin/sh',
	);
	assert.equal(
		chooseShell(undefined, listed, () => true),
		'/bin/sh',
	);
	assert.equal(
		chooseShell('', listed, () => true),
		'/bin/sh',
	);
});
