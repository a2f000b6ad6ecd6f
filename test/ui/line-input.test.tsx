import {test} from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import {LineInput} from '../../source/ui/app/LineInput.js';
import {lineOf} from '../../source/model/line-edit.js';

test('a placeholder (a suggestion read from the system) reaches the terminal only through the sanitizer', () => {
	for (const focused of [true, false]) {
		const {lastFrame, unmount} = render(
			<LineInput
				line={lineOf('')}
				placeholder={'\u001b]0;pwned\u0007\u001b[2J10.0.0.1'}
				focused={focused}
			/>,
		);
		const frame = lastFrame() ?? '';
		assert.ok(!frame.includes('\u0007'), 'no BEL');
		assert.ok(!frame.includes('\u001b]0;'), 'no title sequence');
		assert.ok(!frame.includes('\u001b[2J'), 'no clear screen');
		assert.match(frame, /10\.0\.0\.1/);
		unmount();
	}
});
